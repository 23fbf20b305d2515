import type { MapFile, MapReadOptions } from './MapFile.js';
import { loadMap } from './loadMap.js';

/**
 * Reads an MRC/CCP4 map (plain or gzip) into a float32 volume in x-fastest [z][y][x] order, with the
 * header as stored, the statistics of the data and a note for every normalisation applied. A stack
 * gives its first image (or first volume of a volume stack), noted. Bad input throws VrsInputError.
 */
export async function readMap(path: string, opts: MapReadOptions = {}): Promise<MapFile> {
  const loaded = await loadMap(path, opts, 'map');
  return {
    path,
    volume: loaded.items[0]!,
    header: loaded.header,
    notes: loaded.notes,
    dataStats: loaded.dataStats,
    sha256: loaded.sha256,
    ...(loaded.sha256Decompressed !== undefined ? { sha256Decompressed: loaded.sha256Decompressed } : {}),
  };
}
