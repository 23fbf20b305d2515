import { describe, expect, it } from 'vitest';
import { memoryAssetReader } from './AssetReader.js';
import { buildReport } from './buildReport.js';
import { figureTarget, placedAssetReader, placeReportFiles, plainName, plotCsv, plotDataTarget } from './reportFiles.js';

describe('report files beside report.json', () => {
  it('plain names: ids that are already plain stay, others are escaped, different ids stay different', () => {
    expect(plainName('0.a')).toBe('0.a');
    expect(plainName('A.inclusion')).toBe('A.inclusion');
    // hand-escaped: "/" is 0x2F, " " 0x20, "~" 0x7E, a leading "." 0x2E, "é" is C3 A9 in UTF-8
    expect(plainName('a/b c')).toBe('a~2Fb~20c');
    expect(plainName('..')).toBe('~2E.');
    expect(plainName('~2F')).toBe('~7E2F');
    expect(plainName('é')).toBe('~C3~A9');
    const ids = ['a-b', 'a', 'b-c', 'a~2Fb', 'a/b', '.', '..', '', '~', 'x y', 'x~20y'];
    expect(new Set(ids.map(plainName)).size).toBe(ids.length);
  });

  it('two sections with equal figure and plot names get different files', () => {
    const section = (id: string) => ({
      id, level: '0', title: id, method: 'm', status: 'no-criteria' as const, warnings: [], metrics: {},
      figures: [{ id: 'f', caption: 'c', panels: [{ file: 'x.png', caption: '', width: 1, height: 1 }] }],
      plots: [{ id: 'p', caption: 'c', kind: 'line' as const, xLabel: 'x', yLabel: 'y', series: [{ label: 's', x: [1], y: [2] }] }],
    });
    const placed = placeReportFiles(buildReport([section('0.a'), section('0.b')], { entry: { mapFile: 'm', resolution: 3 }, generatedAt: '2000-01-01T00:00:00Z' }));
    expect(placed.figures.map((f) => f.target)).toEqual(['figures/0.a/x.png', 'figures/0.b/x.png']);
    expect(placed.report.sections.map((s) => s.figures![0]!.panels[0]!.file)).toEqual(['figures/0.a/x.png', 'figures/0.b/x.png']);
    expect(placed.report.sections.map((s) => s.plots![0]!.dataFile)).toEqual(['data/0.a/p.csv', 'data/0.b/p.csv']);
    expect(figureTarget('0.a', 'x.png')).toBe('figures/0.a/x.png');
    expect(plotDataTarget('0.a', 'p')).toBe('data/0.a/p.csv');
  });

  it('the placed reader serves each figure from its own section folder', async () => {
    const reader = placedAssetReader(memoryAssetReader({ '0.a/x.png': new Uint8Array([1]), '0.b/x.png': new Uint8Array([2]) }), [
      { sectionId: '0.a', source: 'x.png', target: 'figures/0.a/x.png' },
      { sectionId: '0.b', source: 'x.png', target: 'figures/0.b/x.png' },
    ]);
    expect([...(await reader.read('0.b', 'figures/0.b/x.png'))]).toEqual([2]);
    await expect(reader.read('0.a', 'figures/0.b/x.png')).rejects.toThrow(/not among/);
  });

  it('CSV: one row per point, exact numbers, empty cells for missing values, quoted labels, bin edges', () => {
    const csv = plotCsv({
      id: 'h', caption: '', kind: 'histogram', xLabel: 'Resolution (Å)', yLabel: 'Count, voxels',
      series: [
        { label: 'a "b"', x: [0.1, 1 / 3], y: [2, null as unknown as number], binEdges: [0, 0.2, 0.5] },
        { label: 'c', x: [5], y: [-1e-7] },
      ],
    });
    expect(csv).toBe(
      'series,Resolution (Å),"Count, voxels",bin start,bin end\r\n' +
        '"a ""b""",0.1,2,0,0.2\r\n' +
        '"a ""b""",0.3333333333333333,,0.2,0.5\r\n' +
        'c,5,-1e-7,,\r\n',
    );
  });
});
