import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMap, readPngHeader, Volume, writeMap, type SectionResult } from '../../../core/index.js';
import { blobPhantom, type LocalResolutionPhantom } from '../../../core/kernels/monores/testing.js';
import { cli, repoRoot, tempDir } from '../../engine/helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const withHardMask = join(here, 'monores.yaml');
const withMaskFile = join(here, 'monoresWithMask.yaml');
const dataDir = resolve(repoRoot, '../shared/data');

interface Percentiles {
  p2_5: number;
  p25: number;
  p50: number;
  p75: number;
  p97_5: number;
}

async function run(workflow: string, params: Record<string, string | number>): Promise<{ out: string; section: SectionResult }> {
  const out = join(tempDir('vrs-monores-'), 'run');
  const args = Object.entries(params).flatMap(([k, v]) => ['-p', `${k}=${v}`]);
  const result = await cli(['run', workflow, ...args, '--out', out], { config: false });
  const log = join(out, 'logs/localResolution.log');
  expect(result.code, result.stderr + result.stdout + (existsSync(log) ? readFileSync(log, 'utf8').slice(-3000) : '')).toBe(0);
  return { out, section: JSON.parse(readFileSync(join(out, 'sections/0.e/section.json'), 'utf8')) as SectionResult };
}

/** numpy's linear percentile by a plain sort, independent of core/stats. */
function percentile(sorted: number[], p: number): number {
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo]! + (sorted[lo + 1]! - sorted[lo]!) * (h - lo) : sorted[lo]!;
}

/** The published local-resolution map's statistics, recomputed here from the file. */
async function publishedStatistics(out: string, reported: number): Promise<{ percentiles: Percentiles; below: number; values: number[]; map: Volume }> {
  const map = (await readMap(join(out, 'local_resolution.mrc'))).volume;
  const values = Array.from(map.data).filter((v) => v > 0).sort((a, b) => a - b);
  const [p2_5, p25, p50, p75, p97_5] = [2.5, 25, 50, 75, 97.5].map((p) => percentile(values, p)) as [number, number, number, number, number];
  return { percentiles: { p2_5, p25, p50, p75, p97_5 }, below: (100 * values.filter((v) => v < reported).length) / values.length, values, map };
}

function expectConsistentSection(section: SectionResult, stats: { percentiles: Percentiles; below: number; values: number[] }): void {
  const metrics = section.metrics as { percentiles: Percentiles; reportedResolutionPercentile: number; voxelsEvaluated: number };
  for (const key of Object.keys(stats.percentiles) as (keyof Percentiles)[]) expect(metrics.percentiles[key]).toBeCloseTo(stats.percentiles[key], 5);
  expect(metrics.reportedResolutionPercentile).toBeCloseTo(stats.below, 9);
  expect(metrics.voxelsEvaluated).toBe(stats.values.length);
  // The criteria, re-applied here.
  expect(section.warnings.some((w) => w.includes('particularly high'))).toBe(stats.below < 0.1);
  expect(section.warnings.some((w) => w.includes('homogeneous'))).toBe(Math.abs(stats.percentiles.p97_5 - stats.percentiles.p2_5) < 0.01);
  expect(section.status).toBe(section.warnings.length > 0 ? 'warnings' : 'ok');
  // A section with more than half of its mask unmeasured gives its median as an unreliable estimate.
  const unmeasured = (section.metrics as { unmeasuredFraction?: number }).unmeasuredFraction ?? 0;
  expect(section.resolutionEstimates).toEqual([
    { method: expect.any(String), value: metrics.percentiles.p50, ...(unmeasured > 0.5 ? { reliable: false, unreliableReason: expect.stringMatching(/not measured \(more than half\)/) } : {}) },
  ]);
  const histogram = section.plots!.find((p) => p.id === 'histogram')!;
  expect(histogram.series[0]!.y.reduce((a, b) => a + b, 0)).toBe(stats.values.length);
}

describe('0.e local resolution (MonoRes single-map) through the engine', () => {
  let phantom: LocalResolutionPhantom;
  let mapFile: string;
  let maskFile: string;
  beforeAll(async () => {
    const dir = tempDir('vrs-monores-phantom-');
    phantom = await blobPhantom({
      n: 64, voxelSize: 1, noise: 0.1, blobs: [
        { centre: [19, 32, 32], radius: 10, resolution: 4 },
        { centre: [45, 32, 32], radius: 10, resolution: 8 },
      ],
    });
    const geometry = { dims: phantom.dims, voxelSize: [1, 1, 1] as [number, number, number], origin: [0, 0, 0] as [number, number, number] };
    mapFile = join(dir, 'blobs.mrc');
    maskFile = join(dir, 'blobs_mask.mrc');
    await writeMap(mapFile, new Volume(phantom.map, geometry));
    await writeMap(maskFile, new Volume(phantom.mask, geometry));
  });

  it('measures the 4 Å and 8 Å blobs, and warns when the reported resolution (Nyquist, 2 Å) is better than every local one', async () => {
    const { out, section } = await run(withMaskFile, { map: mapFile, mask: maskFile, threshold: 1, resolution: 2 });
    const stats = await publishedStatistics(out, 2);
    expectConsistentSection(section, stats);
    // Nothing is measured beyond Nyquist: no local resolution is below 2 Å.
    expect(stats.below).toBe(0);
    expect(section.status).toBe('warnings');
    const metrics = section.metrics as { resampling: unknown; evaluationGrid: { dims: number[] }; frequenciesVisited: number; sweep: { maxResolution: number } };
    // R/3 < Ts: evaluated on the map itself; sweep from max(10, 5·2) = 10 Å.
    expect(metrics.resampling).toBeNull();
    expect(metrics.evaluationGrid.dims).toEqual([64, 64, 64]);
    expect(metrics.sweep.maxResolution).toBe(10);
    const median = (core: number) => percentile(Array.from(stats.map.data).filter((_, i) => phantom.cores[i] === core).sort((a, b) => a - b), 50);
    expect(median(1)).toBeGreaterThan(3.4);
    expect(median(1)).toBeLessThanOrEqual(4.0001);
    expect(median(2)).toBeGreaterThan(6.9);
    expect(median(2)).toBeLessThanOrEqual(8.0001);

    const views = section.figures!.find((f) => f.id === 'local_resolution_views')!;
    expect(views.panels).toHaveLength(3);
    expect(views.colorBar).toMatchObject({ min: stats.percentiles.p2_5, max: stats.percentiles.p97_5, palette: 'jet' });
    for (const panel of views.panels) {
      const header = readPngHeader(readFileSync(join(out, 'sections/0.e', panel.file)));
      expect([header.width, header.height]).toEqual([panel.width, panel.height]);
    }
  });

  it('evaluates on a resampled grid when R/3 allows it (R = 6 Å: 64³ of 1 Å → 32³ of 2 Å) and passes the criterion', async () => {
    const { out, section } = await run(withMaskFile, { map: mapFile, mask: maskFile, resolution: 6 });
    const stats = await publishedStatistics(out, 6);
    expectConsistentSection(section, stats);
    expect(stats.map.dims).toEqual([32, 32, 32]);
    expect(stats.map.voxelSize).toEqual([2, 2, 2]);
    expect(section.metrics['resampling']).toMatchObject({ fromDims: [64, 64, 64], dims: [32, 32, 32], voxelSize: [2, 2, 2] });
    // Half the measured voxels belong to the 4 Å blob, now at Nyquist (4 Å): the reported 6 Å sits mid-distribution.
    expect(stats.below).toBeGreaterThan(20);
    expect(stats.below).toBeLessThan(80);
    expect(section.status).toBe('ok');
    expect(section.notes!.join(' ')).toMatch(/No threshold was given/);
  });

  it('does not apply without a resolution or beyond Nyquist, and fails with a reason on an empty mask', async () => {
    const none = await run(withMaskFile, { map: mapFile, mask: maskFile });
    expect(none.section.status).toBe('not-applicable');
    expect(none.section.reason).toMatch(/No resolution/);
    const beyond = await run(withMaskFile, { map: mapFile, mask: maskFile, resolution: 1.5 });
    expect(beyond.section.status).toBe('not-applicable');
    expect(beyond.section.reason).toMatch(/finer than the Nyquist limit/);

    const empty = join(tempDir('vrs-monores-empty-'), 'empty.mrc');
    await writeMap(empty, new Volume(new Uint8Array(64 ** 3), { dims: [64, 64, 64], voxelSize: [1, 1, 1], origin: [0, 0, 0] }));
    const failed = await run(withMaskFile, { map: mapFile, mask: empty, resolution: 4 });
    expect(failed.section.status).toBe('failed');
    expect(failed.section.reason).toMatch(/hard mask is empty.*threshold/);
  });
});

describe.skipIf(!existsSync(dataDir))('0.e on real maps (../shared/data)', () => {
  if (!existsSync(dataDir)) console.warn(`skipping real-map 0.e tests: ${dataDir} is absent`);

  it('EMD-1997 (GroEL, 7 Å, threshold 1.0): statistics of the published map, a plausible range, three views', async () => {
    const { out, section } = await run(withHardMask, { map: join(dataDir, 'level0/emd_1997.map'), threshold: 1, resolution: 7 });
    const stats = await publishedStatistics(out, 7);
    expectConsistentSection(section, stats);
    // R/3 = 2.33 Å > 2.02 Å: evaluated on 90³ of 2.244 Å (100·2.02/2.33 = 86.6 → fast size 90).
    expect(stats.map.dims).toEqual([90, 90, 90]);
    const nyquist = 2 * stats.map.voxelSize[0];
    expect(stats.values[0]!).toBeGreaterThanOrEqual(nyquist - 1e-6);
    // Every value is one of the tested resolutions or a smoothed value between them: within the sweep.
    expect(stats.values[stats.values.length - 1]!).toBeLessThanOrEqual(35);
    expect(section.figures!.find((f) => f.id === 'local_resolution_views')!.panels).toHaveLength(3);
  });

  it('EMD-3001 (non-cubic voxels) does not apply, with the reason', async () => {
    const { section } = await run(withHardMask, { map: join(dataDir, 'level0/emd_3001.map'), threshold: 0.3, resolution: 3 });
    expect(section.status).toBe('not-applicable');
    expect(section.reason).toMatch(/not cubic/);
  });
});
