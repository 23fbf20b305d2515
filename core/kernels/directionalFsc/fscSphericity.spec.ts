import { describe, expect, it } from 'vitest';
import { nearestDirectionRadius, starBodySphericity, thresholdRadius } from './fscSphericity.js';
import { hemisphereDirections } from './geodesicSphere.js';

describe('thresholdRadius', () => {
  it('interpolates the first drop below the threshold, counting DC as 1', () => {
    expect(thresholdRadius([1, 0.9, 0.7, 0.4, 0.6], 0.5)).toBeCloseTo(2 + 0.2 / 0.3, 14);
    // A drop at the first shell interpolates from DC = 1.
    expect(thresholdRadius([0.2, 0.3, 0.9], 0.5)).toBeCloseTo(0.5 / 0.7, 14);
  });
  it('keeps shells below the high-pass inside and steps over empty shells', () => {
    expect(thresholdRadius([1, 0.1, 0.2, 0.4], 0.5, 3)).toBeCloseTo(2 + 0.5 / 0.6, 14);
    expect(thresholdRadius([1, 0.9, Number.NaN, 0.3], 0.5)).toBeCloseTo(1 + (0.4 / 0.6) * 2, 14);
  });
  it('reaches the last shell when the curve never drops', () => {
    expect(thresholdRadius([1, 0.9, 0.8, 0.7], 0.5)).toBe(3);
  });
});

describe('starBodySphericity', () => {
  it('a ball: 1 within the mesh error, whatever its radius', () => {
    const unit = starBodySphericity(() => 1);
    expect(unit.sphericity).toBeGreaterThan(0.997);
    expect(unit.sphericity).toBeLessThanOrEqual(1);
    expect(unit.volume).toBeCloseTo((4 * Math.PI) / 3, 1);
    expect(starBodySphericity(() => 7.5).sphericity).toBeCloseTo(unit.sphericity, 12);
  });

  it('a prolate spheroid (1, 1, 2): the analytic Ψ = π^{1/3}(6V)^{2/3}/A = 0.9287', () => {
    const a = 1;
    const c = 2;
    const e = Math.sqrt(1 - (a * a) / (c * c));
    const volume = (4 / 3) * Math.PI * a * a * c;
    const area = 2 * Math.PI * a * a * (1 + (c / (a * e)) * Math.asin(e));
    const psi = (Math.cbrt(Math.PI) * Math.pow(6 * volume, 2 / 3)) / area;
    expect(psi).toBeCloseTo(0.9287, 4);
    const mesh = starBodySphericity((x, y, z) => 1 / Math.sqrt((x * x + y * y) / (a * a) + (z * z) / (c * c)));
    expect(mesh.sphericity).toBeCloseTo(psi, 2);
    // The mesh is inscribed: slightly less volume than the spheroid.
    expect(mesh.volume / volume).toBeGreaterThan(0.98);
    expect(mesh.volume / volume).toBeLessThan(1);
  });

  it('reads radii given on hemisphere directions for both d and −d', () => {
    const dirs = hemisphereDirections(1);
    const radius = nearestDirectionRadius(dirs, Float64Array.from({ length: dirs.count }, (_, d) => d));
    expect(radius(dirs.vectors[9]!, dirs.vectors[10]!, dirs.vectors[11]!)).toBe(3);
    expect(radius(-dirs.vectors[9]!, -dirs.vectors[10]!, -dirs.vectors[11]!)).toBe(3);
  });
});
