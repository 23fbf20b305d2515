import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CampaignLedger } from './CampaignLedger.js';

const ledgerFile = () => join(mkdtempSync(join(tmpdir(), 'vrs-ledger-')), 'ledger.sqlite');

describe('CampaignLedger', () => {
  it('keeps every state change across a reopen, keyed by entry and digest', () => {
    const file = ledgerFile();
    const ledger = new CampaignLedger(file);
    ledger.ensure('a', 'd1', 2);
    ledger.ensure('b', 'd1', 3);
    ledger.submitted('a', 'd1', { jobId: '17', memoryMb: 2048, runDir: '/c/entries/a', levels: '0' });
    ledger.done('a', 'd1', { reportPath: '/c/entries/a/report.json', score: { passed: 6, evaluable: 7 }, seconds: 12.5 });
    ledger.submitted('b', 'd1', { runDir: '/c/entries/b', levels: '0,1' });
    ledger.failed('b', 'd1', 'step x failed: boom');
    ledger.close();

    const reopened = new CampaignLedger(file);
    expect(reopened.get('a', 'd1')).toMatchObject({ state: 'done', attempts: 1, jobId: '17', memoryMb: 2048, scorePassed: 6, scoreEvaluable: 7, seconds: 12.5, line: 2 });
    expect(reopened.get('b', 'd1')).toMatchObject({ state: 'failed', attempts: 1, failure: 'step x failed: boom', levels: '0,1' });
    // The same entry with other inputs is another row, pending; the old one is kept.
    expect(reopened.ensure('a', 'd2', 2).state).toBe('pending');
    expect(reopened.all().map((row) => `${row.entry}:${row.digest}:${row.state}`)).toEqual(['a:d1:done', 'a:d2:pending', 'b:d1:failed']);
    expect(reopened.history('a').map((event) => event.event)).toEqual(['added', 'submitted', 'done', 'added']);
    reopened.close();
  });

  it('a process killed inside a transaction leaves the last committed state', async () => {
    const file = ledgerFile();
    const ledger = new CampaignLedger(file);
    ledger.ensure('a', 'd', 2);
    ledger.close();
    // The child commits one change, then opens a transaction, writes, and waits to be killed.
    const script = `
      import sqlite from 'node-sqlite3-wasm';
      const db = new sqlite.Database(${JSON.stringify(file)});
      db.exec("UPDATE entries SET state = 'submitted', attempts = 1 WHERE entry = 'a'");
      db.exec('BEGIN IMMEDIATE');
      db.exec("UPDATE entries SET state = 'done', attempts = 99 WHERE entry = 'a'");
      console.log('inside');
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('inside') && resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    const reopened = new CampaignLedger(file);
    expect(reopened.get('a', 'd')).toMatchObject({ state: 'submitted', attempts: 1 });
    reopened.close();
  });
});
