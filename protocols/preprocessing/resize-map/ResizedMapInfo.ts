import type { Vec3 } from '../../../core/index.js';

/** The `info` output of vrs.resizeMap. */
export interface ResizedMapInfo {
  /** True when the map was resampled to Ts' = resolution/2; false when it is the input map. */
  resized: boolean;
  /** Voxel size of the output map (Å). */
  voxelSize: Vec3;
  dims: Vec3;
  /** Voxel size and dims of the input map. */
  inputVoxelSize: Vec3;
  inputDims: Vec3;
  /** Reported resolution used (Å), when given. */
  resolution?: number;
  /** Why the map was or was not resampled, as a sentence for the report. */
  note: string;
}
