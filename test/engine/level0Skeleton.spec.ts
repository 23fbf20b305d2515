import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProtocolRegistry, loadWorkflow, packageModule, Volume, writeMap } from '../../core/index.js';
import { finished, readJournal, repoRoot, spawnCli, tempDir } from './helpers.js';

const level0 = join(repoRoot, 'workflows/level0.yaml');
const dataDir = resolve(repoRoot, '../shared/data');

interface Summary {
  status: string;
  durationMs: number;
  counts: Record<string, number>;
  steps: { step: string; outcome: string }[];
}

/** A 40³ map of 1.5 Å voxels holding a centred Gaussian blob (σ = 4 Å), origin (−30, −30, −30) Å. */
async function writePhantom(file: string): Promise<void> {
  const n = 40;
  const volume = Volume.zeros([n, n, n], [1.5, 1.5, 1.5], [-30, -30, -30]);
  for (let z = 0; z < n; z++) {
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        const r2 = ((x - 19.5) ** 2 + (y - 19.5) ** 2 + (z - 19.5) ** 2) * 1.5 ** 2;
        volume.data[volume.index(x, y, z)] = Math.exp(-r2 / (2 * 4 ** 2));
      }
    }
  }
  await writeMap(file, volume);
}

// `npm test` builds dist/ just before the tests: then run the CLI as users do, compiled.
const fromSources = process.env['npm_lifecycle_event'] !== 'test';

async function runLevel0(args: string[]): Promise<{ summary: Summary; wallMs: number; stdout: string }> {
  const started = performance.now();
  const result = await finished(spawnCli(['--json', 'run', level0, ...args], { fromSources }));
  const wallMs = performance.now() - started;
  expect(result.code, result.stderr).toBe(0);
  return { summary: JSON.parse(result.stdout) as Summary, wallMs, stdout: result.stdout };
}

describe('the level-0 workflow', () => {
  it('runs on a phantom map, then a second run takes every step from the cache in well under a second', async () => {
    // The steps as the workflow file lists them (the level-0 checks join it over time).
    const steps = loadWorkflow(level0, await loadProtocolRegistry([packageModule('protocols/index')])).steps.map((step) => step.name);
    const dir = tempDir('vrs-level0-');
    const map = join(dir, 'phantom.mrc');
    await writePhantom(map);
    const out = join(dir, 'run');
    const args = ['-p', `map=${map}`, '-p', 'threshold=0.5', '-p', 'resolution=4', '--out', out];

    const first = await runLevel0(args);
    expect(first.summary.counts).toEqual({ cached: 0, success: steps.length, failed: 0, skipped: 0 });
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { inputs: Record<string, unknown>; sections: { id: string; metrics: Record<string, unknown> }[] };
    // Independent answers: the geometry we wrote, and the SHA-256 of the file computed here.
    const sha256 = createHash('sha256').update(readFileSync(map)).digest('hex');
    expect(report.inputs).toEqual({ map: 'phantom.mrc', sha256, voxelSize: [1.5, 1.5, 1.5], dims: [40, 40, 40], threshold: 0.5, resolution: 4 });
    expect(report.sections.map((section) => section.id).slice(0, 5)).toEqual(['input', '0.a', '0.b', '0.c', '0.d']);
    expect(report.sections[0]!.metrics['origin']).toEqual([-30, -30, -30]);

    const second = await runLevel0(args);
    expect(second.summary.counts).toEqual({ cached: steps.length, success: 0, failed: 0, skipped: 0 });
    expect(readJournal(out, 2).filter((entry) => entry.event === 'step:cached').map((entry) => entry.step).sort()).toEqual([...steps].sort());
    // The engine's own time for the cached run (the process adds Node start-up and module loading).
    expect(second.summary.durationMs).toBeLessThan(500);
    console.info(`level-0 workflow, fully cached second run: engine ${second.summary.durationMs.toFixed(1)} ms, whole process ${second.wallMs.toFixed(0)} ms (${fromSources ? 'from TypeScript sources' : 'compiled dist/'})`);

    // Without --json, the summary says it in words.
    const text = await finished(spawnCli(['run', level0, ...args], { fromSources }));
    expect(text.stdout).toContain('every step came from the cache');
  });

  it.skipIf(!existsSync(dataDir))('reads emd_1997 with the geometry the EMDB header gives', async () => {
    const out = join(tempDir('vrs-level0-'), 'run');
    await runLevel0(['-p', `map=${join(dataDir, 'level0/emd_1997.map')}`, '-p', 'threshold=1.0', '-p', 'resolution=7', '--out', out]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { inputs: { dims: number[]; voxelSize: number[] } };
    // ../shared/data/README.md: EMD-1997, 100³ box, 2.02 Å voxels.
    expect(report.inputs.dims).toEqual([100, 100, 100]);
    for (const size of report.inputs.voxelSize) expect(size).toBeCloseTo(2.02, 5);
  });
  if (!existsSync(dataDir)) console.warn(`skipping the emd_1997 level-0 test: ${dataDir} is absent`);
});
