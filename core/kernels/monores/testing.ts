// Test helpers of the MonoRes kernels: phantoms whose local resolution is known by construction.
import { irfft3d, rfft3d } from '../../fft/index.js';
import { SeededRandom } from '../../stats/index.js';
import type { Vec3 } from '../../volume/index.js';
import { applyRadialFilter } from '../applyRadialFilter.js';

export interface BlobSpec {
  /** Centre, voxels [x, y, z]. */
  centre: Vec3;
  /** Radius of the blob (voxels); its edge falls off over `edge` more voxels. */
  radius: number;
  /** Resolution (Å) of its content: white noise with every frequency above 1/resolution removed. */
  resolution: number;
}

export interface LocalResolutionPhantom {
  dims: Vec3;
  voxelSize: number;
  map: Float32Array;
  /** Voxels within radius + edge of a blob centre. */
  mask: Uint8Array;
  /** 1 + index of the blob whose core (radius − margin) holds the voxel, 0 elsewhere. */
  cores: Uint8Array;
}

/**
 * Blobs of band-limited random density in white noise. Each blob is an independent white Gaussian
 * field windowed by a sphere with a raised-cosine edge, then low-passed with a hard cut at
 * 1/resolution, so that it has no power above that frequency anywhere, and scaled to standard
 * deviation `signal` in its core; the whole box gets white Gaussian noise of standard deviation
 * `noise`. The local resolution of a blob is its `resolution` by construction.
 */
export async function blobPhantom(opts: {
  n: number; voxelSize: number; blobs: BlobSpec[]; signal?: number; noise?: number; edge?: number; margin?: number; seed?: number;
}): Promise<LocalResolutionPhantom> {
  const { n, voxelSize, blobs } = opts;
  const dims: Vec3 = [n, n, n];
  const voxels = n * n * n;
  const edge = opts.edge ?? 3;
  const margin = opts.margin ?? 4;
  const random = new SeededRandom(opts.seed ?? 7);
  const map = new Float32Array(voxels);
  const mask = new Uint8Array(voxels);
  const cores = new Uint8Array(voxels);
  for (const [b, blob] of blobs.entries()) {
    const windowed = new Float64Array(voxels);
    for (let i = 0; i < voxels; i++) windowed[i] = random.normal();
    const [cx, cy, cz] = blob.centre;
    for (let z = 0, p = 0; z < n; z++) {
      for (let y = 0; y < n; y++) {
        for (let x = 0; x < n; x++, p++) {
          const r = Math.sqrt((x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2);
          const w = r <= blob.radius ? 1 : r >= blob.radius + edge ? 0 : 0.5 * (1 + Math.cos((Math.PI * (r - blob.radius)) / edge));
          windowed[p]! *= w;
          if (w > 0) mask[p] = 1;
          if (r <= blob.radius - margin) cores[p] = b + 1;
        }
      }
    }
    // Low-passing after the window keeps the blob band-limited everywhere, its edge included.
    const spectrum = await rfft3d(windowed, dims, { threads: 1 });
    const cut = voxelSize / blob.resolution;
    applyRadialFilter(spectrum, dims, (f) => (f <= cut ? 1 : 0));
    const field = await irfft3d(spectrum, dims, { threads: 1 });
    let sum2 = 0;
    let inside = 0;
    for (let i = 0; i < voxels; i++) {
      if (cores[i] === b + 1) {
        sum2 += field[i]! * field[i]!;
        inside++;
      }
    }
    const scale = (opts.signal ?? 1) / Math.sqrt(sum2 / Math.max(1, inside));
    for (let i = 0; i < voxels; i++) map[i]! += scale * field[i]!;
  }
  const noise = opts.noise ?? 0.1;
  for (let i = 0; i < voxels; i++) map[i]! += noise * random.normal();
  return { dims, voxelSize, map, mask, cores };
}
