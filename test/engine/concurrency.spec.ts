import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadWorkflow, runWorkflow, TimingsLifeCycle, type StepTiming } from '../../core/index.js';
import { fixtureRegistry, tempDir, writeWorkflow } from './helpers.js';

const twoSleepers = (protocol: string) => `version: 1
steps:
  left:
    protocol: ${protocol}
    params: { ms: 400, tag: left }
  right:
    protocol: ${protocol}
    params: { ms: 400, tag: right }
`;

async function timingsOf(text: string, jobs: number): Promise<StepTiming[]> {
  const dir = tempDir('vrs-conc-');
  const workflow = loadWorkflow(writeWorkflow(dir, 'wf.yaml', text), await fixtureRegistry());
  const timings = new TimingsLifeCycle();
  const summary = await runWorkflow({ workflow, registry: await fixtureRegistry(), params: {}, runDir: `${dir}/run`, jobs, lifeCycles: [timings] });
  expect(summary.status).toBe('success');
  return timings.timings;
}

function overlapMs(a: StepTiming, b: StepTiming): number {
  return Math.min(a.end, b.end) - Math.max(a.start, b.start);
}

describe('runWorkflow concurrency', () => {
  it('runs independent worker steps at the same time (jobs 2)', async () => {
    const [a, b] = await timingsOf(twoSleepers('test.sleepWorker'), 2);
    // Each sleeps 400 ms; run together they share most of that interval.
    expect(overlapMs(a!, b!)).toBeGreaterThan(250);
  });

  it('runs independent main-thread steps at the same time (jobs 2)', async () => {
    const [a, b] = await timingsOf(twoSleepers('test.sleepMain'), 2);
    expect(overlapMs(a!, b!)).toBeGreaterThan(250);
  });

  it('never runs more than `jobs` steps at once (jobs 1)', async () => {
    const [a, b] = await timingsOf(twoSleepers('test.sleepWorker'), 1);
    expect(overlapMs(a!, b!)).toBeLessThanOrEqual(0);
  });

  it('runs a dependent step only after its input is done', async () => {
    const timings = await timingsOf(
      'version: 1\nsteps:\n  first:\n    protocol: test.sleepMain\n    params: { ms: 200 }\n  second:\n    protocol: test.sleepMain\n    params: { ms: 50 }\n    inputs: { after: first.interval }\n',
      4,
    );
    const first = timings.find((timing) => timing.step === 'first')!;
    const second = timings.find((timing) => timing.step === 'second')!;
    expect(second.start).toBeGreaterThanOrEqual(first.end);
  });

  it('keeps the main thread responsive while a worker step computes', async () => {
    const dir = tempDir('vrs-conc-');
    const registry = await fixtureRegistry();
    const workflow = loadWorkflow(writeWorkflow(dir, 'wf.yaml', 'version: 1\nsteps:\n  busy:\n    protocol: test.busyWorker\n    params: { ms: 800 }\n'), registry);
    let last = Date.now();
    let worstGap = 0;
    const ticker = setInterval(() => {
      const now = Date.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 10);
    const summary = await runWorkflow({ workflow, registry, params: {}, runDir: `${dir}/run`, jobs: 1 });
    clearInterval(ticker);
    expect(summary.status).toBe('success');
    // The step spun the CPU for 800 ms in its thread; the main thread's 10 ms timer kept firing.
    expect(worstGap).toBeLessThan(200);
  });

  it('starts ready steps by their longest remaining path, learned from the store\'s timings', async () => {
    const dir = tempDir('vrs-conc-');
    const registry = await fixtureRegistry();
    // A chain of three quick main-thread steps, and one slow worker step with nothing after it.
    const text = (tag: string) =>
      `version: 1\nsteps:\n  quick1:\n    protocol: test.sleepMain\n    params: { ms: 20, tag: ${tag}1 }\n  quick2:\n    protocol: test.sleepMain\n    params: { ms: 20, tag: ${tag}2 }\n    inputs: { after: quick1.interval }\n` +
      `  quick3:\n    protocol: test.sleepMain\n    params: { ms: 20, tag: ${tag}3 }\n    inputs: { after: quick2.interval }\n  slow:\n    protocol: test.sleepWorker\n    params: { ms: 700, tag: ${tag} }\n`;
    const store = `${dir}/store`;
    const startOrder = async (tag: string) => {
      const workflow = loadWorkflow(writeWorkflow(dir, `${tag}.yaml`, text(tag)), registry);
      const timings = new TimingsLifeCycle();
      const summary = await runWorkflow({ workflow, registry, params: {}, runDir: `${dir}/${tag}`, store, jobs: 1, lifeCycles: [timings] });
      expect(summary.status).toBe('success');
      return [...timings.timings].sort((a, b) => a.start - b.start).map((timing) => timing.step);
    };
    // Nothing recorded: every step counts alike, and the chain of three is the longest path.
    expect((await startOrder('first'))[0]).toBe('quick1');
    // The store now knows the worker step takes ~700 ms and the others ~20: it goes first.
    expect((await startOrder('second'))[0]).toBe('slow');
    const recorded = JSON.parse(readFileSync(`${store}/timings.json`, 'utf8')) as Record<string, { ms: number; runs: number }>;
    expect(recorded['test.sleepWorker']!.ms).toBeGreaterThan(600);
    expect(recorded['test.sleepMain']!.ms).toBeLessThan(300);
  });
});

