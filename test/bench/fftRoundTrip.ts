// One FFT round-trip measurement in a fresh process (so that the peak RSS belongs to one size):
// `node --import tsx test/bench/fftRoundTrip.ts <n> [reps] [threads]` prints one JSON line.
import { irfft3d, rfft3d, shutdownFftWorkers } from '../../core/index.js';

const n = Number(process.argv[2]);
const reps = Number(process.argv[3] ?? 3);
const threads = process.argv[4] !== undefined ? Number(process.argv[4]) : undefined;
if (!Number.isInteger(n) || n < 1) throw new Error(`usage: fftRoundTrip.ts <n> [reps] [threads], got n = ${process.argv[2]}`);

const dims: [number, number, number] = [n, n, n];
const grid = new Float64Array(n * n * n);
for (let i = 0, state = 1; i < grid.length; i++) {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0; // any reproducible noise will do
  grid[i] = state / 4294967296 - 0.5;
}
const opts = threads === undefined ? {} : { threads };
let back = await irfft3d(await rfft3d(grid, dims, opts), dims, opts); // warm-up: JIT and worker start
const times: number[] = [];
const forward: number[] = [];
for (let r = 0; r < reps; r++) {
  const t0 = performance.now();
  const spectrum = await rfft3d(grid, dims, opts);
  const t1 = performance.now();
  back = await irfft3d(spectrum, dims, opts);
  const t2 = performance.now();
  times.push((t2 - t0) / 1000);
  forward.push((t1 - t0) / 1000);
}
let maxError = 0;
for (let i = 0; i < grid.length; i++) maxError = Math.max(maxError, Math.abs(back[i]! - grid[i]!));
await shutdownFftWorkers();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(JSON.stringify({
  n,
  median: median(times),
  min: Math.min(...times),
  forwardMedian: median(forward),
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  maxError,
}));
