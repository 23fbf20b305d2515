export * from './resolveWorkerScript.js';
