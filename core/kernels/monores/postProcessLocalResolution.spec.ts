import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../volume/index.js';
import { postProcessLocalResolution } from './postProcessLocalResolution.js';

/**
 * Periodic real-space Gaussian blur with standard deviation s: samples of the normalised Gaussian
 * summed over the periodic images, applied separably. Xmipp's real_gaussian σ = 3 is the blur
 * with 2π²s² = π²·3², s = 3/√2 voxels; its sampled kernel's DFT equals exp(−π²·9·|w|²) up to
 * aliasing below 1e-9 at this width.
 */
function periodicBlur(data: Float64Array, dims: Vec3, s: number): Float64Array {
  let current = Float64Array.from(data);
  for (let axis = 0; axis < 3; axis++) {
    const n = dims[axis]!;
    const kernel = new Float64Array(n);
    for (let d = 0; d < n; d++) {
      for (let m = -3; m <= 3; m++) kernel[d]! += Math.exp(-((d + m * n) ** 2) / (2 * s * s)) / (Math.sqrt(2 * Math.PI) * s);
    }
    const next = new Float64Array(current.length);
    const stride = axis === 0 ? 1 : axis === 1 ? dims[0] : dims[0] * dims[1];
    for (let i = 0; i < current.length; i++) {
      const coord = Math.floor(i / stride) % n;
      const base = i - coord * stride;
      let sum = 0;
      for (let j = 0; j < n; j++) sum += kernel[(coord - j + n) % n]! * current[base + j * stride]!;
      next[i] = sum;
    }
    current = next;
  }
  return current;
}

describe('postProcessLocalResolution', () => {
  it('fills with the median, smooths with Xmipp real_gaussian σ = 3 and keeps min(raw, smoothed) above Nyquist', async () => {
    const n = 16;
    const dims: Vec3 = [n, n, n];
    const raw = new Float32Array(n ** 3);
    const values: number[] = [];
    for (let z = 0, p = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++, p++) {
      if ((x - 8) ** 2 + (y - 8) ** 2 + (z - 8) ** 2 < 36) {
        raw[p] = x < 8 ? 4 : x < 11 ? 6 : 2.5;
        values.push(raw[p]!);
      }
    }
    values.sort((a, b) => a - b);
    const fill = values[Math.floor(values.length / 2)]!;
    const last = 2.5;
    const nyquist = 3.8;
    const filled = Float64Array.from(raw, (v) => (v < last ? fill : v));
    const smoothed = periodicBlur(filled, dims, 3 / Math.SQRT2);

    const result = (await postProcessLocalResolution(raw, dims, last, nyquist, { threads: 1 }))!;
    expect(result.fillValue).toBe(fill);
    expect(result.voxels).toBe(values.length);
    let checked = 0;
    for (let i = 0; i < raw.length; i++) {
      expect(result.mask[i]).toBe(raw[i]! > 0 ? 1 : 0);
      if (raw[i] === 0) {
        expect(result.resolution[i]).toBe(0);
        expect(result.display[i]).toBeCloseTo(smoothed[i]!, 5);
        continue;
      }
      expect(result.display[i]).toBe(result.resolution[i]);
      const s = smoothed[i]!;
      const expected = s > raw[i]! || s < nyquist ? raw[i]! : s;
      expect(result.resolution[i]).toBeCloseTo(expected, 5);
      checked++;
    }
    expect(checked).toBe(values.length);
    // The three outcomes all occur: smoothed kept, raw kept because smoothing made it worse, and
    // raw kept because the smoothed value fell below Nyquist (the 2.5 Å slab).
    const kinds = new Set<string>();
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === 0) continue;
      const s = smoothed[i]!;
      kinds.add(s < nyquist ? 'nyquist' : s > raw[i]! ? 'worse' : 'smoothed');
    }
    expect([...kinds].sort()).toEqual(['nyquist', 'smoothed', 'worse']);
  });

  it('returns null when nothing was resolved', async () => {
    expect(await postProcessLocalResolution(new Float32Array(512), [8, 8, 8], 3, 2, { threads: 1 })).toBeNull();
  });
});
