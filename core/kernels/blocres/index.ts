// Local resolution by local FSC in sliding boxes (the BlocRes method of Bsoft).
export * from './bsoftCrossing.js';
export * from './LocalFscBox.js';
export * from './blocResEvaluation.js';
export * from './blocRes.js';
