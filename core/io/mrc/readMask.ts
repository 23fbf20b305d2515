import { Volume, cloneGeometry, type BinaryMask } from '../../volume/index.js';
import type { MapReadOptions } from './MapFile.js';
import { readMap } from './readMap.js';

/**
 * Reads a mask file of any mode as a binary mask: 1 where the stored value is > 0.5, else 0. A mode-0
 * mask written by writeMap reads back exactly.
 */
export async function readMask(path: string, opts: MapReadOptions = {}): Promise<BinaryMask> {
  const map = await readMap(path, opts);
  const source = map.volume.data;
  const mask = new Uint8Array(source.length);
  for (let i = 0; i < source.length; i++) mask[i] = source[i]! > 0.5 ? 1 : 0;
  return new Volume(mask, cloneGeometry(map.volume.geometry));
}
