export * from './idealAlphaHelix.js';
export * from './gaussianBlob.js';
export * from './planeWave.js';
export * from './mirror.js';
export * from './bFactorDecayMap.js';
export * from './pointMassSpectrum.js';
export * from './phantomMap.js';
