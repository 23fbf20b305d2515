import { gunzipSync } from 'node:zlib';
import { VrsInputError } from '../../errors/index.js';
import { isGzip } from '../ByteSource.js';
import { compareHeaderStatistics, enforceFiniteVoxels } from './checkMapData.js';
import { decodeMapItem } from './decodeMapItem.js';
import { itemVolumes } from './loadMap.js';
import type { MapReadOptions, ParsedMap } from './MapFile.js';
import { computeMapStatistics } from './mapStatistics.js';
import { parseMrcHeader } from './parseMrcHeader.js';
import { planMapLayout } from './planMapLayout.js';

/**
 * Parses MRC/CCP4 bytes already in memory (gzip accepted); `source` names them in notes and errors.
 * Same rules as readMap: a stack gives its first item. `bytes` is never modified.
 */
export function parseMap(bytes: Uint8Array, source: string, opts: MapReadOptions = {}): ParsedMap {
  let mrc = bytes;
  let gz = false;
  if (isGzip(bytes)) {
    try {
      mrc = gunzipSync(bytes);
    } catch (err) {
      throw new VrsInputError(`gzip data is corrupt or truncated (${(err as Error).message})`, source, 'gzip');
    }
    gz = true;
  }
  const raw = parseMrcHeader(mrc, source);
  const layout = planMapLayout(raw, source, opts, mrc.length, 'map');
  const notes = layout.notes;
  if (gz) notes.push('gzip input decompressed on read');
  const first = mrc.subarray(layout.dataOffset, layout.dataOffset + layout.itemBytes);
  const data = decodeMapItem(first, layout, false);
  if (layout.itemCount > 1) {
    const what = layout.stackKind === 'images' ? 'image' : 'volume';
    notes.push(`file is a stack of ${layout.itemCount} ${what}s; the first ${what} is used`);
  }
  enforceFiniteVoxels(data, layout.itemDims, source, opts.allowNonFinite ?? false, notes);
  const dataStats = computeMapStatistics(data);
  if (layout.itemCount === 1) compareHeaderStatistics(layout.header.headerStats, dataStats, notes);
  return { volume: itemVolumes(data, layout, 1)[0]!, header: layout.header, notes, dataStats };
}
