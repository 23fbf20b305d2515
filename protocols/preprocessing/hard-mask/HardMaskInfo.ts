import type { Vec3 } from '../../../core/index.js';

/** The `info` output of vrs.hardMask: how the mask was made and what the raw threshold mask held. */
export interface HardMaskInfo {
  threshold: number;
  /** Voxel size of the map (Å, x y z). */
  voxelSize: Vec3;
  /** 18-neighbour dilation passes applied (⌈2/Ts⌉ unless set). */
  passes: number;
  /** Voxels with value ≥ threshold (the raw mask). */
  rawVoxels: number;
  /** 26-connected components of the raw mask. */
  componentCount: number;
  /** Component sizes, largest first, run-length encoded as [size, how many components have it]. */
  componentSizes: [number, number][];
  /** Voxels of the box outside the raw mask. */
  backgroundVoxels: number;
  largestComponentVoxels: number;
  /** Voxels of the final (dilated) mask. */
  maskVoxels: number;
  /** Largest finite value of the map (to explain an empty mask). */
  mapMaximum: number;
  /** True when no voxel reaches the threshold: the mask is empty. */
  empty: boolean;
}

/** Component sizes expanded from their run-length form, largest first. */
export function expandComponentSizes(runs: readonly [number, number][]): number[] {
  const sizes: number[] = [];
  for (const [size, count] of runs) for (let k = 0; k < count; k++) sizes.push(size);
  return sizes;
}
