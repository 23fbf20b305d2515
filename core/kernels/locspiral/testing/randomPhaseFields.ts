import { bFactorDecayMap } from '../../../phantom/index.js';
import type { Vec3 } from '../../../volume/index.js';
import { shellWidth } from '../shellWidth.js';

/** numpy.fft.fftfreq(n, d)[i]. */
export const fftfreq = (i: number, n: number, d: number): number => (i < Math.ceil(n / 2) ? i : i - n) / (n * d);

/**
 * Test helper: σ(φ)² = Σ S_φ²·|F|² / Σ|F|² over the full grid for |F|² = exp(−B·s²/2) (DC excluded),
 * S_φ the unit-sum shell — the variance of v0 at φ for bFactorDecayMap(dims, ts, B), whose map has
 * unit variance (Parseval). Computed by direct summation, independently of the FFT path.
 */
export function bandVariances(n: number, ts: number, bFactor: number, frequencies: ArrayLike<number>): number[] {
  const dims: Vec3 = [n, n, n];
  const width = shellWidth(dims, [ts, ts, ts]);
  const s2 = new Float64Array(n * n * n);
  for (let z = 0, i = 0; z < n; z++)
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++, i++) s2[i] = fftfreq(x, n, ts) ** 2 + fftfreq(y, n, ts) ** 2 + fftfreq(z, n, ts) ** 2;
  let total = 0;
  for (let i = 1; i < s2.length; i++) total += Math.exp((-bFactor * s2[i]!) / 2);
  return Array.from(frequencies, (phi) => {
    let sumG = 0;
    let power = 0;
    for (let i = 0; i < s2.length; i++) {
      const g = Math.exp(-((Math.sqrt(s2[i]!) - phi) ** 2) / (2 * width * width));
      sumG += g;
      if (i > 0) power += g * g * Math.exp((-bFactor * s2[i]!) / 2);
    }
    return power / (sumG * sumG) / total;
  });
}

/** Unit-variance random-phase field with |F| ∝ exp(−B s²/4) on an n³ grid of ts Å. */
export function randomPhaseField(n: number, ts: number, bFactor: number, seed: number): Float32Array {
  return bFactorDecayMap([n, n, n], ts, bFactor, { seed }).volume.data;
}

/**
 * Smooth periodic partition along x: ≈1 for x in [0, n/2), ≈0 for x in [n/2, n), switching over
 * about 3 voxels at x ≈ 0 and x ≈ n/2.
 */
export function halfBoxPartition(x: number, n: number): number {
  return 0.5 + 0.5 * Math.tanh(6 * Math.sin((2 * Math.PI * (x + 0.5)) / n));
}
