// Unmeasured voxels on coloured surfaces and in the colour bar, on a phantom where we know which
// voxels are unmeasured: a ball whose left half (x below the centre) is marked unmeasured.
import { describe, expect, it } from 'vitest';
import { Volume } from '../volume/index.js';
import { JET, colorMapTable, parseHexColor } from './colorMaps.js';
import { layoutColorBar } from './layoutColorBar.js';
import { renderIsosurfaceViews, UNMEASURED_COLOR } from './renderIsosurfaceViews.js';

const n = 32;
const c = (n - 1) / 2;
const ball = Volume.zeros([n, n, n], [1, 1, 1]);
const colour = Volume.zeros([n, n, n], [1, 1, 1]);
const marks = new Float32Array(n * n * n);
for (let z = 0; z < n; z++)
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      const i = ball.index(x, y, z);
      const inside = Math.hypot(x - c, y - c, z - c) <= 10;
      ball.data[i] = inside ? 1 : 0;
      // The colour map is 0.9 (near the red end of [0, 1]) where measured, and a "fill" of 0.5
      // (jet's green) where not: the fill must never show.
      colour.data[i] = x < c ? 0.5 : 0.9;
      marks[i] = Math.hypot(x - c, y - c, z - c) <= 12 ? (x < c ? 1 : 0) : NaN;
    }

/** Share of the drawn pixels in the left and right thirds of the image that are neutral (R = G = B). */
function neutralShares(image: { width: number; height: number; data: Uint8Array }): [number, number] {
  let leftDrawn = 0, leftGrey = 0, rightDrawn = 0, rightGrey = 0;
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++) {
      const k = 3 * (y * image.width + x);
      const [r, g, b] = [image.data[k]!, image.data[k + 1]!, image.data[k + 2]!];
      if (r === 255 && g === 255 && b === 255) continue;
      const grey = Math.max(r, g, b) - Math.min(r, g, b) <= 2;
      if (x < image.width / 3) { leftDrawn++; if (grey) leftGrey++; }
      else if (x > (2 * image.width) / 3) { rightDrawn++; if (grey) rightGrey++; }
    }
  return [leftGrey / leftDrawn, rightGrey / rightDrawn];
}

describe('unmeasured voxels on a coloured surface', () => {
  const options = { threshold: 0.5, views: [[0, 0, 0]] as [number, number, number][], width: 96, height: 96 };

  it('draws the unmeasured half in the neutral colour and the measured half from the palette', () => {
    const views = renderIsosurfaceViews(ball, { ...options, colorBy: { volume: colour, range: [0, 1], palette: 'jet', unmeasured: marks } });
    const [left, right] = neutralShares(views.images[0]!);
    expect(left).toBeGreaterThan(0.95);
    expect(right).toBe(0);
  });

  it('without the marks the fill value shows as a measurement (the bug this fixes)', () => {
    const views = renderIsosurfaceViews(ball, { ...options, colorBy: { volume: colour, range: [0, 1], palette: 'jet' } });
    const [left] = neutralShares(views.images[0]!);
    expect(left).toBe(0);
  });

  it('the neutral colour is in none of jet’s 256 colours', () => {
    const table = colorMapTable(JET, 256);
    const [r, g, b] = parseHexColor(UNMEASURED_COLOR);
    for (let k = 0; k < 256; k++) {
      const [tr, tg, tb] = [table[3 * k]!, table[3 * k + 1]!, table[3 * k + 2]!];
      expect(Math.max(Math.abs(tr - r), Math.abs(tg - g), Math.abs(tb - b))).toBeGreaterThan(40);
    }
    expect(r === g && g === b).toBe(true);
  });

  it('rejects marks of another size', () => {
    expect(() => renderIsosurfaceViews(ball, { ...options, colorBy: { volume: colour, unmeasured: new Float32Array(5) } })).toThrow(RangeError);
  });
});

describe('colour bar legend for unmeasured voxels', () => {
  it('adds a swatch of the colour and its label under the bar', () => {
    const plain = layoutColorBar({ min: 3, max: 9, label: 'Local resolution (Å)', palette: 'jet' });
    const bar = layoutColorBar({ min: 3, max: 9, label: 'Local resolution (Å)', palette: 'jet', unmeasured: { color: UNMEASURED_COLOR, label: 'Not measured (65.0% of the mask)' } });
    expect(bar.height).toBeGreaterThan(plain.height);
    expect(bar.items.some((i) => i.kind === 'rect' && i.fill === UNMEASURED_COLOR)).toBe(true);
    expect(bar.items.some((i) => i.kind === 'text' && i.text === 'Not measured (65.0% of the mask)')).toBe(true);
    expect(plain.items.some((i) => i.kind === 'rect' && i.fill === UNMEASURED_COLOR)).toBe(false);
  });
});
