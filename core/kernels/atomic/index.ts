export * from './pengScattering.js';
export * from './modelMap.js';
export * from './atomMask.js';
export * from './emringer.js';
export * from './qScore.js';
