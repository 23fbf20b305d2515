export * from './SectionResult.js';
