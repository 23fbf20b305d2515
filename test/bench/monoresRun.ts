// One 0.e measurement in a fresh process (so that peak RSS belongs to this map alone):
// `node --import tsx test/bench/monoresRun.ts <map> <threshold> <resolution>` runs the
// vrs.localResolution protocol's `run` on the map and its hard mask (computed first, not timed)
// and prints one JSON line: wall and CPU seconds of the step, peak RSS, and the section's numbers.
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { createLogger, transports } from 'winston';
import { hardMask, readMap, shutdownFftWorkers, type SectionResult } from '../../core/index.js';
import { localResolutionProtocol } from '../../protocols/level0/local-resolution/localResolutionProtocol.js';

const [file, thresholdText, resolutionText] = process.argv.slice(2);
if (file === undefined || thresholdText === undefined || resolutionText === undefined) throw new Error('usage: monoresRun.ts <map> <threshold> <resolution>');
const map = (await readMap(file)).volume;
const mask = hardMask(map, Number(thresholdText)).mask;
const params = { resolution: Number(resolutionText), threshold: Number(thresholdText), step: 0.5, significance: 0.95, resample: 'auto' as const };
const notAvailable = () => {
  throw new Error('not available in the bench');
};
// The step logs its timings (report.json holds none: two runs of one input give the same report).
const logged: Record<string, unknown>[] = [];
const capture = new Writable({ objectMode: true, write(entry: Record<string, unknown>, _encoding, done) { logged.push(entry); done(); } });
const ctx = {
  step: 'localResolution',
  protocol: { id: localResolutionProtocol.id, version: localResolutionProtocol.version },
  params,
  inputs: {
    has: (port: string) => port !== 'coverage',
    volume: async () => map,
    mask: async () => mask,
    ref: notAvailable, all: notAvailable, path: notAvailable, json: notAvailable, table: notAvailable, figure: notAvailable, section: notAvailable, sections: notAvailable,
  },
  logger: createLogger({ transports: [new transports.Stream({ stream: capture })] }),
  scratchDir: tmpdir(),
  signal: new AbortController().signal,
  progress: () => {},
};
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const outputs = await localResolutionProtocol.run(ctx as unknown as Parameters<typeof localResolutionProtocol.run>[0]);
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
await shutdownFftWorkers();
const section = outputs.section.value as SectionResult;
const metrics = section.metrics as Record<string, unknown>;
console.log(JSON.stringify({
  file,
  dims: map.dims,
  wallSeconds: wall,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  status: section.status,
  percentiles: metrics['percentiles'],
  reportedResolutionPercentile: metrics['reportedResolutionPercentile'],
  frequenciesVisited: metrics['frequenciesVisited'],
  evaluationGrid: metrics['evaluationGrid'],
  timings: logged.find((entry) => entry['message'] === 'timings'),
}));
