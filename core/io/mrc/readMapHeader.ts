import type { Vec3 } from '../../volume/index.js';
import { openByteSource } from '../ByteSource.js';
import type { MapHeaderInfo, MapReadOptions } from './MapFile.js';
import { MRC_HEADER_BYTES, parseMrcHeader } from './parseMrcHeader.js';
import { planMapLayout, type MapStackKind } from './planMapLayout.js';

export interface MapHeaderSummary {
  path: string;
  header: MapHeaderInfo;
  notes: string[];
  /** Grid of one item after axis permutation, [nx, ny, nz]. */
  dims: Vec3;
  voxelSize: Vec3;
  origin: Vec3;
  stackKind: MapStackKind;
  itemCount: number;
}

/**
 * Reads and validates only the header (for input checks and planning): geometry, stack layout and
 * notes, with the same errors readMap would raise about the header. The data is not read, so a
 * gzip file's size is not checked here.
 */
export async function readMapHeader(path: string, opts: MapReadOptions = {}): Promise<MapHeaderSummary> {
  const src = await openByteSource(path);
  try {
    const bytes = new Uint8Array(MRC_HEADER_BYTES);
    const got = await src.readInto(bytes);
    const raw = parseMrcHeader(bytes.subarray(0, got), path);
    const layout = planMapLayout(raw, path, opts, src.size, 'map');
    return {
      path,
      header: layout.header,
      notes: layout.notes,
      dims: layout.itemDims,
      voxelSize: layout.voxelSize,
      origin: layout.origin,
      stackKind: layout.stackKind,
      itemCount: layout.itemCount,
    };
  } finally {
    await src.close();
  }
}
