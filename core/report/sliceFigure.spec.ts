import { describe, expect, it } from 'vitest';
import { decodePng } from '../render/index.js';
import { Volume } from '../volume/index.js';
import { isosurfaceFigure } from './isosurfaceFigure.js';
import { sliceFigure } from './sliceFigure.js';

describe('sliceFigure', () => {
  it('central slices: index ⌊n/2⌋ in the captions, a bright voxel where the original draws it', () => {
    const v = Volume.zeros([40, 30, 20]);
    v.data[v.index(7, 5, 10)] = 1; // on the central Z slice (20/2 = 10)
    const { figure, files, indices } = sliceFigure(v, { id: 'central', caption: 'Central slices', kind: 'central' });
    expect(indices).toEqual([20, 15, 10]);
    expect(figure.panels.map((p) => p.caption)).toEqual(['X slice 20', 'Y slice 15', 'Z slice 10']);
    expect(Object.keys(files).sort()).toEqual(['central_x.png', 'central_y.png', 'central_z.png']);
    // Z panel: 40 × 30 voxels enlarged ×7 (smallest factor reaching 256 px on the longer side)
    const z = decodePng(files['central_z.png']!);
    expect([z.width, z.height]).toEqual([280, 210]);
    expect(figure.panels[2]).toMatchObject({ width: 280, height: 210 });
    // rows flipped: voxel row y = 5 is image row 30 − 1 − 5 = 24; column x = 7
    const at = (col: number, row: number) => z.data[(row * 7 + 3) * z.width + col * 7 + 3];
    expect(at(7, 24)).toBe(255);
    expect(at(7, 5)).toBe(0);
  });

  it('max-variance slices and projections of a mask', () => {
    const m = new Volume(new Uint8Array(30 * 30 * 30), { dims: [30, 30, 30], voxelSize: [1, 1, 1], origin: [0, 0, 0] });
    // a 5×5×5 cube at x 3..7, y 12..16, z 20..24: the first planes crossing it have the largest variance
    for (let z = 20; z < 25; z++) for (let y = 12; y < 17; y++) for (let x = 3; x < 8; x++) m.data[m.index(x, y, z)] = 1;
    const slices = sliceFigure(m, { id: 'mask', caption: 'mask', kind: 'maxVariance' });
    expect(slices.indices).toEqual([3, 12, 20]);
    const proj = sliceFigure(m, { id: 'p', caption: 'projections', kind: 'projection', minSide: 1 });
    expect(proj.indices).toBeNull();
    expect(proj.figure.panels.map((p) => p.caption)).toEqual(['X projection', 'Y projection', 'Z projection']);
    expect(proj.figure.panels.map((p) => [p.width, p.height])).toEqual([[30, 30], [30, 30], [30, 30]]);
  });
});

describe('isosurfaceFigure', () => {
  it('three views named with their angles; blank when nothing reaches the level', () => {
    const v = Volume.zeros([24, 24, 24]);
    for (let z = 8; z < 16; z++) for (let y = 8; y < 16; y++) for (let x = 8; x < 16; x++) v.data[v.index(x, y, z)] = 1;
    const iso = isosurfaceFigure(v, { id: 'iso', threshold: 0.5, size: 64 });
    expect(iso.empty).toBe(false);
    expect(iso.figure.panels.map((p) => p.caption)).toEqual(['View 1 (0, -90, -90)', 'View 2 (-90, 0, -90)', 'View 3 (0, 0, 0)']);
    expect(iso.figure.caption).toContain('threshold 0.500000');
    const image = decodePng(iso.files['iso_3.png']!);
    expect([image.width, image.height]).toEqual([64, 64]);
    expect(isosurfaceFigure(v, { id: 'iso', threshold: 2, size: 32 }).empty).toBe(true);
  });
});
