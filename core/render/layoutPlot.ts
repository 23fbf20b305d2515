import type { PlotSeries, SectionPlot } from '../report/index.js';
import { estimateTextWidth, type DrawItem, type Drawing } from './Drawing.js';
import { formatPowerOfTen, formatTick, linearTicks, logTicks, niceBounds } from './niceTicks.js';

/** Colours of successive series (the widely used "tableau 10" set). */
export const SERIES_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** Font sizes in drawing units at a font scale of 1. */
const BASE_FONTS = { tick: 8, label: 9, legend: 8 };

export interface PlotLayoutOptions {
  /**
   * Multiplies every font size: a plot drawn narrow for a phone screen (where it is shown at about
   * its drawn size) needs larger text than one drawn wide and shown enlarged.
   */
  fontScale?: number;
}

interface Axis {
  log: boolean;
  min: number;
  max: number;
  ticks: number[];
  labels: string[];
  /** Data value → position along the axis, 0…1. */
  unit(v: number): number;
}

/**
 * Lays out a section plot (line, histogram or scatter; linear or log axes; reference lines) as a
 * vector drawing of `width`×`height` points: frame, grid, ticks, axis labels, legend underneath.
 * Non-finite points (and non-positive ones on a log axis) break lines instead of being drawn.
 */
export function layoutPlot(plot: SectionPlot, width = 460, height = 300, options: PlotLayoutOptions = {}): Drawing {
  const fontScale = options.fontScale ?? 1;
  const TICK_FONT = BASE_FONTS.tick * fontScale;
  const LABEL_FONT = BASE_FONTS.label * fontScale;
  const LEGEND_FONT = BASE_FONTS.legend * fontScale;
  const series = plot.series;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of series) {
    const edges = s.binEdges;
    for (const v of edges ?? s.x) xs.push(v);
    for (const v of s.y) ys.push(v);
  }
  for (const v of plot.vLines ?? []) xs.push(v.x);
  for (const h of plot.hLines ?? []) ys.push(h.y);
  const isHistogram = plot.kind === 'histogram';
  const x = makeAxis(xs, !!plot.xLog, false, false);
  const y = makeAxis(isHistogram && !plot.yLog ? [0, ...ys] : ys, !!plot.yLog, true, isHistogram);

  const legendEntries = series.filter((s) => s.label.trim() !== '');
  const showLegend = legendEntries.length > 1 || (legendEntries.length === 1 && series.length === 1 && !isHistogram);
  const legendRows = showLegend ? layoutLegendRows(legendEntries, width - 20, LEGEND_FONT) : [];

  const yTickWidth = Math.max(10, ...y.labels.map((l) => estimateTextWidth(l, TICK_FONT)));
  const left = 8 + LABEL_FONT + 6 + yTickWidth + 5;
  const right = 12;
  const top = 10;
  const bottom = 5 + TICK_FONT + 6 + LABEL_FONT + 6 + legendRows.length * (LEGEND_FONT + 6);
  const plotW = Math.max(40, width - left - right);
  const plotH = Math.max(40, height - top - bottom);
  const px = (v: number) => left + x.unit(v) * plotW;
  const py = (v: number) => top + (1 - y.unit(v)) * plotH;

  const items: DrawItem[] = [];
  // Grid and ticks.
  for (let i = 0; i < x.ticks.length; i++) {
    const X = px(x.ticks[i]!);
    items.push({ kind: 'polyline', points: [X, top, X, top + plotH], stroke: '#e3e3e3', strokeWidth: 0.5 });
    items.push({ kind: 'polyline', points: [X, top + plotH, X, top + plotH + 4], stroke: '#000000', strokeWidth: 0.7 });
    items.push({ kind: 'text', x: X, y: top + plotH + 5 + TICK_FONT, text: x.labels[i]!, size: TICK_FONT, anchor: 'middle' });
  }
  for (let i = 0; i < y.ticks.length; i++) {
    const Y = py(y.ticks[i]!);
    items.push({ kind: 'polyline', points: [left, Y, left + plotW, Y], stroke: '#e3e3e3', strokeWidth: 0.5 });
    items.push({ kind: 'polyline', points: [left - 4, Y, left, Y], stroke: '#000000', strokeWidth: 0.7 });
    items.push({ kind: 'text', x: left - 6, y: Y + TICK_FONT * 0.35, text: y.labels[i]!, size: TICK_FONT, anchor: 'end' });
  }

  const data: DrawItem[] = [];
  series.forEach((s, index) => {
    const color = SERIES_COLORS[index % SERIES_COLORS.length]!;
    const style = s.style ?? (plot.kind === 'histogram' ? 'bars' : plot.kind === 'scatter' ? 'points' : 'line');
    if (style === 'bars') data.push(...histogramBars(s, x, y, px, py, color));
    else if (style === 'points') {
      for (let i = 0; i < s.x.length; i++) {
        if (!onAxis(x, s.x[i]!) || !onAxis(y, s.y[i]!)) continue;
        data.push({ kind: 'circle', cx: px(s.x[i]!), cy: py(s.y[i]!), r: 1.8, fill: color });
      }
    } else {
      for (const run of polylineRuns(s, x, y, px, py)) {
        data.push({ kind: 'polyline', points: run, stroke: color, strokeWidth: 1.3, dash: style === 'dashed' ? [4, 3] : undefined });
      }
    }
  });
  for (const h of plot.hLines ?? []) {
    if (!onAxis(y, h.y)) continue;
    const Y = py(h.y);
    data.push({ kind: 'polyline', points: [left, Y, left + plotW, Y], stroke: '#555555', strokeWidth: 0.8, dash: [3, 3] });
    if (h.label) data.push({ kind: 'text', x: left + plotW - 3, y: Y - 3, text: h.label, size: TICK_FONT, anchor: 'end', color: '#333333' });
  }
  // Labels of nearby vertical lines (a crossing next to the reported resolution) go on separate
  // rows so that they never print over each other. A label sits right of its line, or left of it
  // when it would run past the right edge, and is drawn outside the clip so that it is never cut:
  // it is placed to stay inside the plot area.
  const labelRows: [number, number][][] = [];
  const markerLabels: DrawItem[] = [];
  const vLines = (plot.vLines ?? []).filter((v) => onAxis(x, v.x)).sort((a, b) => px(a.x) - px(b.x));
  for (const v of vLines) {
    const X = px(v.x);
    data.push({ kind: 'polyline', points: [X, top, X, top + plotH], stroke: '#555555', strokeWidth: 0.8, dash: [3, 3] });
    if (!v.label) continue;
    const w = estimateTextWidth(v.label, TICK_FONT);
    let start = X + 3;
    if (start + w > left + plotW - 2) start = X - 3 - w;
    start = Math.max(left + 2, Math.min(start, left + plotW - 2 - w));
    const span: [number, number] = [start - 2, start + w + 2];
    let row = labelRows.findIndex((spans) => spans.every(([a, b]) => span[1] < a || span[0] > b));
    if (row < 0) row = labelRows.push([]) - 1;
    labelRows[row]!.push(span);
    markerLabels.push({ kind: 'text', x: start, y: top + (TICK_FONT + 2) * (row + 1), text: v.label, size: TICK_FONT, anchor: 'start', color: '#333333' });
  }
  items.push({ kind: 'clip', x: left, y: top, width: plotW, height: plotH, items: data });
  items.push(...markerLabels);
  items.push({ kind: 'rect', x: left, y: top, width: plotW, height: plotH, stroke: '#000000', strokeWidth: 0.8 });

  // Axis labels.
  const xLabelY = top + plotH + 5 + TICK_FONT + 6 + LABEL_FONT;
  items.push({ kind: 'text', x: left + plotW / 2, y: xLabelY, text: plot.xLabel, size: LABEL_FONT, anchor: 'middle' });
  items.push({ kind: 'text', x: 8 + LABEL_FONT, y: top + plotH / 2, text: plot.yLabel, size: LABEL_FONT, anchor: 'middle', rotate: 90 });

  // Legend rows under the x label.
  let legendY = xLabelY + 6 + LEGEND_FONT;
  for (const row of legendRows) {
    let X = left + (plotW - row.width) / 2;
    for (const entry of row.entries) {
      const index = series.indexOf(entry);
      const color = SERIES_COLORS[index % SERIES_COLORS.length]!;
      const style = entry.style ?? (plot.kind === 'histogram' ? 'bars' : plot.kind === 'scatter' ? 'points' : 'line');
      if (style === 'bars') items.push({ kind: 'rect', x: X, y: legendY - LEGEND_FONT * 0.8, width: 14, height: LEGEND_FONT * 0.8, fill: color, fillOpacity: 0.7 });
      else if (style === 'points') items.push({ kind: 'circle', cx: X + 7, cy: legendY - LEGEND_FONT * 0.35, r: 2, fill: color });
      else items.push({ kind: 'polyline', points: [X, legendY - LEGEND_FONT * 0.35, X + 14, legendY - LEGEND_FONT * 0.35], stroke: color, strokeWidth: 1.5, dash: style === 'dashed' ? [4, 3] : undefined });
      items.push({ kind: 'text', x: X + 18, y: legendY, text: entry.label, size: LEGEND_FONT, anchor: 'start' });
      X += legendEntryWidth(entry, LEGEND_FONT);
    }
    legendY += LEGEND_FONT + 6;
  }
  return { width, height, items };
}

function legendEntryWidth(s: PlotSeries, size: number): number {
  return 18 + estimateTextWidth(s.label, size) + 14;
}

function layoutLegendRows(entries: PlotSeries[], maxWidth: number, size: number): { entries: PlotSeries[]; width: number }[] {
  const rows: { entries: PlotSeries[]; width: number }[] = [];
  for (const e of entries) {
    const w = legendEntryWidth(e, size);
    const row = rows[rows.length - 1];
    if (row && row.width + w <= maxWidth) {
      row.entries.push(e);
      row.width += w;
    } else rows.push({ entries: [e], width: w });
  }
  return rows;
}

function onAxis(axis: Axis, v: number): boolean {
  return Number.isFinite(v) && (!axis.log || v > 0) && v >= axis.min - 1e-12 * Math.abs(axis.min) && v <= axis.max + 1e-12 * Math.abs(axis.max);
}

function makeAxis(values: number[], log: boolean, pad: boolean, fromZero: boolean): Axis {
  const usable = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  let min = usable.length ? Math.min(...usable) : log ? 1 : 0;
  let max = usable.length ? Math.max(...usable) : log ? 10 : 1;
  if (log) {
    if (max <= min) {
      min /= 10;
      max *= 10;
    }
    if (pad) {
      min = 10 ** Math.floor(Math.log10(min) + 1e-9);
      max = 10 ** Math.ceil(Math.log10(max) - 1e-9);
    }
    const ticks = logTicks(min, max);
    const lmin = Math.log10(min);
    const span = Math.log10(max) - lmin;
    return { log, min, max, ticks, labels: ticks.map(formatPowerOfTen), unit: (v) => (Math.log10(v) - lmin) / span };
  }
  if (pad) {
    const range = max - min;
    [min, max] = niceBounds(fromZero ? Math.min(0, min) : min - 0.02 * range, max + 0.02 * range);
  } else if (!(max > min)) {
    [min, max] = niceBounds(min, max);
  }
  const { ticks, step } = linearTicks(min, max);
  const span = max - min;
  return { log, min, max, ticks, labels: ticks.map((t) => formatTick(t, step)), unit: (v) => (v - min) / span };
}

/** Runs of consecutive drawable points as flat [x0, y0, x1, y1, …] arrays. */
function polylineRuns(s: PlotSeries, x: Axis, y: Axis, px: (v: number) => number, py: (v: number) => number): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  const n = Math.min(s.x.length, s.y.length);
  for (let i = 0; i < n; i++) {
    const xv = s.x[i]!;
    const yv = s.y[i]!;
    const drawable = Number.isFinite(xv) && Number.isFinite(yv) && (!x.log || xv > 0) && (!y.log || yv > 0);
    if (drawable) run.push(px(xv), py(yv));
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

function histogramBars(s: PlotSeries, x: Axis, y: Axis, px: (v: number) => number, py: (v: number) => number, color: string): DrawItem[] {
  const n = s.y.length;
  const edges = s.binEdges && s.binEdges.length === n + 1 ? s.binEdges : centresToEdges(s.x);
  const base = y.log ? y.min : Math.max(y.min, 0);
  const bars: DrawItem[] = [];
  for (let i = 0; i < n; i++) {
    const v = s.y[i]!;
    const a = edges[i]!;
    const b = edges[i + 1]!;
    if (!Number.isFinite(v) || !Number.isFinite(a) || !Number.isFinite(b) || (y.log && v <= 0)) continue;
    const x0 = px(a);
    const x1 = px(b);
    const y0 = py(Math.max(base, Math.min(v, y.max)));
    const y1 = py(base);
    bars.push({ kind: 'rect', x: x0, y: Math.min(y0, y1), width: Math.max(0.5, x1 - x0), height: Math.abs(y1 - y0), fill: color, fillOpacity: 0.75, stroke: '#ffffff', strokeWidth: 0.4 });
  }
  return bars;
}

function centresToEdges(centres: number[]): number[] {
  const n = centres.length;
  if (n === 0) return [];
  if (n === 1) return [centres[0]! - 0.5, centres[0]! + 0.5];
  const edges = new Array<number>(n + 1);
  for (let i = 1; i < n; i++) edges[i] = (centres[i - 1]! + centres[i]!) / 2;
  edges[0] = centres[0]! - (edges[1]! - centres[0]!);
  edges[n] = centres[n - 1]! + (centres[n - 1]! - edges[n - 1]!);
  return edges;
}
