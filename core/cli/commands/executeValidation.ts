import { join, resolve } from 'node:path';
import { checkRunFolderPath, loadWorkflow, packageRoot, resolveWorkflowParams, type AnyParamValue, type ProtocolRegistry, type Workflow } from '../../engine/index.js';
import type { GlobalOptions } from '../CliContext.js';
import type { CliIo } from '../CliIo.js';
import { executeCliRun } from '../executeCliRun.js';
import { loadCliEnvironment } from '../loadCliEnvironment.js';
import { resolveValidationInputs, type ValidationOptions } from './resolveValidationInputs.js';

export interface ValidationRun extends ValidationOptions {
  out: string;
  store?: string;
  jobs?: number;
  /** Reuse an output folder that holds a run of another workflow (another set of levels). */
  force?: boolean;
}

/** The workflow of each set of levels `vrs validate` can run, by the levels the inputs allow. */
const LEVEL_WORKFLOWS: Record<string, string> = {
  '0': 'workflows/level0.yaml',
  '0,1': 'workflows/levels-0-1.yaml',
  '0,A': 'workflows/levels-0-A.yaml',
  '0,1,A': 'workflows/levels-0-1-A.yaml',
};

/** A validation ready to run: the workflow of the levels the inputs allow, and its parameters. */
export interface PlannedValidation {
  workflow: Workflow;
  params: Record<string, AnyParamValue>;
  levels: string[];
  notes: string[];
}

/**
 * Resolves a validation's inputs (every check of `vrs validate`) and picks the workflow of the
 * levels they allow (level 0 for a map; 1 with half maps; A with an atomic model). Parameters the
 * workflow does not declare (an EMDB title when the report takes none) are dropped. Campaigns
 * plan each entry with it.
 */
export async function planValidation(options: ValidationOptions, cwd: string, registry: ProtocolRegistry): Promise<PlannedValidation> {
  const { params, levels, notes } = await resolveValidationInputs(options, cwd);
  const workflowFile = LEVEL_WORKFLOWS[levels.join(',')];
  if (workflowFile === undefined) throw new Error(`no workflow for levels ${levels.join(', ')}`);
  const workflow = loadWorkflow(join(packageRoot, workflowFile), registry);
  const declared = Object.fromEntries(Object.entries(params).filter(([name]) => Object.hasOwn(workflow.params, name)));
  return { workflow, params: resolveWorkflowParams(workflow, declared, cwd), levels, notes };
}

/**
 * `vrs validate` (and `vrs demo`): plans the validation, then runs its workflow in the run folder
 * through the engine (cached, resumable); the report lands in `<out>/report.json`.
 */
export async function executeValidation(run: ValidationRun, globals: GlobalOptions, io: CliIo): Promise<number> {
  // A bad --out is said first, before the inputs are read (the run checks the folder's content).
  checkRunFolderPath(resolve(io.cwd, run.out));
  const { config, registry } = await loadCliEnvironment(globals, io);
  const { workflow, params, notes } = await planValidation(run, io.cwd, registry);
  for (const note of notes) io.stderr.write(`${note}\n`);
  const store = run.store ?? io.env['VRS_STORE'] ?? config.store;
  const jobs = run.jobs ?? config.jobs;
  return executeCliRun({
    io,
    workflow,
    registry,
    params,
    runDir: run.out,
    ...(store ? { store } : {}),
    ...(jobs ? { jobs } : {}),
    ...(globals.json ? { json: true } : {}),
    ...(run.force ? { replaceWorkflow: true } : {}),
  });
}
