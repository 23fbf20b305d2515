import { describe, expect, it } from 'vitest';
import type { SectionPlot } from '../report/index.js';
import { estimateTextWidth, type DrawItem, type Drawing, type TextItem } from './Drawing.js';
import { drawingToSvg, escapeXml } from './drawingToSvg.js';
import { layoutColorBar } from './layoutColorBar.js';
import { layoutPlot } from './layoutPlot.js';
import { formatPowerOfTen, formatTick, linearTicks, logTicks, niceBounds } from './niceTicks.js';

function flatten(items: DrawItem[]): DrawItem[] {
  return items.flatMap((i) => (i.kind === 'clip' ? [i, ...flatten(i.items)] : [i]));
}
const texts = (d: Drawing) => flatten(d.items).filter((i): i is TextItem => i.kind === 'text').map((t) => t.text);

describe('ticks', () => {
  it('chooses 1-2-5 steps inside the range', () => {
    expect(linearTicks(0, 1, 5).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(-300, 0, 6).ticks).toEqual([-300, -250, -200, -150, -100, -50, 0]);
    expect(niceBounds(0.13, 0.87, 5)).toEqual([0, 1]);
  });
  it('puts log ticks on powers of ten, with 2 and 5 for short ranges', () => {
    expect(logTicks(1, 1e6)).toEqual([1, 10, 100, 1000, 1e4, 1e5, 1e6]);
    expect(logTicks(1, 30)).toEqual([1, 2, 5, 10, 20]);
    expect(formatPowerOfTen(1e5)).toBe('10⁵');
    expect(formatPowerOfTen(1e-2)).toBe('10⁻²');
    expect(formatPowerOfTen(100)).toBe('100');
  });
  it('labels ticks with enough decimals and a true minus sign', () => {
    expect(formatTick(-0.5, 0.1)).toBe('−0.5');
    expect(formatTick(0.025, 0.025)).toBe('0.025');
    expect(formatTick(3000, 1000)).toBe('3000');
    expect(formatTick(2e7, 1e7)).toBe('2×10⁷');
  });
});

describe('layoutPlot', () => {
  const massPlot: SectionPlot = {
    id: 'mass',
    caption: 'Voxel mass against threshold',
    kind: 'line',
    xLabel: 'Threshold',
    yLabel: 'Voxels above threshold',
    yLog: true,
    series: [{ label: 'voxels', x: [0.1, 0.2, 0.3, 0.4], y: [1e6, 1e4, 100, 0] }],
  };

  it('maps a log axis by decades and drops non-positive points', () => {
    const drawing = layoutPlot(massPlot, 400, 300);
    const clip = drawing.items.find((i) => i.kind === 'clip')!;
    if (clip.kind !== 'clip') throw new Error();
    const line = clip.items.find((i) => i.kind === 'polyline' && i.stroke !== '#555555' && i.points.length > 4);
    if (!line || line.kind !== 'polyline') throw new Error('no data line');
    // Three drawable points (the 0 is dropped); equal decades → equal vertical steps.
    expect(line.points.length).toBe(6);
    const [y0, y1, y2] = [line.points[1]!, line.points[3]!, line.points[5]!];
    expect(y1 - y0).toBeCloseTo(y2 - y1, 6);
    // The axis runs over whole decades, 10² … 10⁶: 10⁶ at the top of the data area, 100 at the bottom.
    expect(y0).toBeCloseTo(clip.y, 6);
    expect(y2).toBeCloseTo(clip.y + clip.height, 6);
    expect(texts(drawing)).toEqual(expect.arrayContaining(['10⁶', '10⁵', '10⁴', '1000', '100', 'Threshold', 'Voxels above threshold']));
  });

  it('draws histogram bars from bin edges, starting at zero', () => {
    const drawing = layoutPlot(
      { id: 'h', caption: 'h', kind: 'histogram', xLabel: 'Å', yLabel: 'count', series: [{ label: '', x: [1.5, 2.5, 3.5], y: [4, 0, 2], binEdges: [1, 2, 3, 4] }] },
      300,
      200,
    );
    const clip = drawing.items.find((i) => i.kind === 'clip')!;
    if (clip.kind !== 'clip') throw new Error();
    const bars = clip.items.filter((i) => i.kind === 'rect');
    expect(bars).toHaveLength(3);
    const [a, , c] = bars as Extract<DrawItem, { kind: 'rect' }>[];
    expect(a!.height).toBeCloseTo(2 * c!.height, 6);
    expect(a!.y + a!.height).toBeCloseTo(c!.y + c!.height, 6);
    // Bars touch: the first ends where the second begins, and the x range is the bin edges.
    expect(a!.x).toBeCloseTo(clip.x, 6);
    expect(c!.x + c!.width).toBeCloseTo(clip.x + clip.width, 6);
  });

  it('draws reference lines, a legend for several series, and gaps at NaN', () => {
    const drawing = layoutPlot({
      id: 'fsc',
      caption: 'FSC',
      kind: 'line',
      xLabel: 'Resolution (1/Å)',
      yLabel: 'FSC',
      series: [
        { label: 'FSC', x: [0, 0.1, 0.2, 0.3], y: [1, 0.9, NaN, 0.1] },
        { label: 'FSC (masked)', x: [0, 0.1, 0.2, 0.3], y: [1, 0.95, 0.5, 0.2], style: 'dashed' },
      ],
      hLines: [{ y: 0.143, label: '0.143' }],
      vLines: [{ x: 0.25, label: '4 Å' }],
    });
    expect(texts(drawing)).toEqual(expect.arrayContaining(['FSC', 'FSC (masked)', '0.143', '4 Å']));
    const lines = flatten(drawing.items).filter((i) => i.kind === 'polyline' && i.stroke === '#1f77b4');
    expect(lines.filter((l) => l.kind === 'polyline' && l.points.length >= 2)).toHaveLength(2 + 1); // two runs + legend swatch
  });
});

describe('drawingToSvg', () => {
  it('escapes every text and keeps clip ids unique per prefix', () => {
    const svg = drawingToSvg(
      layoutPlot({ id: 'x', caption: 'c', kind: 'scatter', xLabel: 'a < b & c > "d"', yLabel: "it's", series: [{ label: '<script>', x: [1, 2], y: [3, 4] }] }),
      { idPrefix: 'p7', title: 'T & <T>' },
    );
    expect(svg).toContain('a &lt; b &amp; c &gt; &quot;d&quot;');
    expect(svg).toContain('it&#39;s');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('<title>T &amp; &lt;T&gt;</title>');
    expect(svg).toContain('id="p7-clip0"');
    expect(escapeXml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('layoutColorBar', () => {
  it('runs the palette from min to max with both ends and the label printed', () => {
    const bar = layoutColorBar({ min: 2.5, max: 7.25, label: 'Local resolution (Å)', palette: 'jet' }, 300);
    const rects = bar.items.filter((i): i is Extract<DrawItem, { kind: 'rect' }> => i.kind === 'rect' && !!i.fill);
    // First step at t = 0.5/96: between jet(0) = (0, 0, 128) and jet(0.1) = (0, 0, 243) → blue 134.
    expect(rects[0]!.fill).toBe('#000086');
    // Last step at t = 1 − 0.5/96: between jet(0.9) = (243, 0, 0) and jet(1) = (128, 0, 0) → red 134.
    expect(rects[rects.length - 1]!.fill).toBe('#860000');
    expect(texts(bar)).toEqual(expect.arrayContaining(['2.50', '7.25', 'Local resolution (Å)']));
  });
});

describe('layoutPlot: labels of vertical lines', () => {
  it('puts the labels of nearby lines on separate rows and keeps distant ones on the first', () => {
    const plot: SectionPlot = {
      id: 'v',
      caption: '',
      kind: 'line',
      xLabel: 'f',
      yLabel: 'y',
      series: [{ label: 's', x: [0, 1], y: [0, 1] }],
      vLines: [
        { x: 0.5, label: 'Reported 7 Å' },
        { x: 0.48, label: 'FSO 0.9 (7.40 Å)' },
        { x: 0.52, label: 'FSO 0.1 (5.86 Å)' },
        { x: 0.05, label: 'far' },
      ],
    };
    const labels = flatten(layoutPlot(plot, 400).items).filter((i): i is TextItem => i.kind === 'text' && /Å|far/.test(i.text));
    const y = (text: string) => labels.find((t) => t.text === text)!.y;
    // three labels a few pixels apart: three rows; the far one on the first row
    expect(new Set([y('Reported 7 Å'), y('FSO 0.9 (7.40 Å)'), y('FSO 0.1 (5.86 Å)')]).size).toBe(3);
    expect(y('far')).toBe(Math.min(...labels.map((t) => t.y)));
  });
});

describe('layoutPlot: marker labels stay inside the plot area', () => {
  const frameOf = (items: ReturnType<typeof layoutPlot>['items']) => items.find((i) => i.kind === 'clip') as { x: number; y: number; width: number; height: number };
  it('a label of a line near the right edge goes left of the line, unclipped, within the frame', () => {
    // x from 0 to 0.2 (no padding on x); the marker at 0.199 is 0.5 % of the width from the right edge.
    const plot: SectionPlot = {
      id: 'bfactor',
      caption: '',
      kind: 'line',
      xLabel: '1/Å²',
      yLabel: 'ln F',
      series: [{ label: 's', x: [0, 0.2], y: [0, 1] }],
      vLines: [{ x: 0.199, label: 'Resolution 7.00 Å' }],
    };
    const drawing = layoutPlot(plot, 460, 300);
    const frame = frameOf(drawing.items);
    // Drawn outside the clip group, so nothing cuts it.
    const label = drawing.items.find((i): i is TextItem => i.kind === 'text' && i.text === 'Resolution 7.00 Å')!;
    expect(label).toBeDefined();
    const width = estimateTextWidth(label.text, label.size);
    expect(label.x).toBeGreaterThanOrEqual(frame.x);
    expect(label.x + width).toBeLessThanOrEqual(frame.x + frame.width);
    const lineX = frame.x + (0.199 / 0.2) * frame.width;
    expect(label.x + width).toBeLessThan(lineX); // left of its line
    expect(label.y - label.size).toBeGreaterThanOrEqual(frame.y);
  });

  it('fontScale multiplies every text size', () => {
    const plot: SectionPlot = { id: 'p', caption: '', kind: 'line', xLabel: 'x', yLabel: 'y', series: [{ label: 'a', x: [0, 1], y: [0, 1] }] };
    const sizes = (d: ReturnType<typeof layoutPlot>) => flatten(d.items).filter((i): i is TextItem => i.kind === 'text').map((t) => t.size);
    expect(sizes(layoutPlot(plot, 340, 260, { fontScale: 1.25 }))).toEqual(sizes(layoutPlot(plot, 340, 260)).map((s) => s * 1.25));
  });
});
