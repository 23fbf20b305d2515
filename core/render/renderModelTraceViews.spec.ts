import { describe, expect, it } from 'vitest';
import { Volume } from '../volume/index.js';
import { chainColor, renderModelTraceViews, type TracePolyline } from './renderModelTraceViews.js';

// A Gaussian blob; its contour at exp(-r0²/2σ²) is the sphere of radius r0 around the centre.
const SIGMA = 3;
const R0 = 6;
const THRESHOLD = Math.exp(-(R0 * R0) / (2 * SIGMA * SIGMA));
const CENTRE: [number, number, number] = [21.3, 17.8, 24.1];
const ORIGIN: [number, number, number] = [3.5, -2, 6];

function blob(): Volume {
  const n = 40;
  const data = new Float32Array(n * n * n);
  for (let k = 0; k < n; k++)
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        const dx = ORIGIN[0] + i - CENTRE[0];
        const dy = ORIGIN[1] + j - CENTRE[1];
        const dz = ORIGIN[2] + k - CENTRE[2];
        data[(k * n + j) * n + i] = Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * SIGMA * SIGMA));
      }
  return new Volume(data, { dims: [n, n, n], voxelSize: [1, 1, 1], origin: ORIGIN });
}

function dot(offset: [number, number, number]): TracePolyline {
  return { points: Float64Array.from(CENTRE.map((c, a) => c + offset[a]!)), color: [200, 0, 0] };
}

/** Centroid of the pixels that differ between two images, and whether each lies on a non-white pixel of `under`. */
function changedPixels(a: Uint8Array, b: Uint8Array, size: number, under: Uint8Array) {
  let sx = 0, sy = 0, n = 0, offSurface = 0;
  for (let p = 0; p < size * size; p++) {
    if (a[3 * p] === b[3 * p] && a[3 * p + 1] === b[3 * p + 1] && a[3 * p + 2] === b[3 * p + 2]) continue;
    sx += (p % size) + 0.5;
    sy += Math.floor(p / size) + 0.5;
    n++;
    if (under[3 * p] === 255 && under[3 * p + 1] === 255 && under[3 * p + 2] === 255) offSurface++;
  }
  return { x: sx / n, y: sy / n, n, offSurface };
}

describe('renderModelTraceViews', () => {
  const size = 240;
  const volume = blob();
  const base = renderModelTraceViews(volume, [], { threshold: THRESHOLD, width: size, height: size, lineWidth: 4 });
  // Pixels per Å: the sphere of radius R0 fills the image less the 6 % margins on both sides.
  const scale = (size * (1 - 2 * 0.06)) / (2 * R0);
  // Where model axes go on screen (right, up), per view — the table worked out by hand in turnRotation.ts:
  // View 1 (0, −90, −90): +y → right, +z → up (+x towards the viewer); View 2 (−90, 0, −90): +z → right,
  // +x → down; View 3 (0, 0, 0): +x → right, +y → up.
  const screen = (view: number, d: [number, number, number]): [number, number] =>
    view === 0 ? [d[1], d[2]] : view === 1 ? [d[2], -d[0]] : [d[0], d[1]];

  it('draws a surface (not empty) and a trace point where the rotated point must land, over the blob', () => {
    expect(base.surfaceEmpty).toBe(false);
    const offsets: [number, number, number][] = [
      [3.5, 0, 0], [-3.5, 0, 0], [0, 3.5, 0], [0, -3.5, 0], [0, 0, 3.5], [0, 0, -3.5], [2, -2.5, 1.5],
    ];
    for (const offset of offsets) {
      const drawn = renderModelTraceViews(volume, [dot(offset)], { threshold: THRESHOLD, width: size, height: size, lineWidth: 4 });
      for (let view = 0; view < 3; view++) {
        const [right, up] = screen(view, offset);
        const got = changedPixels(drawn.images[view]!.data, base.images[view]!.data, size, base.images[view]!.data);
        expect(got.n).toBeGreaterThan(10);
        expect(got.offSurface).toBe(0);
        // Surface-net vertices sit a fraction of a voxel inside the sphere: allow 1 Å of framing slack.
        expect(Math.abs(got.x - (size / 2 + right * scale))).toBeLessThan(0.5 + scale * 0.1 * Math.abs(right) + 1);
        expect(Math.abs(got.y - (size / 2 - up * scale))).toBeLessThan(0.5 + scale * 0.1 * Math.abs(up) + 1);
      }
    }
  });

  it('draws a segment along its projection (view 3: a segment along +x is a horizontal line to the right)', () => {
    const line: TracePolyline = { points: Float64Array.from([...CENTRE, CENTRE[0] + 4, CENTRE[1], CENTRE[2]]), color: [0, 0, 200] };
    const drawn = renderModelTraceViews(volume, [line], { threshold: THRESHOLD, width: size, height: size, lineWidth: 2 });
    const image = drawn.images[2]!.data;
    const before = base.images[2]!.data;
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (let p = 0; p < size * size; p++) {
      if (image[3 * p] === before[3 * p] && image[3 * p + 2] === before[3 * p + 2]) continue;
      minX = Math.min(minX, p % size);
      maxX = Math.max(maxX, p % size);
      minY = Math.min(minY, Math.floor(p / size));
      maxY = Math.max(maxY, Math.floor(p / size));
    }
    expect(maxY - minY).toBeLessThan(8);
    expect(maxX - minX).toBeGreaterThan(4 * scale * 0.9);
    expect((minX + maxX) / 2).toBeGreaterThan(size / 2 + 1.5 * scale);
  });

  it('frames the trace alone when there is no map, and keeps colours as given', () => {
    const line: TracePolyline = { points: Float64Array.from([0, 0, 0, 10, 0, 0]), color: [0, 160, 0] };
    const only = renderModelTraceViews(undefined, [line], { width: 100, height: 100, lineWidth: 3 });
    expect(only.surfaceEmpty).toBe(true);
    const view3 = only.images[2]!.data;
    // The segment spans the width less the margins, through the middle row, in (near) its colour.
    const row = 50;
    let coloured = 0;
    for (let x = 0; x < 100; x++) {
      const q = 3 * (row * 100 + x);
      if (view3[q + 1]! > view3[q]! + 60) coloured++;
    }
    expect(coloured).toBeGreaterThan(80);
    expect(coloured).toBeLessThan(95);
  });

  it('gives distinct colours to many chains', () => {
    const colours = Array.from({ length: 40 }, (_, i) => chainColor(i));
    for (let i = 0; i < colours.length; i++) {
      for (let j = i + 1; j < colours.length; j++) {
        const d = Math.hypot(...colours[i]!.map((c, k) => c - colours[j]![k]!));
        expect(d).toBeGreaterThan(i < 10 && j < 10 ? 40 : 8);
      }
    }
  });
});
