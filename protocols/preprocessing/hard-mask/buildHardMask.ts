import { hardMask, type BinaryMask, type Volume } from '../../../core/index.js';
import type { HardMaskInfo } from './HardMaskInfo.js';

/** The hard mask of a map and its HardMaskInfo (component sizes run-length encoded, largest first). */
export function buildHardMask(map: Volume, threshold: number, passes?: number): { mask: BinaryMask; info: HardMaskInfo } {
  const result = hardMask(map, threshold, passes === undefined ? {} : { passes });
  const runs: [number, number][] = [];
  const sizes = result.componentSizes.slice(1).sort((a, b) => b - a);
  for (const size of sizes) {
    const last = runs[runs.length - 1];
    if (last && last[0] === size) last[1]++;
    else runs.push([size, 1]);
  }
  let mapMaximum = -Infinity;
  const data = map.data;
  for (let i = 0; i < data.length; i++) if (data[i]! > mapMaximum) mapMaximum = data[i]!;
  const info: HardMaskInfo = {
    threshold,
    voxelSize: [...map.voxelSize],
    passes: result.passes,
    rawVoxels: result.rawCount,
    componentCount: result.componentCount,
    componentSizes: runs,
    backgroundVoxels: map.size - result.rawCount,
    largestComponentVoxels: result.largestComponentSize,
    maskVoxels: result.count,
    mapMaximum: Number.isFinite(mapMaximum) ? mapMaximum : 0,
    empty: result.rawCount === 0,
  };
  return { mask: result.mask, info };
}
