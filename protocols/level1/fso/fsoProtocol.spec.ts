import { beforeAll, describe, expect, it } from 'vitest';
import { Volume, type SectionResult } from '../../../core/index.js';
import { coneNoiseHalves, expectedCrossing } from '../../../core/kernels/directionalFsc/testing/coneNoiseHalves.js';
import { runProtocolInProcess } from '../../level0/loc-bfactor/testing/runProtocolInProcess.js';
import { fsoProtocol } from './fsoProtocol.js';

// 64³ halves of 10 Å voxels: signal amplitude exp(−(|w|/0.2)²), noise power 0.01, ×30 within 35° of ±z.
const N = 64;
const TS = 10;
const W0 = 0.2;
const NOISE = 0.01;
const halves = (factor: number) => coneNoiseHalves({ n: N, voxelSize: TS, seed: 11, w0: W0, noiseSd: Math.sqrt(NOISE), conePowerFactor: factor, coneHalfAngle: 35 });
const ones = (like: Volume) => like.withData(new Float32Array(like.data.length).fill(1));
const expectedResolution = (g2: number) => TS / expectedCrossing(0.143, W0, NOISE * g2);

async function run(inputs: Record<string, Volume>, params: Record<string, unknown> = {}): Promise<SectionResult> {
  const out = await runProtocolInProcess(fsoProtocol, inputs, params);
  return out['section']!.value as SectionResult;
}

describe('vrs.fso', () => {
  let anisotropic: SectionResult;
  let isotropic: SectionResult;
  beforeAll(async () => {
    const a = halves(30);
    anisotropic = await run({ half1: a.half1, half2: a.half2, softMask: ones(a.half1) }, { resolution: expectedResolution(1) });
    const i = halves(1);
    isotropic = await run({ half1: i.half1, half2: i.half2, softMask: ones(i.half1) });
  });

  it('isotropic halves: FSO resolution at the analytic crossing, a narrow occupancy range', () => {
    const m = isotropic.metrics as Record<string, number>;
    expect(Math.abs(m['fsoResolution']! / expectedResolution(1) - 1)).toBeLessThan(0.06);
    expect(m['occupancy90Resolution']!).toBeGreaterThan(m['fsoResolution']!);
    expect(m['occupancy10Resolution']!).toBeLessThan(m['fsoResolution']!);
    expect(isotropic.status).toBe('no-criteria');
    expect(isotropic.resolutionEstimates).toEqual([{ method: 'FSO 0.5', value: m['fsoResolution'] }]);
  });

  it('noise in a cone about z: occupancy falls early (between the z and the off-axis resolutions), anisotropy near 1', () => {
    const m = anisotropic.metrics as Record<string, number>;
    const iso = isotropic.metrics as Record<string, number>;
    // ~80% of the directions are off the noisy cone: the FSO still reaches 0.5 at their resolution.
    expect(Math.abs(m['fsoResolution']! / expectedResolution(1) - 1)).toBeLessThan(0.08);
    // 90% occupancy is lost once the directions near z fail (from their resolution, 40.9 Å, on).
    expect(m['occupancy90Resolution']!).toBeGreaterThan(expectedResolution(1));
    expect(m['occupancy90Resolution']!).toBeLessThan(expectedResolution(30));
    expect(m['occupancy90Resolution']!).toBeGreaterThan(1.1 * iso['occupancy90Resolution']!);
    const curve = (anisotropic.metrics['curve'] as { frequency: number[]; anisotropy: number[] });
    const isoCurve = (isotropic.metrics['curve'] as { anisotropy: number[] });
    for (const k of [17, 18, 19, 20]) {
      expect(curve.anisotropy[k]).toBeGreaterThan(0.99);
      expect(isoCurve.anisotropy[k]).toBeLessThan(0.01);
    }
    expect(curve.frequency[0]).toBeCloseTo(1 / (N * TS), 15);
    // The directions near z have the worst directional resolution.
    const directions = anisotropic.metrics['directionalResolution'] as { rot: number; tilt: number; resolution: number | null }[];
    expect(directions).toHaveLength(321);
    const pole = directions.find((d) => d.tilt === 0)!;
    const equator = directions.filter((d) => d.tilt === 90).map((d) => d.resolution!);
    expect(pole.resolution!).toBeGreaterThan(1.2 * Math.max(...equator));
  });

  it('criterion: the reported resolution against 80% of the FSO resolution', async () => {
    expect(anisotropic.status).toBe('ok');
    const fso = (anisotropic.metrics as Record<string, number>)['fsoResolution']!;
    const a = halves(30);
    const tooFine = await run({ half1: a.half1, half2: a.half2, softMask: ones(a.half1) }, { resolution: 0.75 * fso });
    expect(tooFine.status).toBe('warnings');
    expect(tooFine.warnings[0]).toMatch(/particularly high with respect to the FSO resolution/);
  });

  it('plots: FSO and anisotropy with the 0.5 line; the directional distribution as a polar scatter', () => {
    const [curves, scatter] = anisotropic.plots!;
    expect(curves!.series.map((s) => s.label)).toEqual(['FSO', 'Anisotropy']);
    expect(curves!.hLines).toEqual([{ y: 0.5, label: '0.5' }]);
    expect(curves!.vLines!.length).toBe(3);
    expect(scatter!.kind).toBe('scatter');
    const points = scatter!.series.reduce((n, s) => n + s.x.length, 0);
    // 5° grid: 72 rot × 18 tilts above the pole, plus the pole once.
    expect(points).toBe(72 * 18 + 1);
  });

  it('identical halves: FSO 1 at every shell, no crossing, no estimate', async () => {
    const a = halves(1);
    const section = await run({ half1: a.half1, half2: a.half1, softMask: ones(a.half1) }, { resolution: 30 });
    const m = section.metrics as Record<string, unknown>;
    expect([m['fsoResolution'], m['occupancy90Resolution'], m['occupancy10Resolution']]).toEqual([null, null, null]);
    expect((m['curve'] as { fso: number[] }).fso.every((v) => v === 1)).toBe(true);
    expect(section.status).toBe('no-criteria');
    expect(section.resolutionEstimates).toEqual([]);
  });

  it('a mask on another grid is an input error naming it; an empty mask cannot be measured', async () => {
    const a = halves(1);
    const small = new Volume(new Float32Array(8 ** 3).fill(1), { dims: [8, 8, 8], voxelSize: [TS, TS, TS], origin: [0, 0, 0] });
    await expect(run({ half1: a.half1, half2: a.half2, softMask: small })).rejects.toThrow(/soft mask|8 × 8 × 8/);
    const empty = await run({ half1: a.half1, half2: a.half2, softMask: a.half1.withData(new Float32Array(N ** 3)) });
    expect(empty.status).toBe('failed');
    expect(empty.reason).toMatch(/soft mask is empty/);
  });
});
