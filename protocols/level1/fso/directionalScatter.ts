import type { PlotSeries, SectionPlot } from '../../../core/index.js';
import { fixed2 } from '../global-resolution/halfMapChecks.js';

const BANDS = 5;

/**
 * A polar map of resolutions over the projection hemisphere as a scatter plot (the report's plots
 * have no colour scale): each (rot, tilt) is drawn at (tilt·cos rot, tilt·sin rot), and the points
 * are grouped into five equal resolution bands, one series each. Null without points.
 */
export function directionalScatter(samples: readonly { rot: number; tilt: number; resolution: number }[], id: string, caption: string): SectionPlot | null {
  // At tilt 0 every rot is the same point (the pole): keep one.
  const points = samples.filter((s) => s.tilt > 0 || s.rot === 0);
  if (points.length === 0) return null;
  const values = points.map((s) => s.resolution);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const bands = hi > lo ? BANDS : 1;
  const width = (hi - lo) / bands;
  const series: PlotSeries[] = Array.from({ length: bands }, (_, b) => ({
    label: bands === 1 ? `${fixed2(lo)} Å` : `${fixed2(lo + b * width)}–${fixed2(lo + (b + 1) * width)} Å`,
    x: [] as number[],
    y: [] as number[],
    style: 'points' as const,
  }));
  const rad = Math.PI / 180;
  for (const s of points) {
    const b = bands === 1 ? 0 : Math.min(bands - 1, Math.floor((s.resolution - lo) / width));
    series[b]!.x.push(round2(s.tilt * Math.cos(s.rot * rad)));
    series[b]!.y.push(round2(s.tilt * Math.sin(s.rot * rad)));
  }
  return {
    id,
    caption,
    kind: 'scatter',
    xLabel: 'tilt·cos(rot) (°)',
    yLabel: 'tilt·sin(rot) (°)',
    series: series.filter((s) => s.x.length > 0),
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
