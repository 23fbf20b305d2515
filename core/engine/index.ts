// The workflow engine: protocol contract, plugin loading, workflows, the step store, execution.

// region protocol contract
export { artifactKinds, isArtifactKind, type ArtifactKind } from './protocol/ArtifactKind.js';
export type { ArtifactRef } from './protocol/ArtifactRef.js';
export { defineProtocol } from './protocol/defineProtocol.js';
export type { FigureValue, FileValue, OutputValue, OutputValueMap, ProtocolOutputs } from './protocol/OutputValue.js';
export type {
  AnyParamValue,
  BooleanParamSpec,
  NumberListParamSpec,
  NumberParamSpec,
  ParamSpec,
  ParamSpecs,
  ParamType,
  ParamValue,
  ParamValues,
  PathParamSpec,
  StringListParamSpec,
  StringParamSpec,
} from './protocol/ParamSpec.js';
export type { InputPortSpec, InputPortSpecs, OutputPortSpec, OutputPortSpecs } from './protocol/PortSpec.js';
export type { AnyProtocol, Execution, Protocol, ProtocolSpec, SectionIdentity } from './protocol/Protocol.js';
export type { LoadedFigure, LoadedSection, ProtocolContext, StepInputs } from './protocol/ProtocolContext.js';
export { checkParamValue, describeParamType, validateParams, type ParamProblem, type ParamValidation } from './protocol/validateParams.js';
// endregion

// region plugins and configuration
export { createPluginHost } from './plugins/createPluginHost.js';
export { loadProtocolRegistry } from './plugins/loadProtocolRegistry.js';
export { configFileNames, loadVrsConfig, type LoadVrsConfigOptions } from './plugins/loadVrsConfig.js';
export { engineVersion, packageModule, packageRoot, runningFromSources } from './plugins/packageInfo.js';
export { PROTOCOL } from './plugins/PROTOCOL.js';
export { ProtocolRegistry, type RegisteredProtocol } from './plugins/ProtocolRegistry.js';
export { resolvePluginModule } from './plugins/resolvePluginModule.js';
export type { VrsConfig, VrsSlurmSettings } from './plugins/VrsConfig.js';
export { pluginApiVersion, type VrsPluginExport, type VrsPluginHost } from './plugins/VrsPluginHost.js';
// endregion

// region workflows
export { flattenWorkflow } from './workflow/flattenWorkflow.js';
export { loadWorkflow } from './workflow/loadWorkflow.js';
export { stepOf, type InputSource, type ParamBinding, type Workflow, type WorkflowStep } from './workflow/Workflow.js';
export { formatWorkflowIssue, type SourceLocation, type WorkflowIssue } from './workflow/WorkflowIssue.js';
export { WorkflowValidationError } from './workflow/WorkflowValidationError.js';
export { workflowSchema } from './workflow/workflowSchema.js';
export { workflowEdges, type WorkflowEdge } from './graph/workflowEdges.js';
export { workflowToDot } from './graph/workflowToDot.js';
export { workflowToMermaid } from './graph/workflowToMermaid.js';
// endregion

// region store and run folder
export { canonicalJson, strictJsonStringify } from './store/canonicalJson.js';
export { FileDigestCache } from './store/FileDigestCache.js';
export { storeFormat, type ArtifactRecord, type StepKeyMaterial, type StepManifest, type StoredFile } from './store/StepManifest.js';
export { StepStore, type StepWorkspace, type StoredStep } from './store/StepStore.js';
export { RunDir } from './run/RunDir.js';
export { RunLockedError } from './run/RunLockedError.js';
export { asidePath, checkRunFolderPath, setAside } from './run/checkRunFolder.js';
export { readYamlText, yamlAliasError, yamlLimits } from './workflow/yamlLimits.js';
export type { RunRecord } from './run/RunRecord.js';
// endregion

// region execution and events
export { CompositeLifeCycle } from './lifecycle/CompositeLifeCycle.js';
export type { EngineEventName, EngineEvents, RunStatus, StepOutcome } from './lifecycle/EngineEvents.js';
export type { LifeCycle } from './lifecycle/LifeCycle.js';
export { JsonLinesLifeCycle } from './lifecycle/JsonLinesLifeCycle.js';
export { TimingsLifeCycle, type StepTiming } from './lifecycle/TimingsLifeCycle.js';
export { JournalLifeCycle } from './run/JournalLifeCycle.js';
export { planWorkflow, type PlanWorkflowOptions, type StepPlan } from './execute/planWorkflow.js';
export { resolveWorkflowParams } from './execute/resolveWorkflowParams.js';
export { runWorkflow, type RunWorkflowOptions } from './execute/runWorkflow.js';
export type { RunSummary, StepReport } from './execute/RunSummary.js';
// endregion
export * from './slurm/index.js';
