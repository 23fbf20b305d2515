export * from './SectionResult.js';
export * from './ReportJson.js';
export * from './statusText.js';
export * from './buildReport.js';
export * from './validateReport.js';
export * from './AssetReader.js';
export * from './reportAssets.js';
