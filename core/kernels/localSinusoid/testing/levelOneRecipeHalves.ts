import { irfft3dSync, rfft3dSync } from '../../../fft/index.js';
import { halfMapPair } from '../../../phantom/index.js';
import { SeededRandom } from '../../../stats/index.js';
import { Volume } from '../../../volume/index.js';

/**
 * Half maps by the recipe of the synthetic level-1 data (../shared/data/level1/README.md) on a
 * molecule-like signal: `atoms` Gaussian blobs (σ = blob voxels) at random voxels of a central
 * sphere, low-passed by exp(−f²/(2(1.5/d)²)); noise of power c·(0.05 + (f·d)²) with c set so that
 * the expected FSC, S_i/(S_i + c·N³·⟨g⟩_i) per shell round(|k|), crosses 0.143 at d (linear
 * interpolation between shells). The design d is the independent answer.
 */
export function levelOneRecipeHalves(n: number, voxelSize: number, design: number, opts: { radius: number; atoms: number; blob: number; seed: number }) {
  const dims: [number, number, number] = [n, n, n];
  const total = n ** 3;
  const random = new SeededRandom(opts.seed);
  const points = new Float64Array(total);
  const c0 = n / 2;
  for (let a = 0; a < opts.atoms; a++) {
    let p: number[];
    do p = [0, 0, 0].map(() => random.uniform(-opts.radius, opts.radius)); while (Math.hypot(...p) > opts.radius);
    points[Math.round(c0 + p[0]!) + n * (Math.round(c0 + p[1]!) + n * Math.round(c0 + p[2]!))]! += 1;
  }
  const half = n / 2 + 1;
  const frequency = (k: number) => (k <= n / 2 ? k : k - n) / (n * voxelSize);
  const spectrum = rfft3dSync(points, dims);
  const shells = Math.floor(n / 2) + 1;
  const signalPower = new Float64Array(shells);
  const noiseShape = new Float64Array(shells);
  let q = 0;
  for (let kz = 0; kz < n; kz++) {
    for (let ky = 0; ky < n; ky++) {
      for (let kx = 0; kx < half; kx++, q++) {
        const f = Math.hypot(frequency(kx), frequency(ky), frequency(kz));
        const fv = f * voxelSize;
        const h = Math.exp(-2 * Math.PI ** 2 * opts.blob ** 2 * fv * fv) * Math.exp((-f * f * design * design) / (2 * 1.5 ** 2));
        spectrum[2 * q]! *= h;
        spectrum[2 * q + 1]! *= h;
        const shell = Math.round(f * n * voxelSize);
        if (shell >= shells) continue;
        // Half spectrum: every column but kx = 0 and kx = n/2 stands for itself and its mirror.
        const copies = kx === 0 || 2 * kx === n ? 1 : 2;
        signalPower[shell]! += copies * (spectrum[2 * q]! ** 2 + spectrum[2 * q + 1]! ** 2);
        noiseShape[shell]! += copies * (0.05 + (f * design) ** 2);
      }
    }
  }
  const signal = new Volume(Float32Array.from(irfft3dSync(spectrum, dims)), { dims, voxelSize: [voxelSize, voxelSize, voxelSize], origin: [0, 0, 0] });
  // The counts of points per shell cancel in S_i/⟨g⟩_i, so the sums serve as the means.
  const crossing = (c: number): number => {
    let previous = 1;
    for (let i = 1; i < shells; i++) {
      const fsc = signalPower[i]! / (signalPower[i]! + c * total * noiseShape[i]!);
      if (fsc < 0.143 && i >= 2) return (i - 1 + (previous - 0.143) / (previous - fsc)) / (n * voxelSize);
      previous = fsc;
    }
    return Infinity;
  };
  let lo = 1e-12;
  let hi = 1e12;
  for (let it = 0; it < 200; it++) {
    const mid = Math.sqrt(lo * hi);
    if (crossing(mid) > 1 / design) lo = mid;
    else hi = mid;
  }
  const c = Math.sqrt(lo * hi);
  const { half1, half2 } = halfMapPair(signal, {
    seed: opts.seed + 1, noiseSd: Math.sqrt(c), noiseFilter: (wx, wy, wz) => Math.sqrt(0.05 + (Math.hypot(wx, wy, wz) * design / voxelSize) ** 2),
  });
  const mask = new Uint8Array(total);
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (Math.hypot(x - c0, y - c0, z - c0) <= opts.radius) mask[x + n * (y + n * z)] = 1;
  return { half1, half2, mask, dims, designCrossing: 1 / crossing(c) };
}
