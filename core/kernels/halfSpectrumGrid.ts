import { digitalFrequency, halfSpectrumDims } from '../fft/index.js';
import type { Vec3 } from '../volume/index.js';

/** Digital frequencies (cycles/voxel) along each axis of an r2c half spectrum. */
export interface HalfSpectrumGrid {
  /** Real-grid dims [nx, ny, nz]. */
  dims: Vec3;
  /** Half-spectrum dims [floor(nx/2)+1, ny, nz]. */
  half: Vec3;
  /** fx[kx] = kx/nx for kx = 0..floor(nx/2) (never negative: the x axis is halved). */
  fx: Float64Array;
  /** fy[ky], fz[kz]: Xmipp FFT_IDX2DIGFREQ (index n/2 of an even axis is +0.5). */
  fy: Float64Array;
  fz: Float64Array;
}

export function halfSpectrumGrid(dims: Vec3): HalfSpectrumGrid {
  const half = halfSpectrumDims(dims);
  const axis = (count: number, n: number) => Float64Array.from({ length: count }, (_, i) => digitalFrequency(i, n));
  return { dims: [...dims], half, fx: axis(half[0], dims[0]), fy: axis(dims[1], dims[1]), fz: axis(dims[2], dims[2]) };
}
