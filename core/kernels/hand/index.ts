// Hand tests (algorithms §5.2): α-helix handedness, β-sheet twist, and the small numerics they are built from.
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
export * from './sheetTwist.js';
