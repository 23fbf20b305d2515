import type { Vec3 } from '../../volume/index.js';

export interface EvaluationGrid {
  dims: Vec3;
  /** Voxel size of the evaluation grid per axis (Å): Ts·n/n'. */
  voxelSize: Vec3;
  /** True when the grid differs from the map's. */
  resampled: boolean;
}

/**
 * Smallest even n ≥ m whose prime factors are among `primes` (fast FFT lengths). Our FFT's radix-7
 * pass costs about twice a radix-2/3/5 pass per N·log N (168³: 192 ms per inverse transform,
 * 180³: 143 ms), so a check running hundreds of transforms on one grid asks for [2, 3, 5].
 */
export function fastFftSize(m: number, primes: readonly number[] = [2, 3, 5, 7]): number {
  for (let n = Math.max(2, Math.ceil(m)); ; n++) {
    if (n % 2 !== 0) continue;
    let rest = n;
    for (const p of primes) while (rest % p === 0) rest /= p;
    if (rest === 1) return n;
  }
}

/**
 * The grid on which local resolution is evaluated. Local resolution can only be measured down to
 * 2·Ts; the report needs it down to 2/3 of the reported resolution R, i.e. Ts'' = R/3 suffices.
 * When Ts'' = max(Ts, R/3) makes the box smaller, the map is Fourier-resampled to n' = the fast FFT
 * size at or above n·Ts/Ts'' per axis (so the voxel Ts·n/n' is never coarser than Ts''); otherwise,
 * or when that saves less than a quarter of the voxels (not worth an extra transform of the map
 * and a second grid), the map's own grid is used. Never resampled up.
 */
export function evaluationGrid(dims: Vec3, voxelSize: Vec3, resolution: number, opts: { fftPrimes?: readonly number[] } = {}): EvaluationGrid {
  const target = dims.map((n, k) => {
    const ts = voxelSize[k]!;
    const wanted = Math.max(ts, resolution / 3);
    return fastFftSize((n * ts) / wanted, opts.fftPrimes);
  }) as Vec3;
  const ratio = (target[0] * target[1] * target[2]) / (dims[0] * dims[1] * dims[2]);
  const resampled = target.every((m, k) => m <= dims[k]!) && ratio <= 0.75;
  if (!resampled) return { dims: [...dims], voxelSize: [...voxelSize], resampled: false };
  return { dims: target, voxelSize: target.map((m, k) => (voxelSize[k]! * dims[k]!) / m) as Vec3, resampled: true };
}

/**
 * Nearest-neighbour resampling of a mask between two grids with the same origin (voxel 0 at the
 * same place, as Fourier resampling keeps it): new voxel i takes old voxel round(i·Ts'/Ts).
 */
export function resampleMaskNearest(mask: ArrayLike<number>, fromDims: Vec3, fromVoxel: Vec3, toDims: Vec3, toVoxel: Vec3): Uint8Array {
  const index = (k: 0 | 1 | 2) => Int32Array.from({ length: toDims[k] }, (_, i) => Math.min(fromDims[k] - 1, Math.round((i * toVoxel[k]) / fromVoxel[k])));
  const ix = index(0);
  const iy = index(1);
  const iz = index(2);
  const [nx, ny] = fromDims;
  const out = new Uint8Array(toDims[0] * toDims[1] * toDims[2]);
  let p = 0;
  for (let z = 0; z < toDims[2]; z++) {
    for (let y = 0; y < toDims[1]; y++) {
      const row = (iz[z]! * ny + iy[y]!) * nx;
      for (let x = 0; x < toDims[0]; x++, p++) out[p] = mask[row + ix[x]!]! >= 0.5 ? 1 : 0;
    }
  }
  return out;
}
