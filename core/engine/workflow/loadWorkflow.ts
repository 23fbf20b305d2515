import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { VrsInputError } from '../../errors/index.js';
import type { ProtocolRegistry } from '../plugins/ProtocolRegistry.js';
import { readWorkflowFiles } from './readWorkflowFiles.js';
import { resolveWorkflow } from './resolveWorkflow.js';
import type { Workflow } from './Workflow.js';
import { WorkflowValidationError } from './WorkflowValidationError.js';

/**
 * Loads a workflow file with its includes and validates it completely (schema, protocols, ports,
 * kinds, parameters, cycles) before anything runs. Throws WorkflowValidationError listing every
 * problem with file, line and step.
 */
export function loadWorkflow(file: string, registry: ProtocolRegistry): Workflow {
  const path = resolve(file);
  if (!existsSync(path)) throw new VrsInputError('workflow file not found', path);
  if (statSync(path).isDirectory()) throw new VrsInputError('is a folder, not a workflow file (give the YAML file, e.g. workflows/level0.yaml)', path);
  const { files, issues } = readWorkflowFiles(path);
  if (issues.length > 0) throw new WorkflowValidationError(path, issues);
  const resolved = resolveWorkflow(files, registry);
  if (!resolved.workflow) throw new WorkflowValidationError(path, resolved.issues);
  return resolved.workflow;
}
