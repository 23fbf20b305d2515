// `vrs serve` end to end: the real server as a child process over a temporary data folder, driven
// with real HTTP (fetch, FormData) and, once, through its pages in headless Chromium.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../report/chromium.js';
import { tempDir } from '../engine/helpers.js';
import { phantomFile, runState, startServer, waitForEnd, type RunningServer } from './serveHelpers.js';

const dir = tempDir('vrs-serve-');
const data = join(dir, 'data');
let server: RunningServer;
let phantom: { file: string; threshold: number };

beforeAll(async () => {
  phantom = await phantomFile(dir, 11);
  // A 1 MB upload limit: the 40³ phantom (256 KB) passes, a 1.5 MB file does not.
  server = await startServer(data, ['--jobs', '1', '--max-upload-mb', '1']);
}, 60_000);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.ended;
});

function form(files: Record<string, { bytes: Uint8Array; name: string }>, fields: Record<string, string> = {}): FormData {
  const body = new FormData();
  for (const [field, { bytes, name }] of Object.entries(files)) body.append(field, new Blob([bytes]), name);
  for (const [field, value] of Object.entries(fields)) body.append(field, value);
  return body;
}

async function submit(body: FormData): Promise<{ status: number; answer: { id?: string; error?: string } }> {
  const response = await fetch(`${server.url}/api/runs`, { method: 'POST', body });
  return { status: response.status, answer: (await response.json()) as { id?: string; error?: string } };
}

/** The step and status events of a run's event stream, until the run ends. */
async function followEvents(id: string): Promise<Array<{ event: string; data: Record<string, unknown> }>> {
  const response = await fetch(`${server.url}/api/runs/${id}/events`);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: Array<{ event: string; data: Record<string, unknown> }> = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const payload = /^data: (.*)$/m.exec(block)?.[1];
      if (event && payload) events.push({ event, data: JSON.parse(payload) as Record<string, unknown> });
      const last = events[events.length - 1];
      if (last?.event === 'status' && (last.data['status'] === 'done' || last.data['status'] === 'failed')) return events;
    }
  }
  return events;
}

const uploadsLeft = () => readdirSync(join(data, 'uploads'));

describe('vrs serve: the JSON API', () => {
  it('runs a level-0 validation of an uploaded map, streams its step events, and serves its report', async () => {
    const title = '<script>alert("x")</script> phantom';
    const { status, answer } = await submit(form({ map: { bytes: readFileSync(phantom.file), name: 'phantom.mrc' } }, { threshold: String(phantom.threshold), resolution: '8', title }));
    expect(status).toBe(201);
    const id = answer.id!;
    expect(id).toMatch(/^\d{8}-\d{6}-[0-9a-f]{8}$/);
    // The upload sits under the server's name, not the browser's.
    expect(readdirSync(join(data, 'uploads', id))).toEqual(['map.map']);

    const events = await followEvents(id);
    const steps = events.filter((e) => e.event === 'step');
    expect(steps.some((e) => e.data['step'] === 'importMap' && (e.data['state'] as { status: string }).status === 'success')).toBe(true);
    const succeeded = steps.filter((e) => (e.data['state'] as { status: string }).status === 'success');
    expect(succeeded.every((e) => typeof (e.data['state'] as { durationMs?: number }).durationMs === 'number')).toBe(true);
    expect(events[events.length - 1]!.data['status']).toBe('done');

    const state = await runState(server.url, id);
    expect(state).toMatchObject({ id, status: 'done', levels: ['0'], title });
    expect(state.steps['report']?.status).toBe('success');
    const report = await fetch(`${server.url}/api/runs/${id}/report.json`);
    expect(report.status).toBe(200);
    const json = (await report.json()) as { score: { passed: number; evaluable: number }; entry: { title?: string } };
    expect(state.score).toEqual(json.score);
    expect(json.score.evaluable).toBeGreaterThan(0);
    const pdf = new Uint8Array(await (await fetch(`${server.url}/api/runs/${id}/report.pdf`)).arrayBuffer());
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    const reportHtml = await fetch(`${server.url}/api/runs/${id}/report.html`);
    expect(reportHtml.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await reportHtml.text()).toMatch(/<html/i);

    // The title is escaped on every page that shows it.
    for (const page of ['/runs', `/runs/${id}`, `/runs?q=${encodeURIComponent('phantom')}`]) {
      const text = await (await fetch(`${server.url}${page}`)).text();
      expect(text, page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(text, page).not.toContain('<script>alert');
    }
    const list = (await (await fetch(`${server.url}/api/runs`)).json()) as { runs: Array<{ id: string; status: string; score?: unknown }> };
    expect(list.runs.find((run) => run.id === id)).toMatchObject({ status: 'done', score: json.score });
    // The search box filters the list.
    expect(await (await fetch(`${server.url}/runs?q=no-such-run`)).text()).not.toContain(id);

    // Rerun: a new run of the same inputs; with nothing changed, every step comes from the store.
    const rerun = await fetch(`${server.url}/api/runs/${id}/rerun`, { method: 'POST' });
    expect(rerun.status).toBe(201);
    const again = ((await rerun.json()) as { id: string }).id;
    expect(again).not.toBe(id);
    const second = await waitForEnd(server.url, again, 60_000);
    expect(second).toMatchObject({ status: 'done', levels: ['0'], title, score: json.score });
    expect(Object.values(second.steps).every((step) => step.status === 'cached'), JSON.stringify(second.steps)).toBe(true);
    expect(await (await fetch(`${server.url}/runs/${id}`)).text()).toContain('id="rerun"');
  }, 150_000);

  it('refuses a file that is not a map, with the reader\'s message naming the field, and keeps nothing', async () => {
    const { status, answer } = await submit(form({ map: { bytes: new TextEncoder().encode('just some text, not a map\n'.repeat(100)), name: 'notes.txt' } }, { threshold: '1' }));
    expect(status).toBe(400);
    expect(answer.error).toMatch(/^map \(notes\.txt\)/);
    expect(answer.error).not.toContain(data);
    expect(uploadsLeft()).toEqual(readdirSync(join(data, 'runs')));
  });

  it('stores a file named ../../etc/passwd under its own name and refuses it as a map; nothing is written outside the data folder', async () => {
    const { status, answer } = await submit(form({ map: { bytes: new TextEncoder().encode('root:x:0:0:root:/root:/bin/bash\n'), name: '../../etc/passwd' } }, { threshold: '1' }));
    expect(status).toBe(400);
    expect(answer.error).toMatch(/^map \(passwd\)/);
    expect(existsSync(join(data, 'etc'))).toBe(false);
    expect(existsSync(join(dir, 'etc'))).toBe(false);
    expect(uploadsLeft()).toEqual(readdirSync(join(data, 'runs')));
  });

  it('refuses a truncated map, saying so, and keeps nothing', async () => {
    const bytes = readFileSync(phantom.file);
    const { status, answer } = await submit(form({ map: { bytes: bytes.subarray(0, bytes.length - 5000), name: 'cut.mrc' } }, { threshold: String(phantom.threshold) }));
    expect(status).toBe(400);
    expect(answer.error).toMatch(/^map \(cut\.mrc\)/);
    expect(answer.error).toMatch(/truncated|short|bytes/i);
    expect(uploadsLeft()).toEqual(readdirSync(join(data, 'runs')));
  });

  it('refuses an upload past --max-upload-mb with 413 and a clear message, and keeps nothing', async () => {
    const big = new Uint8Array(1.5 * 1024 * 1024);
    const { status, answer } = await submit(form({ map: { bytes: big, name: 'big.mrc' } }, { threshold: '1' }));
    expect(status).toBe(413);
    expect(answer.error).toBe('map: the file is larger than the upload limit of 1 MB (vrs serve --max-upload-mb)');
    expect(uploadsLeft()).toEqual(readdirSync(join(data, 'runs')));
  });

  it('refuses a missing map, a bad number and an unknown field, naming the field', async () => {
    const map = { bytes: readFileSync(phantom.file), name: 'phantom.mrc' };
    expect((await submit(form({}, { threshold: '1' }))).answer.error).toMatch(/^map: /);
    expect((await submit(form({ map }, { threshold: 'high' }))).answer.error).toMatch(/^threshold: expects a number/);
    expect((await submit(form({ map, notes: map }, { threshold: '1' }))).answer.error).toMatch(/unknown file field "notes"/);
    expect(uploadsLeft()).toEqual(readdirSync(join(data, 'runs')));
  });

  it('answers ids outside the pattern and paths that climb out with 404, never a file', async () => {
    for (const path of ['/api/runs/..%2F..%2Fetc%2Fpasswd', '/api/runs/../../etc/passwd', '/api/runs/20260101-000000-00000000/report.json', '/runs/..%2Fserve.json', '/api/runs/x/files/..%2Frun.json']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('root:');
    }
  });
});

describe('vrs serve: the pages in a browser', () => {
  it('submits through the form, follows the run page until done, and shows the report', async () => {
    const chromium = await launchChromium();
    try {
      const page = await chromium.context.newPage();
      await page.goto(`${server.url}/`);
      // The levels follow the files chosen, before anything is sent.
      await expect.poll(() => page.textContent('#levels')).toBe('0');
      const half = join(dir, 'half.mrc');
      writeFileSync(half, readFileSync(phantom.file));
      await page.setInputFiles('#half1', half);
      expect(await page.textContent('#levelNote')).toContain('both half maps');
      await page.setInputFiles('#half2', half);
      expect(await page.textContent('#levels')).toBe('0, 1');
      await page.setInputFiles('#half1', []);
      await page.setInputFiles('#half2', []);
      expect(await page.textContent('#levels')).toBe('0');

      await page.setInputFiles('#map', phantom.file);
      await page.fill('#threshold', String(phantom.threshold));
      await page.fill('#resolution', '8');
      await page.fill('#title', 'browser <b>run</b>');
      await page.click('#send');
      await page.waitForURL(/\/runs\/\d{8}-\d{6}-[0-9a-f]{8}$/, { timeout: 30_000 });
      expect(await page.textContent('h1')).toBe('browser <b>run</b>');
      // The same map and numbers as the API test: every step but the report (another title) comes from the shared store.
      await page.waitForSelector('iframe#report', { timeout: 120_000 });
      expect(await page.textContent('#status')).toBe('done');
      const frame = page.frameLocator('iframe#report');
      await expect.poll(async () => (await frame.locator('body').textContent()) ?? '', { timeout: 10_000 }).toMatch(/score/i);
      expect(await page.getAttribute('#pdf', 'href')).toMatch(/report\.pdf$/);
      const id = page.url().split('/').pop()!;
      const state = await runState(server.url, id);
      expect(Object.entries(state.steps).filter(([, step]) => step.status !== 'cached').map(([name]) => name)).toEqual(['report']);

      // A refusal is shown on the form at once.
      await page.goto(`${server.url}/`);
      const text = join(dir, 'text.txt');
      writeFileSync(text, 'not a map');
      await page.setInputFiles('#map', text);
      await page.fill('#threshold', '1');
      await page.click('#send');
      await page.waitForSelector('#error:not([hidden])');
      expect(await page.textContent('#error')).toMatch(/^map \(text\.txt\)/);
    } finally {
      await chromium.close();
    }
  }, 180_000);
});
