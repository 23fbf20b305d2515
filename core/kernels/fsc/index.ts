// Fourier shell correlation and the curves of level 1.
export * from './firstCrossing.js';
export * from './fourierShellCorrelation.js';
export * from './spectralSignalToNoise.js';
export * from './levenbergMarquardt.js';
export * from './fscLogisticFit.js';
