// MonoRes local resolution (single-map mode) and the statistics the report prints about it.
export * from './resolutionSweep.js';
export * from './findCliffRadius.js';
export * from './selectKth.js';
export * from './MonoResAmplitudes.js';
export * from './postProcessLocalResolution.js';
export * from './monoResSingleMap.js';
export * from './summarizeLocalResolution.js';
export * from './evaluationGrid.js';
export * from './monoResSweep.js';
export * from './monoResHalfMaps.js';
