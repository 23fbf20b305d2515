// Conical (directional) FSC of two half spectra, shared by FSO (1.g) and the 3DFSC family (1.h).
export * from './geodesicSphere.js';
export * from './coneSpectrumPoints.js';
export * from './conicalFsc.js';
export * from './shellFsc.js';
export * from './fourierShellOccupancy.js';
export * from './fscSphericity.js';
export * from './directionalFscAnalysis.js';
