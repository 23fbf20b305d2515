// Every test process (and the vrs processes it starts) keeps its run history (`vrs log`) in a
// temporary vrs home, never the user's ~/.vrs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

if (!process.env['VRS_HOME']?.includes('vrs-test-home-')) {
  const home = mkdtempSync(join(tmpdir(), 'vrs-test-home-'));
  process.env['VRS_HOME'] = home;
  afterAll(() => rmSync(home, { recursive: true, force: true }));
}
