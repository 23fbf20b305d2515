import { VrsInputError } from '../../errors/index.js';
import { Volume, type Vec3 } from '../../volume/index.js';
import { openByteSource, type ByteSource } from '../ByteSource.js';
import { compareHeaderStatistics, enforceFiniteVoxels } from './checkMapData.js';
import { decodeMapItem } from './decodeMapItem.js';
import type { MapHeaderInfo, MapReadOptions, MapStatistics } from './MapFile.js';
import { computeMapStatistics } from './mapStatistics.js';
import { MRC_HEADER_BYTES, parseMrcHeader } from './parseMrcHeader.js';
import { planMapLayout, type MapLayout } from './planMapLayout.js';
import { hostLittleEndian } from './hostLittleEndian.js';

/** What `loadMap` returns: items decoded into one contiguous float32 array, views per item. */
export interface LoadedMap {
  path: string;
  header: MapHeaderInfo;
  notes: string[];
  layout: MapLayout;
  items: Volume<Float32Array>[];
  /** Statistics over every item read. */
  dataStats: MapStatistics;
  sha256: string;
  sha256Decompressed?: string;
}

function allocate<T>(make: () => T, bytes: number, source: string): T {
  try {
    return make();
  } catch (err) {
    if (err instanceof RangeError) {
      throw new VrsInputError(`cannot allocate ${bytes} bytes for the voxel data the header announces`, source, 'NX/NY/NZ');
    }
    throw err;
  }
}

function truncated(source: string, layout: MapLayout, got: number): VrsInputError {
  return new VrsInputError(
    `file ends after ${got} bytes but the header needs ${layout.dataOffset + layout.dataBytes} (truncated file or wrong header)`,
    source,
    'file size',
  );
}

/** `itemCount` items of `itemVoxels` each, contiguous, as the decoder fills them. */
async function readItems(src: ByteSource, layout: MapLayout, itemsWanted: number, source: string): Promise<Float32Array> {
  const itemVoxels = layout.itemFileDims[0] * layout.itemFileDims[1] * layout.itemFileDims[2];
  const totalVoxels = itemVoxels * itemsWanted;
  const fastPath = layout.mode === 2 && layout.littleEndian === hostLittleEndian;
  const identity = layout.axisOrder[0] === 1 && layout.axisOrder[1] === 2 && layout.axisOrder[2] === 3;
  const bytesWanted = layout.itemBytes * itemsWanted;

  if (fastPath && identity) {
    // The file's float32 bytes land directly in the result: no second copy of a large map.
    const data = allocate(() => new Float32Array(totalVoxels), 4 * totalVoxels, source);
    const got = await src.readInto(new Uint8Array(data.buffer));
    if (got < bytesWanted) throw truncated(source, layout, layout.dataOffset + got);
    return data;
  }
  const scratch = allocate(() => new Uint8Array(layout.itemBytes), layout.itemBytes, source);
  if (itemsWanted === 1) {
    const got = await src.readInto(scratch);
    if (got < layout.itemBytes) throw truncated(source, layout, layout.dataOffset + got);
    return allocate(() => decodeMapItem(scratch, layout, true), 4 * totalVoxels, source);
  }
  const data = allocate(() => new Float32Array(totalVoxels), 4 * totalVoxels, source);
  for (let item = 0; item < itemsWanted; item++) {
    const got = await src.readInto(scratch);
    if (got < layout.itemBytes) throw truncated(source, layout, layout.dataOffset + item * layout.itemBytes + got);
    data.set(decodeMapItem(scratch, layout, true), item * itemVoxels);
  }
  return data;
}


export function itemVolumes(data: Float32Array, layout: MapLayout, count: number): Volume<Float32Array>[] {
  const [nx, ny, nz] = layout.itemDims;
  const n = nx * ny * nz;
  const volumes: Volume<Float32Array>[] = [];
  for (let k = 0; k < count; k++) {
    const view = count === 1 ? data : data.subarray(k * n, (k + 1) * n);
    volumes.push(new Volume(view, { dims: [nx, ny, nz], voxelSize: [...layout.voxelSize] as Vec3, origin: [...layout.origin] as Vec3 }));
  }
  return volumes;
}

/**
 * Reads a map file (plain or gzip) in one sequential pass: header, extended header, then either the
 * first item (`intent: 'map'`) or all items (`'stack'`), hashing every byte on the way.
 */
export async function loadMap(path: string, opts: MapReadOptions, intent: 'map' | 'stack'): Promise<LoadedMap> {
  const src = await openByteSource(path);
  try {
    const headerBytes = new Uint8Array(MRC_HEADER_BYTES);
    const headerGot = await src.readInto(headerBytes);
    const raw = parseMrcHeader(headerBytes.subarray(0, headerGot), path);
    const layout = planMapLayout(raw, path, opts, src.size, intent);
    const notes = layout.notes;
    if (src.compressed) notes.push('gzip input decompressed on read');

    const extGot = await src.skip(raw.nsymbt);
    if (extGot < raw.nsymbt) throw truncated(path, layout, MRC_HEADER_BYTES + extGot);
    const itemsWanted = intent === 'map' ? 1 : layout.itemCount;
    const data = await readItems(src, layout, itemsWanted, path);
    const rest = await src.drain();
    const expectedRest = layout.dataBytes - layout.itemBytes * itemsWanted;
    if (rest < expectedRest) throw truncated(path, layout, layout.dataOffset + layout.itemBytes * itemsWanted + rest);
    if (rest > expectedRest) {
      throw new VrsInputError(
        `decompressed data is ${rest - expectedRest} bytes longer than the header (NX/NY/NZ, MODE, NSYMBT) accounts for`,
        path,
        'file size',
      );
    }
    if (intent === 'map' && layout.itemCount > 1) {
      const what = layout.stackKind === 'images' ? 'image' : 'volume';
      notes.push(`file is a stack of ${layout.itemCount} ${what}s; the first ${what} is used`);
    }

    enforceFiniteVoxels(data, layout.itemDims, path, opts.allowNonFinite ?? false, notes);
    const dataStats = computeMapStatistics(data);
    if (itemsWanted === layout.itemCount) compareHeaderStatistics(layout.header.headerStats, dataStats, notes);

    return {
      path,
      header: layout.header,
      notes,
      layout,
      items: itemVolumes(data, layout, itemsWanted),
      dataStats,
      ...src.digests(),
    };
  } finally {
    await src.close();
  }
}
