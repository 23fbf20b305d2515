import { describe, expect, it } from 'vitest';
import { irfft3dSync, rfft3dSync } from '../../fft/index.js';
import { SeededRandom } from '../../stats/index.js';
import type { Vec3 } from '../../volume/index.js';
import { applyRadialFilter } from '../applyRadialFilter.js';
import { halfSpectrumGrid } from '../halfSpectrumGrid.js';
import { monogenicAmplitude } from '../monogenicAmplitude.js';
import { coneFilter, directionalAmplitude, directionalAmplitudeWorkspace, type DirectionalCone } from './directionalAmplitude.js';

/** The cone as a full half spectrum (0 off the cone). */
function dense(cone: DirectionalCone, length: number): Float64Array {
  const out = new Float64Array(length);
  cone.bins.forEach((p, i) => {
    out[2 * p] = cone.values[2 * i]!;
    out[2 * p + 1] = cone.values[2 * i + 1]!;
  });
  return out;
}

function randomMap(dims: Vec3, seed: number): Float64Array {
  const random = new SeededRandom(seed);
  return Float64Array.from({ length: dims[0] * dims[1] * dims[2] }, () => random.normal());
}

describe('coneFilter', () => {
  it('keeps exactly the coefficients within 15° of ±d (angle by atan2 of the components, brute force)', () => {
    const dims: Vec3 = [12, 10, 14];
    const spectrum = rfft3dSync(randomMap(dims, 3), dims);
    const ws = directionalAmplitudeWorkspace(dims);
    const d: [number, number, number] = [Math.sin(0.4) * Math.cos(1), Math.sin(0.4) * Math.sin(1), Math.cos(0.4)];
    const out = dense(coneFilter(spectrum, ws, d, 15), spectrum.length);
    const { half, fx, fy, fz } = halfSpectrumGrid(dims);
    let p = 0, kept = 0;
    for (let kz = 0; kz < half[2]; kz++) for (let ky = 0; ky < half[1]; ky++) for (let kx = 0; kx < half[0]; kx++, p++) {
      const w = [fx[kx]!, fy[ky]!, fz[kz]!];
      const along = w[0]! * d[0] + w[1]! * d[1] + w[2]! * d[2];
      const across = Math.hypot(w[1]! * d[2] - w[2]! * d[1], w[2]! * d[0] - w[0]! * d[2], w[0]! * d[1] - w[1]! * d[0]);
      const angle = (Math.atan2(across, Math.abs(along)) * 180) / Math.PI;
      const keep = (w[0] !== 0 || w[1] !== 0 || w[2] !== 0) && angle <= 15;
      if (keep) kept++;
      expect(out[2 * p]).toBe(keep ? spectrum[2 * p] : 0);
      expect(out[2 * p + 1]).toBe(keep ? spectrum[2 * p + 1] : 0);
    }
    expect(kept).toBeGreaterThan(10);
  });
});

describe('directionalAmplitude', () => {
  const oblique: [number, number, number] = [Math.sin(0.7) * Math.cos(2), Math.sin(0.7) * Math.sin(2), Math.cos(0.7)];
  it.each([
    ['every bin but DC (a 90° cone)', [0, 0, 1] as [number, number, number], 90],
    ['a 15° cone around an oblique direction (the pruned transforms)', oblique, 15],
  ])('over %s: equals monogenicAmplitude of the high-passed cone, tapered at the box edge and low-passed (independent composition)', async (_, d, angle) => {
    const dims: Vec3 = [16, 16, 16];
    const spectrum = rfft3dSync(randomMap(dims, 5), dims);
    const ws = directionalAmplitudeWorkspace(dims, 4);
    const f = 0.25, fH = 0.1875, fL = 0.3125;
    const cone = coneFilter(spectrum, ws, d, angle);
    const got = directionalAmplitude(cone, ws, f, fH, fL, new Float32Array(4096));

    const hp = dense(cone, spectrum.length);
    applyRadialFilter(hp, dims, (u) => (u >= f ? 1 : u < fH ? 0 : 0.5 * (1 + Math.cos((Math.PI * (u - f)) / (f - fH)))));
    const amplitude = await monogenicAmplitude(hp, dims, { threads: 1 });
    // Taper: 1 up to r = 8 − 4 = 4 from (8, 8, 8), raised cosine to 0 at r = 8.
    const tapered = new Float64Array(4096);
    for (let z = 0, p = 0; z < 16; z++) for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++, p++) {
      const r = Math.hypot(x - 8, y - 8, z - 8);
      const t = r <= 4 ? 1 : r >= 8 ? 0 : 0.5 * (1 + Math.cos((Math.PI * (r - 4)) / 4));
      tapered[p] = amplitude[p]! * t;
    }
    const smooth = rfft3dSync(tapered, dims);
    applyRadialFilter(smooth, dims, (u) => (u <= f ? 1 : u > fL ? 0 : 0.5 * (1 + Math.cos((Math.PI * (u - f)) / (fL - f)))));
    const expected = irfft3dSync(smooth, dims);
    let worst = 0, scale = 0;
    for (let i = 0; i < 4096; i++) {
      worst = Math.max(worst, Math.abs(got[i]! - expected[i]!));
      scale = Math.max(scale, Math.abs(expected[i]!));
    }
    expect(scale).toBeGreaterThan(0.05);
    expect(worst / scale).toBeLessThan(1e-5);
  });

  it('a plane wave along z: a z cone passes all of it (same amplitude as no cone), an x cone none', () => {
    const dims: Vec3 = [16, 16, 16];
    // cos(2π·4z/16): frequency 0.25 along z; its monogenic amplitude is 1 everywhere.
    const map = new Float64Array(4096);
    for (let z = 0, p = 0; z < 16; z++) for (let i = 0; i < 256; i++, p++) map[p] = Math.cos((2 * Math.PI * 4 * z) / 16);
    const spectrum = rfft3dSync(map, dims);
    const ws = directionalAmplitudeWorkspace(dims, 0);
    const along = directionalAmplitude(coneFilter(spectrum, ws, [0, 0, 1]), ws, 0.25, 0.1875, 0.3125, new Float32Array(4096));
    const across = directionalAmplitude(coneFilter(spectrum, ws, [1, 0, 0]), ws, 0.25, 0.1875, 0.3125, new Float32Array(4096));
    const all = directionalAmplitude(coneFilter(spectrum, ws, [0, 0, 1], 90), ws, 0.25, 0.1875, 0.3125, new Float32Array(4096));
    const centre = (8 * 16 + 8) * 16 + 8;
    expect(all[centre]).toBeGreaterThan(0.4);
    for (let i = 0; i < 4096; i++) {
      expect(along[i]).toBeCloseTo(all[i]!, 6);
      expect(Math.abs(across[i]!)).toBeLessThan(1e-6);
    }
  });
});
