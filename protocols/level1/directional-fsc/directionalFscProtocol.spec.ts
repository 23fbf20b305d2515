import { beforeAll, describe, expect, it } from 'vitest';
import { Volume, type SectionResult } from '../../../core/index.js';
import { coneNoiseHalves, expectedCrossing } from '../../../core/kernels/directionalFsc/testing/coneNoiseHalves.js';
import { runProtocolInProcess } from '../../level0/loc-bfactor/testing/runProtocolInProcess.js';
import { directionalFscProtocol } from './directionalFscProtocol.js';

// 64³ halves of 10 Å voxels: signal amplitude exp(−(|w|/0.2)²), noise power 0.01, ×30 within 35° of ±z.
const N = 64;
const TS = 10;
const W0 = 0.2;
const NOISE = 0.01;
const FACTOR = 30;
const halves = (factor: number) => coneNoiseHalves({ n: N, voxelSize: TS, seed: 11, w0: W0, noiseSd: Math.sqrt(NOISE), conePowerFactor: factor, coneHalfAngle: 35 });
const ones = (like: Volume) => like.withData(new Float32Array(like.data.length).fill(1));
/** Resolution (Å) where A²/(A² + σ²g²) = 0.143. */
const expectedResolution = (g2: number) => TS / expectedCrossing(0.143, W0, NOISE * g2);

async function run(inputs: Record<string, Volume>, params: Record<string, unknown> = {}): Promise<SectionResult> {
  const out = await runProtocolInProcess(directionalFscProtocol, inputs, params);
  return out['section']!.value as SectionResult;
}
const near = (value: unknown, expected: number, tolerance: number) => {
  expect(typeof value).toBe('number');
  expect(Math.abs((value as number) / expected - 1)).toBeLessThan(tolerance);
};

describe('vrs.directionalFsc', () => {
  let anisotropic: SectionResult;
  let isotropic: SectionResult;
  beforeAll(async () => {
    const a = halves(FACTOR);
    anisotropic = await run({ half1: a.half1, half2: a.half2, softMask: ones(a.half1) }, { resolution: 30 });
    const i = halves(1);
    isotropic = await run({ half1: i.half1, half2: i.half2, softMask: ones(i.half1) });
  });

  it('noise in a cone about z: Z worse, X and Y equal within tolerance, sphericity below 1', () => {
    const m = anisotropic.metrics;
    near(m['resolutionX'], expectedResolution(1), 0.06);
    near(m['resolutionY'], expectedResolution(1), 0.06);
    near(m['resolutionZ'], expectedResolution(FACTOR), 0.06);
    near(m['resolutionX'], m['resolutionY'] as number, 0.06);
    expect(m['resolutionZ'] as number).toBeGreaterThan(1.3 * (m['resolutionX'] as number));
    near(m['resolutionGlobal'], expectedResolution(1 + (FACTOR - 1) * (1 - Math.cos((35 * Math.PI) / 180))), 0.04);
    expect(m['sphericity'] as number).toBeLessThan(0.9);
    expect(m['resolutionRange']).toEqual([Math.min(m['resolutionX'] as number, m['resolutionY'] as number), m['resolutionZ']]);
    expect(anisotropic.resolutionEstimates).toEqual([{ method: 'Directional FSC (global, soft mask) 0.143', value: m['resolutionGlobal'] }]);
    expect(anisotropic.status).toBe('ok');
  });

  it('isotropic halves: X ≈ Y ≈ Z ≈ global at the analytic resolution, sphericity near 1', () => {
    const m = isotropic.metrics;
    for (const key of ['resolutionX', 'resolutionY', 'resolutionZ']) near(m[key], expectedResolution(1), 0.06);
    near(m['resolutionGlobal'], expectedResolution(1), 0.03);
    expect(m['sphericity'] as number).toBeGreaterThan(0.98);
    expect(isotropic.status).toBe('no-criteria');
  });

  it('frequency axis k/(N·Ts); the original axis factor 2·Ts² is noted', () => {
    const curve = anisotropic.metrics['curve'] as { frequency: number[]; fscX: number[] };
    expect(curve.frequency).toHaveLength(N / 2);
    expect(curve.frequency[4]).toBeCloseTo(5 / (N * TS), 15);
    expect(anisotropic.metrics['originalAxisFactor']).toBe(2 * TS * TS);
    expect(anisotropic.notes!.join(' ')).toMatch(/k·2·Ts\/N/);
  });

  it('plots: FSC along X, Y, Z and global with the 0.143 line; histogram of 321 directional resolutions', () => {
    const [fsc, hist] = anisotropic.plots!;
    expect(fsc!.series.map((s) => s.label)).toEqual(['X', 'Y', 'Z', 'Global']);
    expect(fsc!.hLines).toEqual([{ y: 0.143, label: '0.143' }]);
    expect(hist!.kind).toBe('histogram');
    expect(hist!.series[0]!.y.reduce((a, b) => a + b, 0)).toBe(321);
  });

  it('a reported resolution finer than 80% of the global one is a warning', async () => {
    const a = halves(FACTOR);
    const global = anisotropic.metrics['resolutionGlobal'] as number;
    const section = await run({ half1: a.half1, half2: a.half2, softMask: ones(a.half1) }, { resolution: 0.75 * global });
    expect(section.status).toBe('warnings');
    expect(section.warnings[0]).toMatch(/particularly high with respect to the global directional-FSC resolution/);
  });

  it('identical halves: no curve crosses, the global resolution could not be estimated', async () => {
    const a = halves(1);
    const section = await run({ half1: a.half1, half2: a.half1, softMask: ones(a.half1) }, { resolution: 30 });
    const m = section.metrics;
    expect([m['resolutionX'], m['resolutionY'], m['resolutionZ'], m['resolutionGlobal'], m['resolutionRange']]).toEqual([null, null, null, null, null]);
    expect(section.status).toBe('warnings');
    expect(section.warnings[0]).toMatch(/global resolution could not be estimated/);
    expect(section.results!.join(' ')).toMatch(/did not cross the threshold in at least one direction/);
    expect(section.resolutionEstimates).toEqual([]);
  });
});
