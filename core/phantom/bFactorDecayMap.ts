import { halfSpectrumDims, irfft3dSync } from '../fft/index.js';
import { SeededRandom } from '../stats/index.js';
import { type Vec3, Volume } from '../volume/index.js';
import { halfSpectrumGrid } from '../kernels/index.js';

/**
 * A map with a white phase spectrum whose Fourier amplitudes are exactly c·exp(−B·s²/4) at every
 * frequency s (Å⁻¹, per-axis voxel size) — the Debye–Waller/Guinier model of a global B-factor — so
 * ln|F| against s² is a line of slope −B/4 (VRS reports 4·slope = −B). Phases are random (seeded)
 * and Hermitian-consistent, the DC term is 0, and the map is scaled to unit standard deviation.
 */
export function bFactorDecayMap(dims: Vec3, voxelSize: number | Vec3, bFactor: number, opts: { seed?: number } = {}): { volume: Volume; bFactor: number } {
  const ts: Vec3 = typeof voxelSize === 'number' ? [voxelSize, voxelSize, voxelSize] : voxelSize;
  const { fx, fy, fz } = halfSpectrumGrid(dims);
  const [hx, ny, nz] = halfSpectrumDims(dims);
  const rnd = new SeededRandom(opts.seed ?? 1);
  const spec = new Float64Array(2 * hx * ny * nz);
  const amp = (kx: number, ky: number, kz: number) => {
    const s2 = (fx[kx]! / ts[0]) ** 2 + (fy[ky]! / ts[1]) ** 2 + (fz[kz]! / ts[2]) ** 2;
    return Math.exp((-bFactor * s2) / 4);
  };
  const xNyquist = dims[0] % 2 === 0 ? dims[0] / 2 : -1;
  for (let kz = 0; kz < nz; kz++)
    for (let ky = 0; ky < ny; ky++)
      for (let kx = 0; kx < hx; kx++) {
        const p = 2 * ((kz * ny + ky) * hx + kx);
        if (kx === 0 && ky === 0 && kz === 0) continue;
        const a = amp(kx, ky, kz);
        if (kx !== 0 && kx !== xNyquist) {
          const phi = 2 * Math.PI * rnd.next();
          spec[p] = a * Math.cos(phi);
          spec[p + 1] = a * Math.sin(phi);
          continue;
        }
        // Planes kx = 0 and kx = nx/2 hold their own Hermitian partners (−ky, −kz): fill each pair
        // once with conjugate values, self-partnered bins with a real ±a.
        const py = (ny - ky) % ny;
        const pz = (nz - kz) % nz;
        const q = 2 * ((pz * ny + py) * hx + kx);
        if (q < p) continue;
        if (q === p) {
          spec[p] = rnd.next() < 0.5 ? -a : a;
          continue;
        }
        const phi = 2 * Math.PI * rnd.next();
        spec[p] = a * Math.cos(phi);
        spec[p + 1] = a * Math.sin(phi);
        spec[q] = a * Math.cos(phi);
        spec[q + 1] = -a * Math.sin(phi);
      }
  const real = irfft3dSync(spec, dims, { overwriteInput: true });
  let ss = 0;
  for (let i = 0; i < real.length; i++) ss += real[i]! * real[i]!;
  const scale = 1 / Math.sqrt(ss / real.length);
  const data = new Float32Array(real.length);
  for (let i = 0; i < real.length; i++) data[i] = real[i]! * scale;
  return { volume: new Volume(data, { dims: [...dims], voxelSize: [...ts], origin: [0, 0, 0] }), bFactor };
}
