import { resolve } from 'node:path';
import { loadProtocolRegistry, loadWorkflow, resolveWorkflowParams, RunDir, type AnyParamValue, type ProtocolRegistry, type RunRecord, type Workflow } from '../engine/index.js';
import { VrsInputError } from '../errors/index.js';

export interface RecordedRun {
  runDir: RunDir;
  record: RunRecord;
  registry: ProtocolRegistry;
  workflow: Workflow;
  params: Record<string, AnyParamValue>;
  /** The part of executeCliRun's options that comes from the run folder. */
  runOptions: { workflow: Workflow; registry: ProtocolRegistry; params: Record<string, AnyParamValue>; runDir: string; store: string };
}

/**
 * A run folder ready to run again: the same plugin modules, the workflow as it ran (the folder's
 * workflow.yaml) and the same parameter values.
 */
export async function openRecordedRun(dir: string, cwd: string): Promise<RecordedRun> {
  const runDir = new RunDir(resolve(cwd, dir));
  const record = runDir.readRecord();
  if (!record) throw new VrsInputError('not a run folder (no run.json); start one with vrs run WORKFLOW --out DIR', runDir.dir);
  const registry = await loadProtocolRegistry(record.modules);
  const workflow = loadWorkflow(runDir.workflowFile, registry);
  const params = resolveWorkflowParams(workflow, record.params, runDir.dir);
  return { runDir, record, registry, workflow, params, runOptions: { workflow, registry, params, runDir: runDir.dir, store: record.store } };
}
