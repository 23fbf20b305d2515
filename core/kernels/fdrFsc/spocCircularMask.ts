import type { Vec3 } from '../../volume/index.js';

/**
 * The mask SPOC's FDR-FSC script builds when it is given none (algorithms §3.2, `makeCircularMask`):
 * 1 within `radius` voxels of the box centre (index floor(n/2) per axis), a Gaussian fall-off
 * exp(−(r − radius)²/(2σ²)) beyond it with σ = 2 voxels, values below 1e-6 set to 0. SPOC uses
 * radius min(n)/2 − 4.
 */
export function spocCircularMask(dims: Vec3, opts: { radius?: number; sigma?: number } = {}): Float32Array {
  const [nx, ny, nz] = dims;
  const radius = opts.radius ?? Math.min(nx, ny, nz) / 2 - 4;
  const sigma = opts.sigma ?? 2;
  const cx = Math.floor(nx / 2);
  const cy = Math.floor(ny / 2);
  const cz = Math.floor(nz / 2);
  const out = new Float32Array(nx * ny * nz);
  let i = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        const excess = Math.sqrt((x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2) - radius;
        if (excess < 0) out[i] = 1;
        else {
          const v = Math.exp(-(excess * excess) / (2 * sigma * sigma));
          out[i] = v < 1e-6 ? 0 : v;
        }
      }
  return out;
}
