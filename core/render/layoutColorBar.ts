import { colorAt, colorMapByName, rgbHex } from './colorMaps.js';
import type { DrawItem, Drawing } from './Drawing.js';
import { formatSignificant, formatTick, linearTicks } from './niceTicks.js';

export interface ColorBarSpec {
  min: number;
  max: number;
  label: string;
  /** Colour-map name ("jet", "blue-white-red", "greys"). */
  palette: string;
  /** A legend entry under the bar for the surface colour of voxels without a measurement. */
  unmeasured?: { color: string; label: string };
}

/**
 * A horizontal colour bar as a vector drawing: the palette from `min` (left) to `max` (right) in
 * 96 steps, min and max printed at the ends, a few round ticks between, the label underneath.
 */
export function layoutColorBar(bar: ColorBarSpec, width = 300): Drawing {
  const map = colorMapByName(bar.palette);
  const left = 30;
  const barWidth = width - 2 * left;
  const top = 4;
  const barHeight = 12;
  const steps = 96;
  const items: DrawItem[] = [];
  for (let i = 0; i < steps; i++) {
    const rgb = colorAt(map, (i + 0.5) / steps);
    // Overlap by a hair so anti-aliasing shows no seams between steps.
    items.push({ kind: 'rect', x: left + (i * barWidth) / steps, y: top, width: barWidth / steps + 0.3, height: barHeight, fill: rgbHex(rgb) });
  }
  items.push({ kind: 'rect', x: left, y: top, width: barWidth, height: barHeight, stroke: '#000000', strokeWidth: 0.6 });
  const tickY = top + barHeight;
  const span = bar.max - bar.min;
  const { ticks, step } = span > 0 ? linearTicks(bar.min, bar.max, 4) : { ticks: [], step: 0 };
  const ends = [bar.min, bar.max];
  const placed: number[] = [];
  for (const v of [...ends, ...ticks]) {
    const t = span > 0 ? (v - bar.min) / span : 0.5;
    const X = left + t * barWidth;
    // Skip inner ticks that would collide with the end labels.
    if (placed.some((p) => Math.abs(p - X) < 34)) continue;
    placed.push(X);
    items.push({ kind: 'polyline', points: [X, tickY, X, tickY + 3], stroke: '#000000', strokeWidth: 0.6 });
    const isEnd = ends.includes(v);
    items.push({ kind: 'text', x: X, y: tickY + 12, text: isEnd ? formatSignificant(v, 3) : formatTick(v, step), size: 8, anchor: 'middle' });
  }
  items.push({ kind: 'text', x: left + barWidth / 2, y: tickY + 24, text: bar.label, size: 9, anchor: 'middle' });
  if (!bar.unmeasured) return { width, height: tickY + 28, items };
  // Swatch and label on a line of their own: the colour is not part of the scale.
  const swatchTop = tickY + 32;
  items.push({ kind: 'rect', x: left, y: swatchTop, width: 12, height: 10, fill: bar.unmeasured.color, stroke: '#000000', strokeWidth: 0.6 });
  items.push({ kind: 'text', x: left + 17, y: swatchTop + 8.5, text: bar.unmeasured.label, size: 9, anchor: 'start' });
  return { width, height: swatchTop + 14, items };
}
