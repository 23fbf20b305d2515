export * from './resolveWorkerScript.js';
export * from './WorkerPool.js';
export * from './serveTasks.js';
export * from './defaultThreadCount.js';
export * from './collectGarbage.js';
export * from './sharedFloat64Array.js';
