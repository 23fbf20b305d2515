// Test helpers of the MonoDir kernels: maps whose directional resolution is known by construction.
import { halfMapPair, regionalResolutionPhantom, type NoiseFilter, type ResolutionRegion } from '../../phantom/index.js';
import type { Vec3 } from '../../volume/index.js';

export { directionMeans } from './directionalSummaries.js';

export interface MonoDirPhantom {
  dims: Vec3;
  voxelSize: number;
  /** The map MonoDir sees: the mean of two half maps, signal + (noise₁ + noise₂)/2. */
  map: Float32Array;
  mask: Uint8Array;
  /** 1 + region index in each region's core, 0 elsewhere. */
  labels: Uint8Array;
}

/**
 * Regions of band-limited texture (regionalResolutionPhantom) plus the noise of two half maps
 * (halfMapPair), averaged as the full map is. `noiseFilter` colours the noise, e.g. only in a
 * cone of directions.
 */
export function monoDirPhantom(opts: {
  n: number; voxelSize: number; regions: ResolutionRegion[]; noiseSd: number; noiseFilter?: NoiseFilter; seed?: number;
}): MonoDirPhantom {
  const dims: Vec3 = [opts.n, opts.n, opts.n];
  const phantom = regionalResolutionPhantom(dims, opts.voxelSize, opts.regions, { seed: opts.seed ?? 3 });
  const { half1, half2 } = halfMapPair(phantom.signal, { seed: (opts.seed ?? 3) + 8, noiseSd: opts.noiseSd, ...(opts.noiseFilter ? { noiseFilter: opts.noiseFilter } : {}) });
  const map = new Float32Array(half1.data.length);
  for (let i = 0; i < map.length; i++) map[i] = 0.5 * (half1.data[i]! + half2.data[i]!);
  return { dims, voxelSize: opts.voxelSize, map, mask: phantom.mask, labels: phantom.labels };
}

/** Noise boosted `gain` times at frequencies within `halfAngle` degrees of the z axis (either sign). */
export function zConeNoise(halfAngle: number, gain: number): NoiseFilter {
  const cos = Math.cos((halfAngle * Math.PI) / 180);
  return (wx, wy, wz) => {
    const u = Math.hypot(wx, wy, wz);
    return u > 0 && Math.abs(wz) >= cos * u ? gain : 1;
  };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
