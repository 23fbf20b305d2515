import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodePng } from '../render/index.js';
import { folderAssetReader, memoryAssetReader } from './AssetReader.js';
import { buildReport } from './buildReport.js';
import { validateReport } from './validateReport.js';
import { writeReportFiles } from './writeReportFiles.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vrs-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeReportFiles', () => {
  it('writes report.json, report.html, report.pdf, figures/ and data/, figures named relative to report.json', async () => {
    const sectionDir = path.join(dir, 'sections', 'input');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(sectionDir, { recursive: true });
    writeFileSync(path.join(sectionDir, 'a.png'), encodePng({ width: 4, height: 3, channels: 1, data: new Uint8Array(12).fill(90) }));
    const report = buildReport(
      [
        {
          id: 'input',
          level: 'input',
          title: 'Input data',
          method: 'import',
          status: 'no-criteria',
          warnings: [],
          metrics: { voxelSize: [1, 1, 1] },
          figures: [{ id: 'f', caption: 'c', panels: [{ file: 'a.png', caption: 'X', width: 4, height: 3 }] }],
          plots: [{ id: 'fsc', caption: 'p', kind: 'line', xLabel: 'x', yLabel: 'y', series: [{ label: 'FSC', x: [0.1, 0.2], y: [1, 0.5] }] }],
        },
      ],
      { entry: { mapFile: 'm.map', resolution: 4 } },
    );
    const out = path.join(dir, 'out');
    const written = await writeReportFiles(report, folderAssetReader({ input: sectionDir }), out);
    expect(readdirSync(out).sort()).toEqual(['data', 'figures', 'report.html', 'report.json', 'report.pdf']);
    const json = JSON.parse(readFileSync(written.json, 'utf8'));
    expect(() => validateReport(json)).not.toThrow();
    expect(json).toEqual(JSON.parse(JSON.stringify(written.report)));
    // The figure is named relative to report.json, and is the section's own file.
    const panel = json.sections[0].figures[0].panels[0];
    expect(panel.file).toBe('figures/input/a.png');
    expect(readFileSync(path.join(out, panel.file))).toEqual(readFileSync(path.join(sectionDir, 'a.png')));
    // The plot's data: the CSV beside the report, and a link to it under the plot in the HTML.
    const dataFile = json.sections[0].plots[0].dataFile;
    expect(dataFile).toBe('data/input/fsc.csv');
    expect(readFileSync(path.join(out, dataFile), 'utf8')).toBe('series,x,y\r\nFSC,0.1,1\r\nFSC,0.2,0.5\r\n');
    expect(readFileSync(written.html!, 'utf8').replace(/&#x2F;/g, '/')).toContain(`<a href="${dataFile}" type="text/csv" download>data (CSV)</a>`);
    expect(readFileSync(written.pdf!).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(written.html!, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(written.seconds.pdf).toBeGreaterThan(0);
  });

  it('writes nothing for an invalid report', async () => {
    const report = buildReport([], { entry: { mapFile: 'm.map', resolution: 4 } });
    (report.score as { passed: number }).passed = 3;
    const out = path.join(dir, 'bad');
    await expect(writeReportFiles(report, memoryAssetReader({}), out)).rejects.toThrow(/score/);
    expect(existsSync(out)).toBe(false);
  });
});
