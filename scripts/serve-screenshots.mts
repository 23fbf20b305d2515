// Screenshots of `vrs serve` for docs/serve.md: the submission form, a run in progress, the finished
// run with its report, and the runs list. Run with `npx tsx scripts/serve-screenshots.mts`; it starts
// the server from the sources over a temporary data folder and removes both at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { writeMap } from '../core/io/index.js';
import { phantomMap } from '../core/phantom/index.js';
import { launchChromium } from '../test/report/chromium.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const imagesDir = path.join(repoRoot, 'docs', 'images');
const viewport = { width: 1280, height: 900 };
// A level-0 run of the 40³ phantom takes ~30–40 s on two cores; a loaded machine may need several times that.
const RUN_TIMEOUT_MS = 10 * 60_000;

/** Starts `vrs serve` from the sources on a free port; resolves with its URL once it listens. */
async function startServer(data: string): Promise<{ url: string; child: ChildProcess }> {
  const env = { ...process.env, VRS_FROM_SOURCES: '1', VRS_STORE: '', VRS_CONFIG: '' };
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/vrs.mjs'), 'serve', '--port', '0', '--data', data], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('vrs serve did not listen within 60 s')), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vrs serve ended (code ${code}): ${stderr}`));
    });
  });
  return { url, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const ended = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await ended;
  clearTimeout(killer);
}

async function waitUntil(condition: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + RUN_TIMEOUT_MS;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function screenshot(page: Page, name: string): Promise<void> {
  const file = path.join(imagesDir, name);
  await page.screenshot({ path: file, fullPage: false });
  console.log(`${path.relative(repoRoot, file)}: ${Math.round(statSync(file).size / 1024)} kB`);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'vrs-serve-screenshots-'));
const data = path.join(scratch, 'data');
mkdirSync(imagesDir, { recursive: true });
let server: { url: string; child: ChildProcess } | undefined;
let closeBrowser: (() => Promise<void>) | undefined;
try {
  const { volume, truth } = phantomMap({ dims: [40, 40, 40], voxelSize: 2, seed: 7 });
  const mapFile = path.join(scratch, 'phantom-40.mrc');
  await writeMap(mapFile, volume);

  server = await startServer(data);
  const browser = await launchChromium(viewport);
  closeBrowser = browser.close;
  const page = await browser.context.newPage();

  await page.goto(`${server.url}/`);
  await page.setInputFiles('#map', mapFile);
  await page.fill('#threshold', String(truth.suggestedThreshold));
  await page.fill('#resolution', '8');
  await page.fill('#title', 'Phantom map (40³, 2 Å)');
  await page.locator('#title').blur(); // no focus ring in the picture
  await screenshot(page, 'serve-submit.png');

  await Promise.all([page.waitForURL(/\/runs\/[^/]+$/, { timeout: 60_000 }), page.click('#send')]);
  // In progress: the run has started and at least two steps have finished while others remain.
  await waitUntil(async () => {
    const states = await page.locator('#steps .state').allTextContents();
    const finished = states.filter((state) => state === 'success' || state === 'cached').length;
    return (await page.textContent('#status')) === 'running' && finished >= 2 && finished < states.length - 1;
  }, 'steps to be running');
  await screenshot(page, 'serve-run-progress.png');

  // The page reloads itself at the end of the run; a done run then embeds its report.
  const ended = async () => ['done', 'failed'].includes((await page.textContent('#status').catch(() => '')) ?? '');
  await waitUntil(async () => (await ended()) && (await page.locator('#report, #resume').count()) > 0, 'the run to end');
  const status = await page.textContent('#status');
  if (status !== 'done') throw new Error(`the run ended ${status}: ${await page.textContent('#runError').catch(() => '')}`);
  const report = page.frameLocator('#report');
  await report.locator('body').waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'serve-run-done.png');

  await page.goto(`${server.url}/runs`);
  await screenshot(page, 'serve-runs.png');
} finally {
  await closeBrowser?.();
  if (server) await stopServer(server.child);
  rmSync(scratch, { recursive: true, force: true });
}
