import { join } from 'node:path';
import { loadWorkflow, packageRoot, resolveWorkflowParams } from '../../engine/index.js';
import type { GlobalOptions } from '../CliContext.js';
import type { CliIo } from '../CliIo.js';
import { executeCliRun } from '../executeCliRun.js';
import { loadCliEnvironment } from '../loadCliEnvironment.js';
import { resolveValidationInputs, type ValidationOptions } from './resolveValidationInputs.js';

export interface ValidationRun extends ValidationOptions {
  out: string;
  store?: string;
  jobs?: number;
}

/**
 * `vrs validate` (and `vrs demo`): resolves the inputs, then runs workflows/level0.yaml in the run
 * folder through the engine (cached, resumable); the report lands in `<out>/report.json`.
 * Parameters the workflow does not declare (an EMDB title when the report takes none) are dropped.
 */
export async function executeValidation(run: ValidationRun, globals: GlobalOptions, io: CliIo): Promise<number> {
  const { params, notes } = await resolveValidationInputs(run, io.cwd);
  for (const note of notes) io.stderr.write(`${note}\n`);
  const { config, registry } = await loadCliEnvironment(globals, io);
  const workflow = loadWorkflow(join(packageRoot, 'workflows/level0.yaml'), registry);
  const declared = Object.fromEntries(Object.entries(params).filter(([name]) => Object.hasOwn(workflow.params, name)));
  const store = run.store ?? io.env['VRS_STORE'] ?? config.store;
  const jobs = run.jobs ?? config.jobs;
  return executeCliRun({
    io,
    workflow,
    registry,
    params: resolveWorkflowParams(workflow, declared, io.cwd),
    runDir: run.out,
    ...(store ? { store } : {}),
    ...(jobs ? { jobs } : {}),
    ...(globals.json ? { json: true } : {}),
  });
}
