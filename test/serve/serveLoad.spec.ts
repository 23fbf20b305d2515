// A small load test of `vrs serve` on localhost: 20 submissions at once (two phantom maps, ten
// times each), all finishing with their reports, while pages keep being answered in under 1 s.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../engine/helpers.js';
import { phantomFile, startServer, waitForEnd } from './serveHelpers.js';

// Four minutes on two cores: a measurement rather than a routine test, so it runs when asked
// (VRS_LOAD_TESTS=1 npx vitest run test/serve/serveLoad.spec.ts).
const asked = process.env['VRS_LOAD_TESTS'] === '1';
if (!asked) console.warn('serveLoad.spec: skipped: set VRS_LOAD_TESTS=1 to run the 20-submission load test');

describe.runIf(asked)('vrs serve: load', () => {
  it('takes 20 submissions at once, finishes them all, and stays responsive', async () => {
    const dir = tempDir('vrs-serve-load-');
    const maps = [await phantomFile(dir, 21), await phantomFile(dir, 22)];
    const server = await startServer(join(dir, 'data'), ['--jobs', '4']);
    try {
      const submitted = performance.now();
      const answers = await Promise.all(
        Array.from({ length: 20 }, async (_, k) => {
          const map = maps[k % 2]!;
          const body = new FormData();
          body.append('map', new Blob([readFileSync(map.file)]), `phantom-${k % 2}.mrc`);
          body.append('threshold', String(map.threshold));
          body.append('resolution', '8');
          body.append('title', `load ${k % 2}`);
          const response = await fetch(`${server.url}/api/runs`, { method: 'POST', body });
          expect(response.status).toBe(201);
          return { map: k % 2, id: ((await response.json()) as { id: string }).id };
        }),
      );
      const submitSeconds = (performance.now() - submitted) / 1000;

      // Pages while the runs go on: the slowest answer is the figure that matters.
      const latencies: number[] = [];
      let running = true;
      const probe = (async () => {
        while (running) {
          for (const page of ['/runs', '/api/runs', `/runs/${answers[19]!.id}`]) {
            const start = performance.now();
            const response = await fetch(`${server.url}${page}`);
            await response.text();
            latencies.push(performance.now() - start);
          }
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      })();
      const states = [];
      for (const { id } of answers) states.push(await waitForEnd(server.url, id, 400_000));
      running = false;
      await probe;
      const totalSeconds = (performance.now() - submitted) / 1000;

      expect(states.map((state) => state.status)).toEqual(Array(20).fill('done'));
      // Reports of the same inputs are the same apart from the time they were written.
      const reports = answers.map(({ id }) => {
        const report = JSON.parse(readFileSync(join(dir, 'data', 'runs', id, 'report.json'), 'utf8')) as Record<string, unknown>;
        delete report['generatedAt'];
        return JSON.stringify(report);
      });
      for (let k = 2; k < 20; k++) expect(reports[k], `run ${k}`).toBe(reports[k % 2]);
      expect(reports[0]).not.toBe(reports[1]);
      latencies.sort((a, b) => a - b);
      const max = latencies[latencies.length - 1]!;
      const median = latencies[Math.floor(latencies.length / 2)]!;
      console.log(
        `vrs serve load: 20 submissions accepted in ${submitSeconds.toFixed(1)} s, all done after ${totalSeconds.toFixed(0)} s; ` +
          `${latencies.length} page requests meanwhile, median ${median.toFixed(0)} ms, max ${max.toFixed(0)} ms`,
      );
      expect(max).toBeLessThan(1000);
    } finally {
      server.child.kill('SIGTERM');
      await server.ended;
    }
  }, 480_000);
});
