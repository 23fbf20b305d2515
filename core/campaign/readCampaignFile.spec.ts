import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCampaignFile } from './readCampaignFile.js';

function campaign(text: string, name = 'c.csv'): string {
  const dir = mkdtempSync(join(tmpdir(), 'vrs-campaign-file-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('readCampaignFile', () => {
  it('reads CSV rows, resolving paths against the file and naming entries by their map or EMDB id', () => {
    const file = campaign('# a comment\nmap,threshold,resolution,emdb\nmaps/a.mrc.gz,0.5,3.2,\n,,,emd-1997\n\n"/abs/b, c.map",1,,\n');
    const entries = readCampaignFile(file);
    expect(entries.map((e) => e.id)).toEqual(['a', 'EMD-1997', 'b__c']);
    expect(entries[0]!.fields).toEqual({ map: join(file, '..', 'maps/a.mrc.gz'), threshold: '0.5', resolution: '3.2' });
    expect(entries[0]!.line).toBe(3);
    expect(entries[2]!.fields.map).toBe('/abs/b, c.map');
    expect(entries[2]!.line).toBe(6);
  });

  it('reads TSV when the header has tabs', () => {
    const entries = readCampaignFile(campaign('id\tmap\thalf1\thalf2\nx\t/m.map\t/h1.map\t/h2.map\n', 'c.tsv'));
    expect(entries).toEqual([{ id: 'x', line: 2, fields: { id: 'x', map: '/m.map', half1: '/h1.map', half2: '/h2.map' } }]);
  });

  it.each([
    ['map,colour\n/a.map,red\n', /c\.csv:1 \[column 2\]: unknown column "colour"/],
    ['id,map\nx,/a.map\nx,/b.map\n', /c\.csv:3 \[id\]: entry "x" already appears on line 2/],
    ['id,map,threshold\ny,/a.map,high\n', /c\.csv:2 \[threshold\]: expects a number, got "high"/],
    ['id,map,memory_mb\ny,/a.map,0\n', /c\.csv:2 \[memory_mb\]: expects a positive whole number, got "0"/],
    ['id,threshold\ny,1\n', /c\.csv:2 \[map\]: the row names no map/],
    ['map,half1\n/a.map,/h1.map\n', /c\.csv:2 \[half2\]: level 1 needs both half maps/],
    ['id,map\n../x,/a.map\n', /c\.csv:2 \[id\]: entry name "\.\.\/x" is not usable as a folder name/],
    ['map\n"/a.map\n', /c\.csv:2: a quoted cell is not closed/],
    ['# only a comment\n', /no header line/],
    ['map,threshold\n', /has no entries/],
  ])('refuses %j naming the line and column', (text, message) => {
    expect(() => readCampaignFile(campaign(text))).toThrow(message);
  });
});
