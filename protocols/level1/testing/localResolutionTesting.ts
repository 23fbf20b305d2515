// Test helpers of the half-map local-resolution checks (1.c BlocRes, 1.d local sinusoid, 1.e MonoRes):
// their inputs, an in-process run and an independent percentile to check theirs against.
import type { AnyProtocol, BinaryMask, SectionResult, Vec3, Volume } from '../../../core/index.js';
import { runProtocolInProcess } from '../../level0/loc-bfactor/testing/runProtocolInProcess.js';

/** A cube of n voxels of `voxelSize` Å at the origin. */
export function cubeGeometry(n: number, voxelSize: number): { dims: Vec3; voxelSize: Vec3; origin: Vec3 } {
  return { dims: [n, n, n], voxelSize: [voxelSize, voxelSize, voxelSize], origin: [0, 0, 0] };
}

/** numpy's linear percentile by a plain sort, independent of core/stats. */
export function numpyPercentile(sorted: number[], p: number): number {
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo]! + (sorted[lo + 1]! - sorted[lo]!) * (h - lo) : sorted[lo]!;
}

export interface HalvesWithHardMask {
  half1: Volume<Float32Array>;
  half2: Volume<Float32Array>;
  mask: BinaryMask;
  map: Volume<Float32Array>;
}

export interface HalvesWithSoftMask {
  half1: Volume<Float32Array>;
  half2: Volume<Float32Array>;
  softMask: Volume<Float32Array>;
  map: Volume<Float32Array>;
}

/** The section, its files and the local-resolution map of one in-process run. */
export async function runLocalResolution(protocol: AnyProtocol, inputs: HalvesWithHardMask | HalvesWithSoftMask, params: Record<string, unknown>) {
  const outputs = await runProtocolInProcess(protocol, { ...inputs }, params);
  return {
    section: outputs['section']!.value as SectionResult,
    files: outputs['section']!.files ?? {},
    map: outputs['localResolution']?.value as Volume<Float32Array> | undefined,
  };
}
