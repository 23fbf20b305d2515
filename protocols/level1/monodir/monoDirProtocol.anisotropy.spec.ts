import { describe, expect, it } from 'vitest';
import { Volume, type SectionResult } from '../../../core/index.js';
import { monoDirPhantom, zConeNoise } from '../../../core/kernels/monodir/testing.js';
import { runProtocolInProcess } from '../../level0/loc-bfactor/testing/runProtocolInProcess.js';
import { monoDirProtocol } from './monoDirProtocol.js';

const n = 48;
const ts = 3;
const grid = { dims: [n, n, n] as [number, number, number], voxelSize: [ts, ts, ts] as [number, number, number], origin: [0, 0, 0] as [number, number, number] };

describe('vrs.monoDir on half maps with noise in a cone of directions', () => {
  it('z-ward directions resolve worse, the preferred directions are not uniform (warning + abstract), and a claimed 6 Å is too good for a 9 Å map', async () => {
    // One sphere of 9 Å texture at the box centre; the halves' noise is 8× stronger within 30°
    // of z. The map is their mean. Claimed resolution 6 Å (Nyquist of the 3 Å grid).
    const phantom = monoDirPhantom({ n, voxelSize: ts, noiseSd: 0.1, noiseFilter: zConeNoise(30, 8), regions: [{ centre: [24, 24, 24], radius: 12, resolution: 9 }] });
    const outputs = await runProtocolInProcess(monoDirProtocol, { map: new Volume(phantom.map, grid), mask: new Volume(phantom.mask, grid) }, { resolution: 6, resample: 'never' });
    const section = outputs['section']!.value as SectionResult;
    const local = outputs['localResolution']!.value as Volume<Float32Array>;
    expect(section.id).toBe('1.f');
    expect(section.level).toBe('1');
    expect(section.summaryLabel).toBe('1.f Local directional resolution (MonoDir)');
    expect(section.status).toBe('warnings');
    const m = section.metrics;

    // Directions within 25° of z (the pole and its five neighbours) see the strong noise through
    // their 15° Fourier cone; those beyond 55° do not.
    const means = m['directionMeans'] as { tilt: number; meanResolution: number }[];
    const near = means.filter((d) => d.tilt < 25).map((d) => d.meanResolution);
    const far = means.filter((d) => d.tilt > 55).map((d) => d.meanResolution);
    expect(near).toHaveLength(6);
    expect(Math.min(...near)).toBeGreaterThan(Math.max(...far));
    const histogram = m['directionHistogram'] as { rot: number; tilt: number; count: number }[];
    expect(histogram).toHaveLength(46);
    const meanCount = (rows: typeof histogram) => rows.reduce((s, r) => s + r.count, 0) / rows.length;
    expect(meanCount(histogram.filter((r) => r.tilt < 25))).toBeLessThan(0.5 * meanCount(histogram.filter((r) => r.tilt > 55)));
    expect(m['uniformityPValue'] as number).toBeLessThan(0.001);
    expect(section.warnings[0]).toMatch(/not uniform/);
    expect(section.abstract).toMatch(/directional resolution is not uniform/);

    // avgDir: the mean of the radial profile's avg column (MonoRes on the whole map, no cone),
    // which recovers the 9 Å band limit within 15 %; 6 Å < 0.8·avgDir → the second warning.
    const radial = m['radialAverages'] as { radius: number; min: number; max: number; avg: number }[];
    const avgRows = radial.filter((r) => r.avg > 0);
    expect(m['meanDirectionalResolution']).toBeCloseTo(avgRows.reduce((s, r) => s + r.avg, 0) / avgRows.length, 10);
    expect(Math.abs((m['meanDirectionalResolution'] as number) - 9) / 9).toBeLessThan(0.15);
    expect(section.warnings[1]).toMatch(/particularly high with respect to the average directional resolution/);
    expect(section.resolutionEstimates).toEqual([{ method: 'MonoDir average directional resolution', value: m['meanDirectionalResolution'] }]);
    for (const row of radial) expect(row.min).toBeLessThanOrEqual(row.max);
    expect(section.plots!.map((p) => p.kind)).toEqual(['scatter', 'line']);
    expect(section.plots![0]!.series.reduce((s, x) => s + x.x.length, 0)).toBe(46);

    // The map: direction-averaged resolution on the evaluated voxels (inside the mask), 0 elsewhere,
    // between Nyquist and the sweep start.
    expect(local.dims).toEqual([n, n, n]);
    const inside = local.data.filter((v) => v > 0);
    expect(inside.length).toBe(m['evaluatedVoxels']);
    expect(Math.min(...inside)).toBeGreaterThanOrEqual(6 - 1e-6);
    expect(Math.max(...inside)).toBeLessThanOrEqual(18 + 1e-6);
    for (let i = 0; i < local.data.length; i++) if (phantom.mask[i] === 0) expect(local.data[i]).toBe(0);
  }, 120_000);
});
