export { createServeApp, type ServeApp, type ServeAppOptions } from './createServeApp.js';
export { DataFolder, isRunId, RUN_ID_PATTERN } from './DataFolder.js';
export type { RunState, RunStatus, StepState } from './RunState.js';
