import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodePng, type SectionResult } from '../../core/index.js';
import { admitSections } from './admitSections.js';

const dir = mkdtempSync(join(tmpdir(), 'vrs-admit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'good.png'), encodePng({ width: 2, height: 3, channels: 1, data: new Uint8Array(6) }));
writeFileSync(join(dir, 'text.png'), 'not a picture');

const section = (fields: Partial<SectionResult> = {}): SectionResult => ({ id: '0.a', level: '0', title: 'Mass', method: 'm', status: 'ok', warnings: [], metrics: { x: 1 }, ...fields });
const figure = (file: string) => [{ id: 'f', caption: 'c', panels: [{ file, caption: 'p', width: 2, height: 3 }] }];

describe('admitSections', () => {
  it('passes good sections through unchanged, figures included', async () => {
    const good = section({ figures: figure('good.png') });
    const problems: string[] = [];
    expect(await admitSections([{ section: good, dir, step: 'mass' }], (m) => problems.push(m))).toEqual([{ section: good, dir }]);
    expect(problems).toEqual([]);
  });

  it('keeps a repeated id apart by the step that produced it', async () => {
    const admitted = await admitSections([
      { section: section(), dir, step: 'mass' },
      { section: section({ status: 'failed', reason: 'r' }), dir: '', step: 'other' },
      { section: section({ id: '0.a (other)' }), dir, step: 'third' },
      { section: section({ status: 'failed', reason: 'r' }), dir: '', step: 'other' },
    ]);
    expect(admitted.map((a) => a.section.id)).toEqual(['0.a', '0.a (other)', '0.a (other) (third)', '0.a (other) 2']);
  });

  it('shows a section that contradicts itself, breaks the schema or names a bad picture as failed, saying why', async () => {
    const problems: string[] = [];
    const admitted = await admitSections(
      [
        { section: section({ warnings: ['w'] }), dir, step: 'a' },
        { section: section({ id: '0.b', status: 'warnings' }), dir, step: 'b' },
        { section: section({ id: '0.c', tables: [{ id: 't', caption: 'c', columns: [], rows: [] }] }), dir, step: 'c' },
        { section: section({ id: '0.d', figures: figure('text.png') }), dir, step: 'd' },
        { section: section({ id: '0.e', figures: figure('absent.png') }), dir, step: 'e' },
        { section: section({ id: '0.f', figures: figure('../good.png') }), dir, step: 'f' },
      ],
      (m) => problems.push(m),
    );
    expect(admitted.every((a) => a.section.status === 'failed' && a.dir === '' && Object.keys(a.section.metrics).length === 0)).toBe(true);
    const reasons = admitted.map((a) => a.section.reason!);
    expect(reasons[0]).toBe('the check returned a result the report cannot show: its status is "ok" but it has 1 warning(s)');
    expect(reasons[1]).toContain('its status is "warnings" but it has no warning');
    expect(reasons[2]).toContain('/sections/0/tables/0/columns');
    expect(reasons[3]).toContain('figure f, file text.png: not a PNG file');
    expect(reasons[4]).toContain('figure f, file absent.png: missing');
    expect(reasons[5]).toContain('/figures/0/panels/0/file must NOT be valid'); // '..' refused
    expect(admitted.map((a) => [a.section.id, a.section.title, a.section.level])).toEqual(['0.a', '0.b', '0.c', '0.d', '0.e', '0.f'].map((id) => [id, 'Mass', '0']));
    expect(problems).toHaveLength(6);
  });
});
