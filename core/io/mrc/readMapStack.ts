import type { Volume } from '../../volume/index.js';
import type { MapHeaderInfo, MapReadOptions, MapStatistics } from './MapFile.js';
import { loadMap } from './loadMap.js';

export interface MapStack {
  path: string;
  /** One volume per image (nz = 1), or per volume of an MRC2014 volume stack; views into one buffer. */
  images: Volume<Float32Array>[];
  header: MapHeaderInfo;
  notes: string[];
  /** Statistics over all images. */
  dataStats: MapStatistics;
  sha256: string;
  sha256Decompressed?: string;
}

/**
 * Reads every image of a stack (`.mrcs`, ISPG 0 with MZ = 1, or an ISPG 401+ volume stack). A file
 * whose header describes a single volume gives its sections as images, noted. Particle stacks often
 * carry a zero cell: pass `voxelSize` (from the STAR file) or the read is refused.
 */
export async function readMapStack(path: string, opts: MapReadOptions = {}): Promise<MapStack> {
  const loaded = await loadMap(path, opts, 'stack');
  return {
    path,
    images: loaded.items,
    header: loaded.header,
    notes: loaded.notes,
    dataStats: loaded.dataStats,
    sha256: loaded.sha256,
    ...(loaded.sha256Decompressed !== undefined ? { sha256Decompressed: loaded.sha256Decompressed } : {}),
  };
}
