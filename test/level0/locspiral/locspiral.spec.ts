import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { phantomMap, readMap, readPngHeader, writeMap, type SectionResult } from '../../../core/index.js';
import { cli, repoRoot, tempDir } from '../../engine/helpers.js';

// The maps here are small: single-threaded transforms spare every step the start-up of FFT workers.
process.env['VRS_THREADS'] = '1';

const here = dirname(fileURLToPath(import.meta.url));
const workflow = join(here, 'locspiral.yaml');
const dataDir = resolve(repoRoot, '../shared/data');

interface Percentiles {
  p2_5: number;
  p25: number;
  p50: number;
  p75: number;
  p97_5: number;
}

async function run(map: string, params: string[]): Promise<{ out: string; bfactor: SectionResult; occupancy: SectionResult }> {
  const out = join(tempDir('vrs-locspiral-'), 'run');
  const result = await cli(['run', workflow, '-p', `map=${map}`, ...params.flatMap((p) => ['-p', p]), '--out', out], { config: false });
  expect(result.code, result.stderr + result.stdout).toBe(0);
  const section = (id: string) => JSON.parse(readFileSync(join(out, 'sections', id, 'section.json'), 'utf8')) as SectionResult;
  return { out, bfactor: section('0.f'), occupancy: section('0.g') };
}

/** numpy percentile (linear) by a plain sort, independent of core/stats. */
function percentile(sorted: number[], p: number): number {
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo]! + (sorted[lo + 1]! - sorted[lo]!) * (h - lo) : sorted[lo]!;
}

async function percentilesInMask(mapFile: string, maskFile: string): Promise<Percentiles> {
  const values = (await readMap(mapFile)).volume.data;
  const mask = (await readMap(maskFile)).volume.data;
  const inside: number[] = [];
  values.forEach((v, i) => {
    if (mask[i]! > 0.5) inside.push(v);
  });
  inside.sort((a, b) => a - b);
  const [p2_5, p25, p50, p75, p97_5] = [2.5, 25, 50, 75, 97.5].map((p) => percentile(inside, p)) as [number, number, number, number, number];
  return { p2_5, p25, p50, p75, p97_5 };
}

function expectDefinedVerdict(section: SectionResult, percentiles: Percentiles): void {
  expect(['ok', 'warnings']).toContain(section.status);
  expect(section.status === 'warnings').toBe(section.warnings.length > 0);
  expect(section.abstract !== undefined).toBe(section.status === 'warnings');
  for (const [key, value] of Object.entries(percentiles)) expect((section.metrics['percentiles'] as Percentiles)[key as keyof Percentiles]).toBeCloseTo(value, 9);
}

describe('0.f LocBfactor and 0.g LocOccupancy through the engine', () => {
  it('measure a phantom map: percentiles of the published maps, K by hand, coloured views', async () => {
    const dir = tempDir('vrs-locspiral-');
    const map = join(dir, 'phantom.mrc');
    const { volume, truth } = phantomMap({ seed: 5 });
    await writeMap(map, volume);
    const { out, bfactor, occupancy } = await run(map, [`threshold=${truth.suggestedThreshold}`, 'resolution=4']);

    // Resized: 64·1.2/2 = 38.4 → 38³ at 2 Å. σf = 4.8/(38·2) = 0.06316 Å⁻¹;
    // K = int((1/4 − 1/15)/0.06316) = int(2.90) = 2 → occupancies are 0, ½ or 1.
    expect(occupancy.metrics['dims']).toEqual([38, 38, 38]);
    expect(occupancy.metrics['frequencyCount']).toBe(2);
    expect(occupancy.metrics['frequencies']).toEqual([1 / 15, 1 / 4]);
    expect((bfactor.metrics['frequencies'] as number[]).length).toBe(10);

    const mask = join(out, 'resized_hard_mask.mrc');
    const bp = await percentilesInMask(join(out, 'bmap.mrc'), mask);
    const op = await percentilesInMask(join(out, 'omap.mrc'), mask);
    const omap = (await readMap(join(out, 'omap.mrc'))).volume.data;
    expect(omap.filter((v) => v !== 0 && v !== 0.5 && v !== 1).length).toBe(0);
    expectDefinedVerdict(bfactor, bp);
    expectDefinedVerdict(occupancy, op);
    // The criteria, re-applied here.
    expect(bfactor.warnings.some((w) => w.includes('out of the interval'))).toBe(bp.p50 < -300 || bp.p50 > 0);
    expect(occupancy.warnings.some((w) => w.includes('below 50%'))).toBe(op.p50 < 0.5);

    for (const [id, section, range] of [['0.f', bfactor, bp], ['0.g', occupancy, op]] as const) {
      expect(section.plots?.[0]?.kind).toBe('histogram');
      const counts = section.plots![0]!.series[0]!.y;
      expect(counts.length).toBe(25);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(section.metrics['maskVoxels']);
      const figure = section.figures![0]!;
      expect(figure.panels.length).toBe(3);
      if (id === '0.f') expect([figure.colorBar!.min, figure.colorBar!.max]).toEqual([range.p2_5, range.p97_5]);
      for (const panel of figure.panels) {
        const header = readPngHeader(readFileSync(join(out, 'sections', id, panel.file)));
        expect([header.width, header.height]).toEqual([panel.width, panel.height]);
      }
    }
  });

  it('do not apply without a resolution (the optional workflow parameter left unset)', async () => {
    const dir = tempDir('vrs-locspiral-');
    const map = join(dir, 'phantom.mrc');
    const { volume, truth } = phantomMap({ seed: 6, dims: [40, 40, 40] });
    await writeMap(map, volume);
    const none = await run(map, [`threshold=${truth.suggestedThreshold}`]);
    for (const section of [none.bfactor, none.occupancy]) {
      expect(section.status).toBe('not-applicable');
      expect(section.reason).toMatch(/resolution was not reported/);
    }
  });

  it.skipIf(!existsSync(dataDir))('measure EMD-1997 (7 Å, contour 1.0) on its 56³ resized map', async () => {
    const { out, bfactor, occupancy } = await run(join(dataDir, 'level0/emd_1997.map'), ['threshold=1.0', 'resolution=7']);
    // 100·2.02/3.5 = 57.7 → even box 56 at Ts' = 3.5 Å; σf = 4.8/196; K = int(0.07619/0.02449) = 3.
    expect(bfactor.metrics['dims']).toEqual([56, 56, 56]);
    expect(occupancy.metrics['frequencyCount']).toBe(3);
    const mask = join(out, 'resized_hard_mask.mrc');
    expectDefinedVerdict(bfactor, await percentilesInMask(join(out, 'bmap.mrc'), mask));
    expectDefinedVerdict(occupancy, await percentilesInMask(join(out, 'omap.mrc'), mask));
    console.info(`EMD-1997 local B percentiles ${JSON.stringify(bfactor.metrics['percentiles'])}, occupancy ${JSON.stringify(occupancy.metrics['percentiles'])}`);
  });
});
