export * from './Volume.js';
