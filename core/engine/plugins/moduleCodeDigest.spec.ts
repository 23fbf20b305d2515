import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { moduleCodeDigest } from './moduleCodeDigest.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('moduleCodeDigest', () => {
  it('counts the files a module names as run-time assets: editing a template changes the digest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrs-digest-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'plugin.ts'), "import { helper } from './helper.js';\n// code-digest-assets: templates\nexport const x = helper;\n");
    writeFileSync(join(dir, 'helper.ts'), 'export const helper = 1;\n');
    writeFileSync(join(dir, 'templates', 'page.mustache'), '<p>{{a}}</p>');
    const before = moduleCodeDigest(join(dir, 'plugin.ts'));
    writeFileSync(join(dir, 'templates', 'page.mustache'), '<p>{{b}}</p>');
    // A later modification time, as an editor would leave (the digest cache looks at size and mtime).
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'templates', 'page.mustache'), later, later);
    const afterEdit = moduleCodeDigest(join(dir, 'plugin.ts'));
    expect(afterEdit).not.toBe(before);
    // A file the module neither imports nor names changes nothing.
    writeFileSync(join(dir, 'other.txt'), 'not named');
    expect(moduleCodeDigest(join(dir, 'plugin.ts'))).toBe(afterEdit);
  });
});
