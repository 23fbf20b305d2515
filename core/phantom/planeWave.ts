import { type Vec3, Volume } from '../volume/index.js';

/**
 * amplitude·cos(2π(kx·x/nx + ky·y/ny + kz·z/nz) + phase): a plane wave with k cycles across the box
 * per axis. Integer k gives a single pair of Fourier coefficients (digital frequency k/n per axis).
 */
export function planeWave(dims: Vec3, k: Vec3, opts: { amplitude?: number; phase?: number; voxelSize?: Vec3 } = {}): Volume {
  const amplitude = opts.amplitude ?? 1;
  const phase = opts.phase ?? 0;
  const v = Volume.zeros(dims, opts.voxelSize ?? [1, 1, 1]);
  const [fx, fy, fz] = [0, 1, 2].map((a) => (2 * Math.PI * k[a]!) / dims[a]!) as Vec3;
  let i = 0;
  for (let z = 0; z < dims[2]; z++)
    for (let y = 0; y < dims[1]; y++)
      for (let x = 0; x < dims[0]; x++, i++) v.data[i] = amplitude * Math.cos(fx * x + fy * y + fz * z + phase);
  return v;
}
