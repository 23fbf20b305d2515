import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeFormat, type StepManifest } from './StepManifest.js';
import { StepStore } from './StepStore.js';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

function newStore(): StepStore {
  const root = mkdtempSync(join(tmpdir(), 'vrs-store-'));
  roots.push(root);
  return new StepStore(root);
}

function manifestFor(key: string, size: number): StepManifest {
  return {
    format: storeFormat,
    key,
    material: { format: storeFormat, protocol: 't.x', version: '1', params: {}, inputs: {} },
    step: 's',
    workflow: 'w',
    inputs: {},
    outputs: { value: { kind: 'json', path: 'outputs/value.json', digest: 'd', files: [{ name: 'outputs/value.json', size, sha256: 'd' }] } },
    engine: { version: '0', node: process.version },
    host: 'h',
    startedAt: '',
    finishedAt: '',
    durationMs: 0,
    peakRssBytes: 0,
    log: 'step.log',
  };
}

async function storeStep(store: StepStore, key: string, content: string) {
  const workspace = await store.createWorkspace(key);
  mkdirSync(join(workspace.dir, 'outputs'));
  writeFileSync(join(workspace.dir, 'outputs/value.json'), content);
  return store.commit(workspace, manifestFor(key, content.length));
}

describe('StepStore', () => {
  it('has an entry only after commit, and never shows the workspace or its scratch folder', async () => {
    const store = newStore();
    const key = 'ab'.repeat(32);
    const workspace = await store.createWorkspace(key);
    expect(store.lookup(key)).toBeUndefined();
    mkdirSync(join(workspace.dir, 'outputs'));
    writeFileSync(join(workspace.dir, 'outputs/value.json'), '{}');
    const stored = await store.commit(workspace, manifestFor(key, 2));
    expect(store.lookup(key)?.dir).toBe(stored.dir);
    expect(readdirSync(stored.dir).sort()).toEqual(['manifest.json', 'outputs']);
    expect(readdirSync(join(store.root, 'tmp'))).toEqual([]);
  });

  it('does not count an entry whose files were damaged afterwards', async () => {
    const store = newStore();
    const key = 'cd'.repeat(32);
    const stored = await storeStep(store, key, '{"value":1}');
    truncateSync(join(stored.dir, 'outputs/value.json'), 3);
    expect(store.lookup(key)).toBeUndefined();
  });

  it('keeps the first entry when another process stored the same key meanwhile, replaces it when forced', async () => {
    const store = newStore();
    const key = 'ef'.repeat(32);
    await storeStep(store, key, '{"first":1}');
    const second = await store.createWorkspace(key);
    mkdirSync(join(second.dir, 'outputs'));
    writeFileSync(join(second.dir, 'outputs/value.json'), '{"second":22}');
    await store.commit(second, manifestFor(key, 13));
    expect(store.lookup(key)!.manifest.outputs['value']!.files[0]!.size).toBe(11);
    const forced = await store.createWorkspace(key);
    mkdirSync(join(forced.dir, 'outputs'));
    writeFileSync(join(forced.dir, 'outputs/value.json'), '{"second":22}');
    await store.commit(forced, manifestFor(key, 13), { replace: true });
    expect(store.lookup(key)!.manifest.outputs['value']!.files[0]!.size).toBe(13);
  });

  it('two processes committing the same keys at the same moment both succeed (no ENOTEMPTY from the check-then-rename race)', async () => {
    const store = newStore();
    // Each process commits the same 150 keys; before the fix about 4 in 100 commits failed.
    const script = `
      import { mkdirSync, writeFileSync } from 'node:fs';
      import { join } from 'node:path';
      import { StepStore } from ${JSON.stringify(new URL('./StepStore.ts', import.meta.url).pathname)};
      const store = new StepStore(process.argv[1]);
      const manifest = JSON.parse(process.argv[2]);
      // Both processes start committing at the same moment.
      await new Promise((resolve) => setTimeout(resolve, Number(process.argv[3]) - Date.now()));
      await Promise.all(Array.from({ length: 150 }, async (_, k) => {
        const key = String(k).padStart(3, '0') + 'e'.repeat(61);
        const workspace = await store.createWorkspace(key);
        mkdirSync(join(workspace.dir, 'outputs'));
        writeFileSync(join(workspace.dir, 'outputs/value.json'), '12');
        await store.commit(workspace, { ...manifest, key });
      }));
    `;
    const start = Date.now() + 2500;
    const run = () =>
      new Promise<void>((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, store.root, JSON.stringify(manifestFor('', 2)), String(start)], { timeout: 60_000 }, (error, _out, err) =>
          error ? reject(new Error(err || error.message)) : resolve(),
        );
      });
    await Promise.all([run(), run()]);
    for (let k = 0; k < 150; k++) expect(store.lookup(String(k).padStart(3, '0') + 'e'.repeat(61))).toBeDefined();
    expect(readdirSync(join(store.root, 'tmp'))).toEqual([]);
  }, 90_000);

  it('many commits of one key at once (runs sharing a store) all succeed and the first entry stays', async () => {
    const store = newStore();
    const key = 'ee'.repeat(32);
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, k) => storeStep(store, key, `"v${k}"`)));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const kept = store.lookup(key)!;
    expect(results.every((r) => r.status === 'fulfilled' && r.value.manifest.outputs.value!.files[0]!.size === kept.manifest.outputs.value!.files[0]!.size)).toBe(true);
    expect(readdirSync(join(store.root, 'tmp'))).toEqual([]);
  });

  it('concurrent forced replacements of one key all succeed and leave one complete entry', async () => {
    const store = newStore();
    const key = 'dd'.repeat(32);
    await storeStep(store, key, '"old"');
    const replace = async (content: string) => {
      const workspace = await store.createWorkspace(key);
      mkdirSync(join(workspace.dir, 'outputs'));
      writeFileSync(join(workspace.dir, 'outputs/value.json'), content);
      return store.commit(workspace, manifestFor(key, content.length), { replace: true });
    };
    const results = await Promise.allSettled(['"r1"', '"r2"', '"r3"', '"r4"'].map(replace));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(store.lookup(key)).toBeDefined();
    expect(readdirSync(join(store.root, 'tmp'))).toEqual([]);
  });

  it('cleans workspaces of dead processes only', async () => {
    const store = newStore();
    const mine = await store.createWorkspace('01'.repeat(32));
    const deadPid = 2 ** 22 + 12345; // above Linux's pid_max default range
    const dead = join(store.root, 'tmp', `0123@${deadPid}@beef@${(await import('node:os')).hostname()}`);
    mkdirSync(dead);
    expect(store.cleanAbandoned()).toEqual([dead.slice(dead.lastIndexOf('/') + 1)]);
    expect(readdirSync(join(store.root, 'tmp'))).toEqual([mine.dir.slice(mine.dir.lastIndexOf('/') + 1)]);
  });
});
