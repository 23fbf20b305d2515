// `vrs serve` on a real EMDB entry: EMD-1997 with its EMDB header uploaded through the form in
// headless Chromium (report opened, PDF downloaded), and with its (synthetic) half maps through the
// API for levels 0 and 1. Skips, saying so, when ../shared/data is absent.
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../report/chromium.js';
import { repoRoot, tempDir } from '../engine/helpers.js';
import { runState, startServer, waitForEnd, type RunningServer } from './serveHelpers.js';

const shared = join(repoRoot, '../shared/data');
const map = join(shared, 'level0/emd_1997.map');
const header = join(shared, 'level0/emd_1997_header.xml');
const halves = [join(shared, 'level1/emd_1997_half1.mrc'), join(shared, 'level1/emd_1997_half2.mrc')];
const present = [map, header, ...halves].every((file) => existsSync(file));
if (!present) console.warn(`skipping the EMD-1997 tests of vrs serve: ${shared} is absent`);

let server: RunningServer;
beforeAll(async () => {
  if (!present) return;
  // An EMDB archive folder of one entry, laid out as the archive, its files links to the shared data.
  const archive = tempDir('vrs-serve-archive-');
  mkdirSync(join(archive, 'EMD-1997/header'), { recursive: true });
  mkdirSync(join(archive, 'EMD-1997/map'), { recursive: true });
  symlinkSync(header, join(archive, 'EMD-1997/header/emd-1997.xml'));
  symlinkSync(map, join(archive, 'EMD-1997/map/emd_1997.map'));
  server = await startServer(join(tempDir('vrs-serve-emdb-'), 'data'), ['--jobs', '2', '--archive', archive]);
}, 60_000);
afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.ended;
});

describe.skipIf(!present)('vrs serve: EMD-1997', () => {
  it('uploaded with its EMDB header through the form: progress to the end, the report, the PDF download', async () => {
    const chromium = await launchChromium();
    try {
      const page = await chromium.context.newPage();
      await page.goto(`${server.url}/`);
      await page.setInputFiles('#map', map);
      await page.setInputFiles('#emdbHeader', header);
      expect(await page.textContent('#levels')).toBe('0');
      await page.click('#send');
      await page.waitForURL(/\/runs\/\d{8}-\d{6}-[0-9a-f]{8}$/, { timeout: 60_000 });
      // The header gave the threshold and resolution (none was typed), and the page says where they came from.
      expect(await page.textContent('main')).toContain('EMD-1997');
      // Steps appear and change as the run goes (server-sent events), before the report replaces them.
      await page.waitForSelector('#steps td.state:text("success")', { timeout: 120_000 });
      await page.waitForSelector('iframe#report', { timeout: 200_000 });
      expect(await page.textContent('#status')).toBe('done');
      const frame = page.frameLocator('iframe#report');
      await expect.poll(async () => (await frame.locator('body').textContent()) ?? '', { timeout: 10_000 }).toContain('EMD-1997');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pdf')]);
      const pdf = readFileSync((await download.path())!);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(download.suggestedFilename()).toBe('report.pdf');
    } finally {
      await chromium.close();
    }
  }, 300_000);

  it('with its half maps through the API: levels 0 and 1, level-0 steps from the shared store', async () => {
    const body = new FormData();
    body.append('map', new Blob([readFileSync(map)]), 'emd_1997.map');
    body.append('emdbHeader', new Blob([readFileSync(header)]), 'emd_1997_header.xml');
    body.append('half1', new Blob([readFileSync(halves[0]!)]), 'emd_1997_half1.mrc');
    body.append('half2', new Blob([readFileSync(halves[1]!)]), 'emd_1997_half2.mrc');
    const response = await fetch(`${server.url}/api/runs`, { method: 'POST', body });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect((await runState(server.url, id)).levels).toEqual(['0', '1']);
    const state = await waitForEnd(server.url, id, 300_000);
    expect(state.status).toBe('done');
    // The map and header are those of the first test: its level-0 steps are reused.
    expect(state.steps['importMap']?.status).toBe('cached');
    expect(state.steps['globalResolution']?.status).toBe('success');
    const report = (await (await fetch(`${server.url}/api/runs/${id}/report.json`)).json()) as { levels: string[]; entry: { emdbId?: string } };
    expect(report.levels).toEqual(['0', '1']);
    expect(report.entry.emdbId).toBe('EMD-1997');
  }, 320_000);

  it('named by its EMDB id when the server has an archive folder: the entry is read from it, a public data-based report', async () => {
    const body = new FormData();
    body.append('emdb', 'EMD-1997');
    const response = await fetch(`${server.url}/api/runs`, { method: 'POST', body });
    expect(response.status, await response.clone().text()).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const state = await waitForEnd(server.url, id, 200_000);
    expect(state.status).toBe('done');
    const report = (await (await fetch(`${server.url}/api/runs/${id}/report.json`)).json()) as { mode: string; levels: string[] };
    expect(report.mode).toBe('public');
    expect(report.levels).toEqual(['0']);
    // An id that is no EMDB id is refused at once, naming the field.
    const bad = new FormData();
    bad.append('emdb', '../../etc');
    const refused = await fetch(`${server.url}/api/runs`, { method: 'POST', body: bad });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toMatch(/^emdb: expected an EMDB id/);
  }, 300_000);

  it('with an atomic model through the API: EMD-5168 and its fitted model, levels 0 and A', async () => {
    const actin = join(shared, 'level0/emd_5168.map');
    const model = join(shared, 'levelA/emd_5168_3mfp_model.pdb');
    if (!existsSync(actin) || !existsSync(model)) return;
    const body = new FormData();
    body.append('map', new Blob([readFileSync(actin)]), 'emd_5168.map');
    body.append('model', new Blob([readFileSync(model)]), 'emd_5168_3mfp_model.pdb');
    body.append('threshold', '10');
    body.append('resolution', '6.6');
    const response = await fetch(`${server.url}/api/runs`, { method: 'POST', body });
    expect(response.status, await response.clone().text()).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect((await runState(server.url, id)).levels).toEqual(['0', 'A']);
    const state = await waitForEnd(server.url, id, 400_000);
    expect(state.status, state.error).toBe('done');
    const report = (await (await fetch(`${server.url}/api/runs/${id}/report.json`)).json()) as { levels: string[]; sections: Array<{ id: string }> };
    expect(report.levels).toEqual(['0', 'A']);
    expect(report.sections.some((section) => section.id.startsWith('A.'))).toBe(true);
  }, 420_000);
});

