export * from './neighbourOffsets.js';
export * from './threshold.js';
export * from './connectedComponents.js';
export * from './largestComponent.js';
export * from './dilate.js';
export * from './hardMask.js';
