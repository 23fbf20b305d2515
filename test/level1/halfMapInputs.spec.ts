// vrs validate with half maps: the levels follow from the inputs, and halves that are not on the
// map's grid (box, voxel size, origin) stop everything with an error naming the half and the field.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gaussianBlob, sha256File, Volume, writeMap } from '../../core/index.js';
import { halfMapsProtocol } from '../../protocols/level1/half-maps/halfMapsProtocol.js';
import { cli, repoRoot, tempDir } from '../engine/helpers.js';

/** A 24³ blob map of 1.5 Å voxels (origin 0) and its file. */
async function writeBlob(file: string, geometry: { dims?: [number, number, number]; voxel?: number; origin?: [number, number, number] } = {}): Promise<Volume> {
  const dims = geometry.dims ?? [24, 24, 24];
  const voxel = geometry.voxel ?? 1.5;
  const blob = gaussianBlob(dims, [dims[0] / 2, dims[1] / 2, dims[2] / 2], 3, { voxelSize: [voxel, voxel, voxel] });
  const volume = new Volume(blob.data, { dims, voxelSize: [voxel, voxel, voxel], origin: geometry.origin ?? [0, 0, 0] });
  await writeMap(file, volume);
  return volume;
}

describe('vrs validate --half1 --half2: input checks', () => {
  it('refuses halves whose box, voxel size or origin differ from the map, naming the half and the field; nothing runs', async () => {
    const dir = tempDir('vrs-l1-');
    const map = join(dir, 'map.mrc');
    await writeBlob(map);
    const good = join(dir, 'good.mrc');
    await writeBlob(good);
    const cases = [
      ['box.mrc', { dims: [24, 24, 20] }, /box\.mrc \[dims\]: box 24 × 24 × 20 differs from .*map\.mrc's 24 × 24 × 24/],
      ['voxel.mrc', { voxel: 1.6 }, /voxel\.mrc \[voxel size\]: voxel size 1\.6, 1\.6, 1\.6 Å differs from .*map\.mrc's 1\.5, 1\.5, 1\.5 Å/],
      ['origin.mrc', { origin: [0, 0, 3] }, /origin\.mrc \[origin\]: origin \(0, 0, 3\) Å differs/],
    ] as const;
    for (const [name, geometry, message] of cases) {
      const half = join(dir, name);
      await writeBlob(half, geometry as never);
      const out = join(dir, `run-${name}`);
      const result = await cli(['validate', '--map', map, '--threshold', '0.5', '--resolution', '5', '--half1', good, '--half2', half, '--out', out], { config: false });
      expect(result.code, name).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(existsSync(join(out, 'report.json'))).toBe(false);
    }
  });

  it('a voxel-size override does not hide halves whose headers disagree with the map', async () => {
    const dir = tempDir('vrs-l1-');
    const map = join(dir, 'map.mrc');
    await writeBlob(map);
    const half = join(dir, 'other.mrc');
    await writeBlob(half, { voxel: 2 });
    const result = await cli(['validate', '--map', map, '--threshold', '0.5', '--voxel', '2', '--half1', half, '--half2', half, '--out', join(dir, 'run')], { config: false });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/other\.mrc \[voxel size\]/);
  });

  it('vrs run workflows/level1.yaml: a half off the map grid fails its import, naming the file and the field; the level-1 checks are skipped', async () => {
    const dir = tempDir('vrs-l1-');
    const map = join(dir, 'map.mrc');
    await writeBlob(map);
    const half = join(dir, 'shifted.mrc');
    await writeBlob(half, { origin: [0, 0, 3] });
    const out = join(dir, 'run');
    const workflow = join(repoRoot, 'workflows/level1.yaml');
    const result = await cli(['--json', 'run', workflow, '-p', `map=${map}`, '-p', 'threshold=0.5', '-p', 'resolution=5', '-p', `half1=${map}`, '-p', `half2=${half}`, '--out', out, '--until', 'fso'], { config: false });
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as { steps: { step: string; outcome: string; error?: string }[] };
    const importHalf2 = summary.steps.find((s) => s.step === 'importHalf2')!;
    expect(importHalf2.outcome).toBe('failed');
    expect(importHalf2.error).toMatch(/shifted\.mrc \[origin\]: origin \(0, 0, 3\) Å differs from map\.mrc's \(0, 0, 0\) Å/);
    expect(summary.steps.find((s) => s.step === 'fso')!.outcome).toBe('skipped');
  });

  it('one half alone is an error that names the missing option', async () => {
    const dir = tempDir('vrs-l1-');
    const map = join(dir, 'map.mrc');
    await writeBlob(map);
    const result = await cli(['validate', '--map', map, '--threshold', '0.5', '--half2', map, '--out', join(dir, 'run')], { config: false });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/only one half map was given; level 1 needs both \(add --half1\)/);
  });
});

describe('vrs.halfMaps section', () => {
  it('records each half by name and SHA-256 of its file, and shows the slices of each half and of their difference', async () => {
    const dir = tempDir('vrs-l1-');
    const files = [join(dir, 'h1.mrc'), join(dir, 'h2.mrc')];
    const h1 = await writeBlob(files[0]!);
    const h2 = h1.withData(Float32Array.from(h1.data, (v, i) => v + (i % 7 === 0 ? 0.25 : 0)));
    await writeMap(files[1]!, h2);
    const infos = await Promise.all(files.map(async (file, k) => ({ fileName: `h${k + 1}.mrc`, sha256: await sha256File(file), dims: [24, 24, 24], voxelSize: [1.5, 1.5, 1.5], origin: [0, 0, 0], notes: [], dataStats: {} })));
    const mapInfo = { ...infos[0]!, fileName: 'map.mrc' };
    const json: Record<string, unknown> = { mapInfo, half1Info: infos[0], half2Info: infos[1] };
    const volumes: Record<string, Volume> = { half1: h1, half2: h2 };
    const output = await halfMapsProtocol.run({
      step: 'halfMaps',
      protocol: { id: halfMapsProtocol.id, version: halfMapsProtocol.version },
      params: {},
      inputs: { has: () => true, volume: async (port: string) => volumes[port], json: async (port: string) => json[port] } as never,
      logger: { info() {}, warn() {} } as never,
      scratchDir: dir,
      signal: new AbortController().signal,
      progress: () => {},
    });
    const section = (output as { section: { value: { id: string; level: string; status: string; results: string[]; metrics: Record<string, unknown>; figures: { id: string }[] }; files: Record<string, Uint8Array> } }).section;
    expect(section.value).toMatchObject({ id: 'halfMaps', level: 'input', status: 'no-criteria' });
    expect(section.value.results[0]).toBe(`Half map 1: h1.mrc. SHA-256 hash: ${infos[0]!.sha256}.`);
    expect(section.value.results[1]).toBe(`Half map 2: h2.mrc. SHA-256 hash: ${infos[1]!.sha256}.`);
    // The difference is 0.25 on every 7th voxel: rms = 0.25·√(count/n), counted by hand.
    const n = 24 ** 3;
    const hits = Math.floor((n - 1) / 7) + 1;
    expect(section.value.metrics['differenceRms']).toBeCloseTo(0.25 * Math.sqrt(hits / n), 6);
    expect(section.value.figures.map((f) => f.id)).toEqual(['half1_max_variance', 'half2_max_variance', 'difference_max_variance']);
    expect(Object.keys(section.files)).toHaveLength(9);
  });
});
