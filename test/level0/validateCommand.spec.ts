import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gaussianBlob, SeededRandom, Volume, writeMap } from '../../core/index.js';
import { buildRawMrc } from '../../core/io/testing/buildRawMrc.js';
import { cli, repoRoot, tempDir } from '../engine/helpers.js';
import { runLevel0Checks } from './runLevel0Checks.js';

const dataDir = resolve(repoRoot, '../shared/data');

/** A 40³ map of 1.2 Å voxels: a Gaussian blob (peak 1, σ 4 voxels) in N(0, 0.05²) noise. */
async function writePhantom(file: string, opts: { noise?: number; voxel?: number } = {}): Promise<Volume> {
  const volume = gaussianBlob([40, 40, 40], [20, 20, 20], 4, { voxelSize: [opts.voxel ?? 1.2, opts.voxel ?? 1.2, opts.voxel ?? 1.2] });
  new SeededRandom(8).addNormalNoise(volume.data, opts.noise ?? 0.05);
  await writeMap(file, volume);
  return volume;
}

describe('vrs validate: inputs', () => {
  it('refuses to run without a threshold and suggests μ + 3σ of the outer shell', async () => {
    const dir = tempDir('vrs-validate-');
    const map = join(dir, 'blob.mrc');
    await writePhantom(map);
    const result = await cli(['validate', '--map', map, '--out', join(dir, 'run')], { config: false });
    expect(result.code).toBe(2);
    // the shell (4 voxels deep) is pure noise: mean 0, σ 0.05 → about 0.15
    const suggested = Number(/Suggested: --threshold ([0-9.e-]+)/.exec(result.stderr)?.[1]);
    expect(suggested).toBeGreaterThan(0.14);
    expect(suggested).toBeLessThan(0.16);
    expect(result.stderr).toMatch(/blob\.mrc \[threshold\]: no threshold/);
    expect(existsSync(join(dir, 'run', 'report.json'))).toBe(false);
  });

  it('for a masked map (constant outer shell) suggests the level enclosing 1 % of the box', async () => {
    const dir = tempDir('vrs-validate-');
    const map = join(dir, 'masked.mrc');
    // 50³ = 125 000 voxels, 1 250 of them ≥ the level: the values 1…125 000 make it 123 751 (numpy's linear percentile 99)
    const volume = Volume.zeros([50, 50, 50]);
    for (let i = 0; i < volume.size; i++) volume.data[i] = i + 1;
    for (let z = 0; z < 50; z++) for (let y = 0; y < 50; y++) for (let x = 0; x < 50; x++) if (Math.min(x, y, z, 49 - x, 49 - y, 49 - z) < 5) volume.data[volume.index(x, y, z)] = 0;
    await writeMap(map, volume);
    const kept = Array.from(volume.data).sort((a, b) => a - b);
    const position = (kept.length - 1) * 0.99;
    const expected = kept[Math.floor(position)]! + (kept[Math.floor(position) + 1]! - kept[Math.floor(position)]!) * (position - Math.floor(position));
    const result = await cli(['validate', '--map', map, '--out', join(dir, 'run')], { config: false });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Suggested: --threshold ${Number(expected.toPrecision(3))}, the level enclosing 1 % of the box`);
    expect(result.stderr).toContain('the outer shell is constant (a masked map?)');
  });

  it('rejects malformed numbers and modes before anything runs', async () => {
    const dir = tempDir('vrs-validate-');
    const map = join(dir, 'blob.mrc');
    await writePhantom(map);
    for (const [args, message] of [
      [['--threshold', 'abc'], '--threshold expects a number, got "abc"'],
      [['--threshold', '0.3', '--resolution', '-2'], '--resolution must be positive'],
      [['--threshold', '0.3', '--voxel', '0'], '--voxel must be positive'],
      [['--threshold', '0.3', '--compatibility', 'strict'], "--compatibility expects 'corrected' or 'original'"],
    ] as const) {
      const result = await cli(['validate', '--map', map, ...args, '--out', join(dir, 'run')], { config: false });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
    const missing = await cli(['validate', '--map', join(dir, 'absent.mrc'), '--threshold', '1', '--out', join(dir, 'run')], { config: false });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/absent\.mrc \[map\]: file not found/);
    writeFileSync(join(dir, 'header.xml'), '<html>not a header</html>');
    const badHeader = await cli(['validate', '--map', map, '--emdb-header', join(dir, 'header.xml'), '--out', join(dir, 'run')], { config: false });
    expect(badHeader.code).toBe(2);
    expect(badHeader.stderr).toMatch(/header\.xml: not an EMDB header/);
  });

  it('a map with NaN voxels: refused before anything runs, naming the file and the voxels; through a workflow the import fails and every section says so', async () => {
    const dir = tempDir('vrs-validate-');
    const map = join(dir, 'nan.mrc');
    const data = new Float32Array(16 ** 3).fill(1);
    data[123] = Number.NaN;
    writeFileSync(map, buildRawMrc({ ncrs: [16, 16, 16], mode: 2, cellA: [16, 16, 16], data }));
    const result = await cli(['validate', '--map', map, '--threshold', '0.3', '--out', join(dir, 'run')], { config: false });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nan\.mrc \[data\]: 1 voxel\(s\) are NaN or infinite/);
    expect(existsSync(join(dir, 'run', 'run.json'))).toBe(false);
    // `vrs run` has no up-front checks: the import step fails and the report says why for every section.
    const run = await cli(['run', join(repoRoot, 'workflows/level0.yaml'), '-p', `map=${map}`, '-p', 'threshold=0.3', '--out', join(dir, 'wf')], { config: false });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ importMap \(vrs\.importMap\) failed: .*nan\.mrc.*NaN/);
    const report = JSON.parse(readFileSync(join(dir, 'wf', 'report.json'), 'utf8')) as { sections: { id: string; status: string; reason?: string }[] };
    for (const id of ['input', '0.a', '0.b', '0.c', '0.d']) {
      const section = report.sections.find((s) => s.id === id);
      expect(section?.status, id).toBe('failed');
      expect(section?.reason).toMatch(/could not be measured/);
    }
  });

  it('--voxel overrides the header, and the override is noted', async () => {
    const dir = tempDir('vrs-validate-');
    const map = join(dir, 'blob.mrc');
    await writePhantom(map);
    const run = await runLevel0Checks({ map, threshold: 0.3, resolution: 5, voxel: 1.5 }, join(dir, 'run'));
    const input = run.sections.get('input')!;
    expect(input.metrics['voxelSize']).toEqual([1.5, 1.5, 1.5]);
    expect((input.metrics['headerNotes'] as string[]).join('\n')).toMatch(/voxel size 1\.5, 1\.5, 1\.5 Å given by the caller overrides the header's 1\.2, 1\.2, 1\.2 Å/);
  }, 300_000);

  it.skipIf(!existsSync(join(dataDir, 'level0/emd_1997_header.xml')))('an EMDB header gives threshold and resolution; command-line values win and are noted', async () => {
    const dir = tempDir('vrs-validate-');
    const run = await runLevel0Checks(
      { map: join(dataDir, 'level0/emd_1997.map'), emdbHeader: join(dataDir, 'level0/emd_1997_header.xml'), threshold: 1.2 },
      join(dir, 'run'),
    );
    expect(run.sections.get('input')!.metrics).toMatchObject({ threshold: 1.2, resolution: 7 });
    expect(run.notes).toContain('--threshold 1.2 replaces the header\'s contour level 1.');
    expect(run.notes[0]).toMatch(/EMDB header .*emd_1997_header\.xml \(EMD-1997\): contour level 1, resolution 7 Å, pixel spacing 2\.02 × 2\.02 × 2\.02 Å\./);
  }, 300_000);
});

describe('vrs validate: bad maps give sections with stated reasons', () => {
  it('a map of zeros: refused by vrs validate; through the workflow, empty masks at a positive threshold, a clear error at a non-positive one', async () => {
    const dir = tempDir('vrs-validate-');
    const map = join(dir, 'zeros.mrc');
    await writeMap(map, Volume.zeros([24, 24, 24], [1.5, 1.5, 1.5]));
    await expect(runLevel0Checks({ map, threshold: 0.5, resolution: 4 }, join(dir, 'refused'))).rejects.toThrow(/the map is constant/);
    const high = await runLevel0Checks({ map, threshold: 0.5, resolution: 4 }, join(dir, 'high'), { withoutInputChecks: true });
    expect(high.summary.status).toBe('success');
    expect(high.sections.get('input')!.results?.join(' ')).toContain('No voxel reaches the threshold 0.500000 (the map maximum is 0): the masks are empty. Lower the threshold.');
    expect(high.sections.get('0.a')!.warnings).toEqual(['The mask with hard borders is empty: the threshold seems too high, try lowering it.']);
    expect(high.sections.get('0.b')!).toMatchObject({ status: 'failed' });
    expect(high.sections.get('0.c')!).toMatchObject({ status: 'failed' });
    expect(high.sections.get('0.d')!.status).toBe('failed');
    expect(high.sections.get('0.d')!.reason).toMatch(/Guinier line could not be fitted/);
    // Every voxel reaches 0: the mask would be the whole box, so the hard mask refuses the threshold.
    const low = await runLevel0Checks({ map, threshold: 0 }, join(dir, 'low'), { withoutInputChecks: true });
    expect(low.summary.status).toBe('failed');
    const hardMask = low.summary.steps.find((step) => step.step === 'hardMask')!;
    expect(hardMask.outcome).toBe('failed');
    expect(hardMask.error).toMatch(/the threshold 0 lies in the background: 100\.0 % of the box is at or above it/);
  }, 300_000);

  it('a resolution finer than twice the voxel size: a warning, no up-sampling, a note in 0.d', async () => {
    const dir = tempDir('vrs-validate-');
    const map = join(dir, 'blob.mrc');
    await writePhantom(map, { voxel: 1.2 });
    const run = await runLevel0Checks({ map, threshold: 0.3, resolution: 2 }, join(dir, 'run'));
    expect(run.summary.status).toBe('success');
    expect(run.notes.join('\n')).toMatch(/warning: the resolution 2 Å is finer than twice the voxel size \(2\.4 Å/);
    expect(run.sections.get('input')!.results?.join('\n')).toMatch(/finer than twice the voxel size \(2\.4 Å, the Nyquist limit\): the map is not up-sampled/);
    expect(run.sections.get('0.d')!.notes?.join('\n')).toMatch(/finer than the Nyquist limit of the map \(2\.4 Å\)/);
    expect(['ok', 'warnings']).toContain(run.sections.get('0.d')!.status);
  }, 300_000);
});
