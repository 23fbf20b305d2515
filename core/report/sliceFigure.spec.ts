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

describe('sliceFigure grey mapping', () => {
  it('the three panels share one grey mapping, stated by a grey colour bar', () => {
    // Voxel value = x (0…9). Central slices at index 5: the X slice is the constant 5, the Y and Z
    // slices run from 0 to 9 along x. One mapping over the three planes: 0 → black, 9 → white, so
    // the X panel must be 5/9 of white, round(5 × 255 / 9) = 142 (scaled alone it would be black).
    const v = Volume.zeros([10, 10, 10]);
    for (let z = 0; z < 10; z++) for (let y = 0; y < 10; y++) for (let x = 0; x < 10; x++) v.data[v.index(x, y, z)] = x;
    v.data[v.index(0, 0, 0)] = 100; // on none of the central planes: must not stretch the scale
    const { figure, files } = sliceFigure(v, { id: 'c', caption: 'c', kind: 'central', minSide: 1 });
    expect(figure.colorBar).toMatchObject({ min: 0, max: 9, palette: 'greys', label: 'Density' });
    const greys = (axis: string) => new Set(decodePng(files[`c_${axis}.png`]!).data);
    expect([...greys('x')]).toEqual([142]);
    const expected = new Set(Array.from({ length: 10 }, (_, k) => Math.round((k * 255) / 9)));
    expect(greys('y')).toEqual(expected);
    expect(greys('z')).toEqual(expected);
  });

  it('projections: one range over the three sums; a mask gets a 0…1 scale', () => {
    // A 4×4×4 block of ones at x 0..3, y 0..1, z 0..0: sums along x reach 4, along y 2, along z 1.
    const v = Volume.zeros([4, 4, 4]);
    for (let y = 0; y < 2; y++) for (let x = 0; x < 4; x++) v.data[v.index(x, y, 0)] = 1;
    const { figure, files } = sliceFigure(v, { id: 'p', caption: 'p', kind: 'projection', minSide: 1 });
    expect(figure.colorBar).toMatchObject({ min: 0, max: 4 });
    const brightest = (axis: string) => Math.max(...decodePng(files[`p_${axis}.png`]!).data);
    expect([brightest('x'), brightest('y'), brightest('z')]).toEqual([255, Math.round((2 * 255) / 4), Math.round(255 / 4)]);
    const m = new Volume(new Uint8Array(27).fill(1), { dims: [3, 3, 3], voxelSize: [1, 1, 1], origin: [0, 0, 0] });
    m.data[m.index(1, 1, 1)] = 0;
    expect(sliceFigure(m, { id: 'm', caption: 'm', kind: 'central', minSide: 1 }).figure.colorBar).toMatchObject({ min: 0, max: 1, label: 'Mask value' });
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
