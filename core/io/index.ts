// Map and model I/O: MRC/CCP4 maps and stacks (plain or gzip), SHA-256 of inputs, PDB/mmCIF models.
export type { MapFile, MapHeaderInfo, MapReadOptions, MapStatistics, OriginSource, ParsedMap } from './mrc/MapFile.js';
export { readMap } from './mrc/readMap.js';
export { readMapStack, type MapStack } from './mrc/readMapStack.js';
export { readMapHeader, type MapHeaderSummary } from './mrc/readMapHeader.js';
export { parseMap } from './mrc/parseMap.js';
export { readMask } from './mrc/readMask.js';
export { writeMap, type MapWriteOptions } from './mrc/writeMap.js';
export { computeMapStatistics } from './mrc/mapStatistics.js';
export { SUPPORTED_MRC_MODES } from './mrc/mrcModes.js';
export type { MapStackKind } from './mrc/planMapLayout.js';
export { sha256File } from './sha256File.js';
export { readEmdbHeader, parseEmdbHeader, type EmdbHeader } from './emdb/readEmdbHeader.js';
export type { AtomicModel, AtomTable, ModelFormat } from './model/AtomicModel.js';
export { readModel, parseModel } from './model/readModel.js';
export { checkModelAtoms } from './model/checkModelAtoms.js';
export { formatPdbAtom, type PdbAtomRecord } from './model/formatPdbAtom.js';
export { checkInputFile } from './checkInputFile.js';
export { checkSameGrid, type GridDescription } from './checkSameGrid.js';
