import { irfft3dSync, rfft3dSync } from '../fft/index.js';
import { applyRadialFilter } from '../kernels/applyRadialFilter.js';
import { raisedCosineLowPass } from '../kernels/radialResponses.js';
import { SeededRandom } from '../stats/index.js';
import { type Vec3, Volume } from '../volume/index.js';

export interface ResolutionRegion {
  /** Centre and radius in voxels. */
  centre: Vec3;
  radius: number;
  /** Resolution (Å) of the region's content: no signal at frequencies above 1/resolution. */
  resolution: number;
}

export interface RegionalResolutionPhantom {
  /** The noise-free map: the sum of the regions' textures (unit variance inside each region). */
  signal: Volume;
  /** Per voxel: 1 + the index of the region whose core (radius − edge) holds it, 0 elsewhere. */
  labels: Uint8Array;
  /** Voxels inside any region's sphere: the molecule. */
  mask: Uint8Array;
}

/**
 * A map whose local resolution is known by region, for local-resolution methods (BlocRes, MonoRes,
 * MonoDir, the local-sinusoid test): each region is a sphere of white-noise texture low-passed with
 * a raised cosine ending at 1/resolution (so it holds no signal finer than its resolution), scaled
 * to unit variance inside its sphere and faded to zero over `edge` voxels at its border. Half maps
 * then come from halfMapPair(signal, …). Deterministic for a seed.
 */
export function regionalResolutionPhantom(
  dims: Vec3, voxelSize: number, regions: readonly ResolutionRegion[], opts: { seed?: number; edge?: number } = {},
): RegionalResolutionPhantom {
  const random = new SeededRandom(opts.seed ?? 1);
  const edge = opts.edge ?? 3;
  const n = dims[0] * dims[1] * dims[2];
  const signal = new Float32Array(n);
  const labels = new Uint8Array(n);
  const mask = new Uint8Array(n);
  regions.forEach((region, r) => {
    const white = new Float64Array(n);
    for (let i = 0; i < n; i++) white[i] = random.normal();
    const spectrum = rfft3dSync(white, dims);
    // The roll-off ends at 1/resolution: the cut-off sits 0.02 Å⁻¹·Ts inside it (digital units).
    const width = 0.02 * voxelSize;
    applyRadialFilter(spectrum, dims, raisedCosineLowPass(voxelSize / region.resolution - width / 2, width));
    const texture = irfft3dSync(spectrum, dims);
    let sum = 0;
    let sum2 = 0;
    let count = 0;
    const weight = new Float64Array(n);
    forEachVoxel(dims, (i, x, y, z) => {
      const d = Math.hypot(x - region.centre[0], y - region.centre[1], z - region.centre[2]);
      if (d >= region.radius) return;
      const inner = region.radius - edge;
      weight[i] = d <= inner ? 1 : 0.5 * (1 + Math.cos((Math.PI * (d - inner)) / edge));
      mask[i] = 1;
      if (d <= inner) labels[i] = r + 1;
      sum += texture[i]!;
      sum2 += texture[i]! * texture[i]!;
      count++;
    });
    const mean = sum / count;
    const sd = Math.sqrt(Math.max(sum2 / count - mean * mean, 1e-30));
    for (let i = 0; i < n; i++) if (weight[i]! > 0) signal[i]! += (weight[i]! * (texture[i]! - mean)) / sd;
  });
  return { signal: new Volume(signal, { dims: [...dims], voxelSize: [voxelSize, voxelSize, voxelSize], origin: [0, 0, 0] }), labels, mask };
}

function forEachVoxel(dims: Vec3, visit: (i: number, x: number, y: number, z: number) => void): void {
  let i = 0;
  for (let z = 0; z < dims[2]; z++) for (let y = 0; y < dims[1]; y++) for (let x = 0; x < dims[0]; x++, i++) visit(i, x, y, z);
}
