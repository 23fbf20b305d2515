// Shared helpers of the engine tests: fixture registry, temporary folders, the CLI in-process or as
// a child process, journal reading.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { runCli } from '../../core/cli/main.js';
import { loadProtocolRegistry, packageModule, type ProtocolRegistry } from '../../core/index.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturePluginFile = join(repoRoot, 'test/engine/fixtures/fixturePlugin.ts');
export const fixtureConfig = join(repoRoot, 'test/engine/fixtures/vrs.config.yaml');

let registry: Promise<ProtocolRegistry> | undefined;
/** Built-in protocols plus the fixture plugin, loaded once per test file. */
export function fixtureRegistry(): Promise<ProtocolRegistry> {
  registry ??= loadProtocolRegistry([packageModule('protocols/index'), fixturePluginFile]);
  return registry;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = 'vrs-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes a workflow file (YAML text) into `dir` and returns its path. */
export function writeWorkflow(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `vrs …` in this process with the fixture configuration and captured output. */
export async function cli(args: string[], options: { cwd?: string; config?: string | false } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const config = options.config === false ? [] : ['--config', options.config ?? fixtureConfig];
  const code = await runCli([...config, ...args], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, VRS_STORE: '', VRS_CONFIG: '' },
  });
  return { code, stdout, stderr };
}

/** Starts `node bin/vrs.mjs …` as a child process, from the TypeScript sources (the code under test). */
export function spawnCli(args: string[], options: { cwd?: string; fromSources?: boolean } = {}): ChildProcess & { output: () => CliResult } {
  const env = { ...process.env, VRS_STORE: '', VRS_CONFIG: '', ...(options.fromSources === false ? {} : { VRS_FROM_SOURCES: '1' }) };
  const child = spawn(process.execPath, [join(repoRoot, 'bin/vrs.mjs'), ...args], { cwd: options.cwd ?? repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return Object.assign(child, { output: () => ({ code: child.exitCode ?? -1, stdout, stderr }) });
}

/** Waits for a child process to end; returns its exit code and output. */
export function finished(child: ReturnType<typeof spawnCli>): Promise<CliResult> {
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ ...child.output(), code: code ?? (signal ? 128 : -1) })));
}

export interface JournalEntry {
  time: string;
  attempt: number;
  event: string;
  step?: string;
  [key: string]: unknown;
}

/** The run folder's journal entries (optionally of one attempt). */
export function readJournal(runDir: string, attempt?: number): JournalEntry[] {
  const lines = readFileSync(join(runDir, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean);
  const entries = lines.map((line) => JSON.parse(line) as JournalEntry);
  return attempt === undefined ? entries : entries.filter((entry) => entry.attempt === attempt);
}

/** Step name → the event that settled it in an attempt (step:cached, step:success, …). */
export function outcomes(runDir: string, attempt: number): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of readJournal(runDir, attempt)) {
    if (entry.step && entry.event !== 'step:start') result[entry.step] = entry.event.replace('step:', '');
  }
  return result;
}

/** Polls until `condition` holds (or throws after `timeoutMs`). */
export async function waitFor(condition: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * A run killed with SIGKILL while its step `slow` hangs (the fixture's test.hangOnce): `start` and
 * `side` have finished, `slow` has started; with `withAfter`, a step `after` fed by slow and side
 * never ran. Returns the run folder, the killed process and its exit.
 */
export async function runKilledMidStep(prefix: string, withAfter: boolean): Promise<{ dir: string; out: string; pid: number; code: number | null }> {
  const dir = tempDir(prefix);
  const marker = join(dir, 'hang-started');
  const after = withAfter ? '\n  after:\n    protocol: test.add\n    inputs: { a: slow.value, b: side.value }' : '';
  const workflow = writeWorkflow(
    dir,
    'wf.yaml',
    `version: 1\nsteps:\n  start:\n    protocol: test.constant\n    params: { value: 2 }\n  side:\n    protocol: test.constant\n    params: { value: 3 }\n  slow:\n    protocol: test.hangOnce\n    params: { marker: ${marker} }\n    inputs: { after: start.value }${after}\n`,
  );
  const out = join(dir, 'run');
  const child = spawnCli(['--config', fixtureConfig, 'run', workflow, '--out', out, '--jobs', '2']);
  const ended = finished(child);
  await waitFor(() => existsSync(marker) && outcomes(out, 1)['side'] === 'success', 60_000, 'the slow step to start');
  child.kill('SIGKILL');
  const { code } = await ended;
  return { dir, out, pid: child.pid!, code };
}
