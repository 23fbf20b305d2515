// Slurm: submit, cancel and follow batch jobs; completion from the job-completion file.
export { expandArrayIndices } from './expandArrayIndices.js';
export { JobCompTail, readJobCompRecords } from './JobCompTail.js';
export { readQueueStates, type QueueState } from './readQueueStates.js';
export { parseExitCode, parseSlurmRecord, recordJobId } from './parseSlurmRecord.js';
export { renderBatchScript, shellQuote } from './renderBatchScript.js';
export { SlurmClient, type WaitForJobsOptions } from './SlurmClient.js';
export { SlurmCommandError } from './SlurmCommandError.js';
export { finalJobStates, type SlurmJobOutcome } from './SlurmJobOutcome.js';
export type { SlurmJobSpec } from './SlurmJobSpec.js';
export type { SlurmOptions } from './SlurmOptions.js';
