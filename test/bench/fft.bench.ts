// `npm run bench -- fft`: 3D r2c + c2r round trips of n³ float64 grids, ours against scipy.fft
// (workers=2) in the same run, each size in a fresh process so that peak RSS is per size.
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defaultThreadCount } from '../../core/index.js';

const SIZES = [184, 256, 432];
const REPS: Record<number, number> = { 184: 5, 256: 5, 432: 3 };

interface Measurement {
  n: number;
  median: number;
  min: number;
  peakRssMb: number;
  maxError: number;
  forwardMedian?: number;
  version?: string;
}

function run(command: string, args: string[]): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 1 << 20, timeout: 600_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${command} ${args.join(' ')} failed: ${stderr || error.message}`));
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as Measurement);
      } catch {
        reject(new Error(`${command} printed no result: ${stdout}${stderr}`));
      }
    });
  });
}

async function scipyAvailable(): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('python3', ['-c', 'import scipy, numpy; print(scipy.__version__)'], (error, stdout) => resolve(error ? null : stdout.trim()));
  });
}

export default async function fftBench(): Promise<void> {
  const ours = fileURLToPath(new URL('./fftRoundTrip.ts', import.meta.url));
  const scipyScript = fileURLToPath(new URL('./scipyFft.py', import.meta.url));
  const scipy = await scipyAvailable();
  const threads = defaultThreadCount();
  console.log(`FFT round trip rfft3d + irfft3d, float64, ${threads} thread(s); median of repetitions after a warm-up`);
  if (scipy === null) console.log('python3 with scipy not found: scipy columns skipped');
  else console.log(`scipy ${scipy}: scipy.fft.rfftn + irfftn, workers=2`);
  const rows: string[][] = [['size', 'ours (s)', 'ours peak RSS (MB)', 'scipy (s)', 'scipy peak RSS (MB)', 'ours/scipy', 'max |error|']];
  for (const n of SIZES) {
    const reps = String(REPS[n] ?? 3);
    const mine = await run(process.execPath, ['--import', 'tsx', ours, String(n), reps]);
    const theirs = scipy === null ? null : await run('python3', [scipyScript, String(n), reps]);
    rows.push([
      `${n}³`,
      mine.median.toFixed(3),
      mine.peakRssMb.toFixed(0),
      theirs ? theirs.median.toFixed(3) : '–',
      theirs ? theirs.peakRssMb.toFixed(0) : '–',
      theirs ? (mine.median / theirs.median).toFixed(2) : '–',
      mine.maxError.toExponential(1),
    ]);
    console.log(`  ${n}³ done`);
  }
  printTable(rows);
  // Other processes on the machine slow both sides; the ratio is the figure to compare.
  console.log(`1-minute load average at the end: ${loadavg()[0]!.toFixed(1)} (on ${threads} CPU(s))`);
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
