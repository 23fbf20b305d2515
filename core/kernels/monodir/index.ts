// MonoDir directional local resolution (algorithms §3.6b) and its report statistics.
export * from './monoDirDirections.js';
export * from './monoDirSweep.js';
export * from './directionalAmplitude.js';
export * from './directionResolution.js';
export * from './removeDirectionalOutliers.js';
export * from './directionalSummaries.js';
export * from './radialAverages.js';
export * from './directionUniformity.js';
export * from './monoDir.js';
