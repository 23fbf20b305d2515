import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Volume } from '../volume/index.js';
import { encodePng } from './encodePng.js';
import type { RasterImage } from './RasterImage.js';
import { renderIsosurfaceViews } from './renderIsosurfaceViews.js';
import { applyRotation, turnRotation } from './turnRotation.js';

const outputDir = path.resolve(import.meta.dirname, '../../test-output/render');

function save(name: string, image: RasterImage): void {
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(path.join(outputDir, name), encodePng(image));
}

describe('turnRotation', () => {
  const round = (v: number[]) => v.map((x) => Math.round(x) + 0);
  it('View 3 (0, 0, 0) is the identity', () => {
    expect(round(applyRotation(turnRotation([0, 0, 0]), [1, 2, 3]))).toEqual([1, 2, 3]);
  });
  it('View 1 (0, −90, −90) shows +y to the right, +z up, +x towards the viewer', () => {
    const r = turnRotation([0, -90, -90]);
    expect(round(applyRotation(r, [0, 1, 0]))).toEqual([1, 0, 0]);
    expect(round(applyRotation(r, [0, 0, 1]))).toEqual([0, 1, 0]);
    expect(round(applyRotation(r, [1, 0, 0]))).toEqual([0, 0, 1]);
  });
  it('View 2 (−90, 0, −90) shows +z to the right, +x down, +y away from the viewer', () => {
    const r = turnRotation([-90, 0, -90]);
    expect(round(applyRotation(r, [0, 0, 1]))).toEqual([1, 0, 0]);
    expect(round(applyRotation(r, [1, 0, 0]))).toEqual([0, -1, 0]);
    expect(round(applyRotation(r, [0, 1, 0]))).toEqual([0, 0, -1]);
  });
  it('a single turn about z by +90 takes +x to +y (right-hand rule, counter-clockwise on screen)', () => {
    expect(round(applyRotation(turnRotation([0, 0, 90]), [1, 0, 0]))).toEqual([0, 1, 0]);
  });
});

/**
 * Three bars leaving one corner at (8, 8, 8): 32 voxels along +x, 20 along +y, 10 along +z,
 * 4 voxels thick. Its outline differs for every axis and sign, so each view can be checked.
 */
function tripod(): Volume {
  const n = 48;
  const volume = Volume.zeros([n, n, n]);
  const set = (x0: number, x1: number, y0: number, y1: number, z0: number, z1: number) => {
    for (let z = z0; z <= z1; z++) for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) volume.data[volume.index(x, y, z)] = 1;
  };
  set(8, 39, 8, 11, 8, 11);
  set(8, 11, 8, 27, 8, 11);
  set(8, 11, 8, 11, 8, 17);
  return volume;
}

/** Bounding box and centroid of the non-white pixels (screen coordinates, y down). */
function foreground(image: RasterImage) {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity, sx = 0, sy = 0, count = 0;
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++) {
      const p = (y * image.width + x) * 3;
      if (image.data[p]! > 245 && image.data[p + 1]! > 245 && image.data[p + 2]! > 245) continue;
      minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
      sx += x; sy += y; count++;
    }
  const width = maxX - minX + 1;
  const height = maxY - minY + 1;
  // Centroid relative to the box centre, as a fraction of the box; "up" positive.
  return { width, height, count, right: (sx / count - (minX + maxX) / 2) / width, up: -(sy / count - (minY + maxY) / 2) / height };
}

describe('renderIsosurfaceViews', () => {
  const volume = tripod();
  const views = renderIsosurfaceViews(volume, { threshold: 0.5, width: 240, height: 240 });
  views.images.forEach((image, i) => save(`tripod-view${i + 1}.png`, image));

  it('renders three non-empty RGB views in the original orientations', () => {
    expect(views.empty).toBe(false);
    expect(views.angles).toEqual([[0, -90, -90], [-90, 0, -90], [0, 0, 0]]);
    expect(views.images.map((i) => [i.width, i.height, i.channels])).toEqual([[240, 240, 3], [240, 240, 3], [240, 240, 3]]);
  });

  // Expected outlines worked out by hand from the turn convention (see turnRotation):
  // extent right × up, and on which side of the box the corner (and so most of the mass) lies.
  const expected = [
    { view: 'View 1: +y right (20), +z up (10)', aspect: 20 / 10, right: -1, up: -1 },
    { view: 'View 2: +z right (10), +x down (32)', aspect: 10 / 32, right: -1, up: +1 },
    { view: 'View 3: +x right (32), +y up (20)', aspect: 32 / 20, right: -1, up: -1 },
  ];
  expected.forEach((e, i) => {
    it(`${e.view}`, () => {
      const f = foreground(views.images[i]!);
      expect(f.width / f.height).toBeGreaterThan(e.aspect * 0.85);
      expect(f.width / f.height).toBeLessThan(e.aspect * 1.15);
      expect(Math.sign(f.right)).toBe(e.right);
      expect(Math.sign(f.up)).toBe(e.up);
    });
  });

  it('frames the object to fill the view ("view all") with a small margin', () => {
    const f = foreground(views.images[2]!);
    expect(f.width).toBeGreaterThan(240 * 0.8);
    expect(f.width).toBeLessThanOrEqual(240);
  });

  it('uses the default surface colour #4e9a06 (shaded: hue kept, green dominant)', () => {
    const image = views.images[2]!;
    let g = 0, r = 0, b = 0;
    for (let p = 0; p < image.width * image.height; p++) {
      const [pr, pg, pb] = [image.data[3 * p]!, image.data[3 * p + 1]!, image.data[3 * p + 2]!];
      if (pr > 245 && pg > 245 && pb > 245) continue;
      r += pr; g += pg; b += pb;
    }
    expect(g).toBeGreaterThan(1.5 * r);
    expect(r).toBeGreaterThan(b);
  });

  it('colours by a second volume: value = x in Å runs blue (left) to red (right) in View 3', () => {
    const colorVolume = Volume.zeros([24, 24, 24], [2, 2, 2]);
    for (let z = 0; z < 24; z++) for (let y = 0; y < 24; y++) for (let x = 0; x < 24; x++) colorVolume.data[colorVolume.index(x, y, z)] = 2 * x + 1;
    const coloured = renderIsosurfaceViews(volume, { threshold: 0.5, width: 240, height: 240, colorBy: { volume: colorVolume } });
    save('tripod-coloured-view3.png', coloured.images[2]!);
    const [low, high] = coloured.colorRange!;
    // Surface x spans about 7.5 … 39.5 Å; p2.5 / p97.5 of the vertex values sit inside that.
    expect(low).toBeGreaterThan(7);
    expect(high).toBeLessThan(41);
    expect(high - low).toBeGreaterThan(15);
    const image = coloured.images[2]!;
    const f = foreground(image);
    const meanColour = (x0: number, x1: number) => {
      let r = 0, b = 0, n = 0;
      for (let y = 0; y < 240; y++)
        for (let x = x0; x < x1; x++) {
          const p = (y * 240 + x) * 3;
          if (image.data[p]! > 245 && image.data[p + 1]! > 245 && image.data[p + 2]! > 245) continue;
          r += image.data[p]!; b += image.data[p + 2]!; n++;
        }
      return { r: r / n, b: b / n };
    };
    const left = meanColour(0, 60);
    const right = meanColour(180, 240);
    expect(f.count).toBeGreaterThan(1000);
    expect(left.b).toBeGreaterThan(left.r);
    expect(right.r).toBeGreaterThan(right.b);
  });

  it('returns blank images and empty = true when nothing reaches the threshold', () => {
    const none = renderIsosurfaceViews(volume, { threshold: 2, width: 32, height: 32 });
    expect(none.empty).toBe(true);
    expect(none.images[0]!.data.every((v) => v === 255)).toBe(true);
  });

  it('renders the three views of a 220³ map in a few seconds', () => {
    // Lumpy object: 60 Gaussian blobs inside a sphere, plus low noise, like a protein map.
    const n = 220;
    const map = Volume.zeros([n, n, n], [1.1, 1.1, 1.1]);
    let seed = 12345;
    const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const blobs = Array.from({ length: 60 }, () => {
      const r = 60 * Math.cbrt(random());
      const theta = Math.acos(2 * random() - 1);
      const phi = 2 * Math.PI * random();
      return [110 + r * Math.sin(theta) * Math.cos(phi), 110 + r * Math.sin(theta) * Math.sin(phi), 110 + r * Math.cos(theta), 6 + 6 * random()] as const;
    });
    for (const [cx, cy, cz, s] of blobs) {
      const reach = Math.ceil(3 * s);
      for (let z = Math.max(0, Math.floor(cz - reach)); z <= Math.min(n - 1, cz + reach); z++)
        for (let y = Math.max(0, Math.floor(cy - reach)); y <= Math.min(n - 1, cy + reach); y++)
          for (let x = Math.max(0, Math.floor(cx - reach)); x <= Math.min(n - 1, cx + reach); x++) {
            const d2 = (x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2;
            map.data[(z * n + y) * n + x] += Math.exp(-d2 / (2 * s * s));
          }
    }
    for (let i = 0; i < map.data.length; i++) map.data[i] += 0.05 * (random() - 0.5);
    const started = performance.now();
    const big = renderIsosurfaceViews(map, { threshold: 0.5 });
    const seconds = (performance.now() - started) / 1000;
    console.log(`220³ isosurface views: ${seconds.toFixed(2)} s, ${big.triangleCount} triangles, grid step ${big.gridStep}`);
    big.images.forEach((image, i) => save(`lumpy220-view${i + 1}.png`, image));
    expect(big.empty).toBe(false);
    expect(big.gridStep).toBe(1);
    expect(seconds).toBeLessThan(8);
  });
});
