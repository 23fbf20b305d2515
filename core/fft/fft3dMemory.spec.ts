import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// V8 does not collect dropped SharedArrayBuffers under memory pressure, and workers keep the arrays
// they were sent alive until they collect (see core/parallel/collectGarbage). Without the explicit
// collections in sharedFloat64Array and serveTasks this loop peaks near 1 GB (measured 962 MB);
// with them, near 560 MB (the 512 MB garbage bound plus the live arrays).
describe('threaded FFT memory', () => {
  it('does not accumulate dropped results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrs-fft-mem-'));
    try {
      const script = join(dir, 'loop.mts');
      const fftUrl = new URL('./index.ts', import.meta.url).href;
      writeFileSync(
        script,
        `import { rfft3d, irfft3d, shutdownFftWorkers } from ${JSON.stringify(fftUrl)};\n` +
          `const dims = [200, 200, 200];\n` +
          `const grid = new Float64Array(200 ** 3).fill(1);\n` +
          `for (let i = 0; i < 12; i++) await irfft3d(await rfft3d(grid, dims, { threads: 2 }), dims, { threads: 2 });\n` +
          `await shutdownFftWorkers();\n` +
          `console.log(process.resourceUsage().maxRSS / 1024);\n`,
      );
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', script], { timeout: 100_000 }, (error, out, err) => (error ? reject(new Error(err || error.message)) : resolve(out)));
      });
      const peakMb = Number(stdout.trim().split('\n').pop());
      expect(peakMb).toBeGreaterThan(50);
      expect(peakMb).toBeLessThan(800);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
