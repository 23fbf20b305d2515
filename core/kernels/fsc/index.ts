// Fourier shell correlation and the curves of level 1.
export * from './firstCrossing.js';
