import { join } from 'node:path';
import type { ValidationOptions } from '../cli/commands/resolveValidationInputs.js';
import type { DataFolder } from './DataFolder.js';
import type { RunState } from './RunState.js';

/** The form fields that take a file, and the option of `vrs validate` each one fills. */
export const FILE_FIELDS = ['map', 'half1', 'half2', 'model', 'emdbHeader'] as const;
export type FileField = (typeof FILE_FIELDS)[number];

/** The inputs of a run as `vrs validate` takes them: its uploaded files, the numbers of the form, an EMDB entry of the archive. */
export function validationOptionsOf(state: Pick<RunState, 'id' | 'inputs' | 'threshold' | 'resolution' | 'emdb'>, data: DataFolder, archive?: string): ValidationOptions {
  const options: ValidationOptions = {};
  if (state.emdb !== undefined && archive !== undefined) {
    options.emdb = state.emdb;
    options.archive = archive;
  }
  for (const input of state.inputs) options[input.field as FileField] = join(data.uploadDir(state.id), input.file);
  if (state.threshold !== undefined) options.threshold = state.threshold;
  if (state.resolution !== undefined) options.resolution = state.resolution;
  return options;
}
