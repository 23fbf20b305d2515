export * from './VrsInputError.js';
