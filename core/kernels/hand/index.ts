// Helix-handedness test (algorithms §5.2) and the small numerics it is built from.
export * from './symmetricEigen3.js';
export * from './fftFriendlySize.js';
export * from './resampleHalfSpectrum.js';
export * from './tubeVoxels.js';
export * from './axisSegments.js';
export * from './CylinderGrid.js';
export * from './helixTemplateVolume.js';
export * from './HelixHandMatcher.js';
export * from './helixHandedness.js';
export * from './helixEvidenceVolume.js';
