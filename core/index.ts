// The public API of core: protocols and plugins import from here, never from deeper paths.
export * from './errors/index.js';
export * from './volume/index.js';
export * from './io/index.js';
export * from './fft/index.js';
export * from './kernels/index.js';
export * from './stats/index.js';
export * from './phantom/index.js';
export * from './render/index.js';
export * from './report/index.js';
export * from './parallel/index.js';
export * from './engine/index.js';
