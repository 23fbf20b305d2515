// Global B-factor (Guinier) analysis of Xmipp volume_correct_bfactor: profile, fit, correction.
export * from './guinierProfile.js';
export * from './fitGuinier.js';
export * from './applyBFactor.js';
export * from './guinierFitQuality.js';
