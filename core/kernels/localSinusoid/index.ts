export * from './weightedChiSquare.js';
export * from './symmetricEigenvalues.js';
export * from './localSinusoidDesign.js';
export * from './gaussianFilterReflect.js';
export * from './localSinusoidTest.js';
export * from './resmapVrsPostProcess.js';
export * from './resmapPreWhitening.js';
export * from './likelihoodRatioStatisticsFft.js';
