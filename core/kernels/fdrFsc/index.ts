// FSC with false-discovery-rate control (SPOC family), section 1.b.
export * from './spocCircularMask.js';
export * from './spocShells.js';
export * from './permutationRandom.js';
export * from './shellPermutationTest.js';
export * from './fdrFsc.js';
