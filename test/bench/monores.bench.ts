// `npm run bench -- monores`: section 0.e (vrs.localResolution, MonoRes single-map) on
// levelA/emd_0093 (220³, 1.34 Å, threshold 0.7, resolution 3.5 Å) and on a 432³ map made from it
// by Fourier upsampling, each in a fresh process. Prints wall and CPU time of the step, time per
// frequency and peak RSS; the machine's load average is printed too, since other processes share it.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fourierResize, readMap, shutdownFftWorkers, writeMap } from '../../core/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const source = resolve(here, '../../../shared/data/levelA/emd_0093_masked_MAP_m4A.mrc.gz');
const REPEATS = Number(process.env['MONORES_BENCH_REPEATS'] ?? 2);

interface Measurement {
  dims: number[];
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  frequenciesVisited: number;
  evaluationGrid: { dims: number[]; voxelSize: number[] };
  timings: { prepareSeconds: number; sweepSeconds: number; secondsPerFrequency: number; postProcessSeconds: number };
  percentiles: Record<string, number>;
  reportedResolutionPercentile: number;
}

function measure(file: string): Promise<Measurement> {
  const runner = join(here, 'monoresRun.ts');
  return new Promise((done, fail) => {
    execFile(process.execPath, ['--import', 'tsx', runner, file, '0.7', '3.5'], { maxBuffer: 1 << 22, timeout: 1_800_000 }, (error, stdout, stderr) => {
      if (error) return fail(new Error(`${runner} failed: ${stderr || error.message}`));
      done(JSON.parse(stdout.trim().split('\n').pop()!) as Measurement);
    });
  });
}

/** The 432³ map: the 220³ one Fourier-upsampled (voxel 1.34·220/432 Å), written once to the temp folder. */
async function upsampledMap(): Promise<string> {
  const dir = join(tmpdir(), 'vrs-bench');
  const file = join(dir, 'emd_0093_432.mrc');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const map = (await readMap(source)).volume;
    await writeMap(file, await fourierResize(map, [432, 432, 432]));
    await shutdownFftWorkers();
  }
  return file;
}

export default async function monoresBench(): Promise<void> {
  if (!existsSync(source)) {
    console.log(`skipped: ${source} is absent`);
    return;
  }
  const maps = [source, await upsampledMap()];
  const rows: string[][] = [['map', 'grid', 'freqs', 'wall (s)', 'CPU (s)', 's/freq', 'prepare', 'post', 'peak RSS (MB)', 'p50 (Å)', 'P(R) %', 'load']];
  for (const file of maps) {
    for (let r = 0; r < REPEATS; r++) {
      const load = loadavg()[0]!.toFixed(1);
      const m = await measure(file);
      rows.push([
        m.dims.join('×'),
        m.evaluationGrid.dims.join('×'),
        String(m.frequenciesVisited),
        m.wallSeconds.toFixed(1),
        m.cpuSeconds.toFixed(1),
        m.timings.secondsPerFrequency.toFixed(2),
        m.timings.prepareSeconds.toFixed(1),
        m.timings.postProcessSeconds.toFixed(1),
        m.peakRssMb.toFixed(0),
        m.percentiles['p50']!.toFixed(2),
        m.reportedResolutionPercentile.toFixed(1),
        load,
      ]);
      console.log(`  ${m.dims.join('×')} run ${r + 1} done`);
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
