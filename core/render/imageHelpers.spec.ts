import { describe, expect, it } from 'vitest';
import { greyImageFromValues } from './greyImageFromValues.js';
import type { RasterImage } from './RasterImage.js';
import { enlargeImage, resizeImage } from './resizeImage.js';
import { rotateImage } from './rotateImage.js';
import { sliceImage } from './sliceImage.js';

const grey = (width: number, height: number, values: number[]): RasterImage => ({ width, height, channels: 1, data: Uint8Array.from(values) });

describe('greyImageFromValues', () => {
  it('maps the minimum to 0 and the maximum to 255, linearly', () => {
    const image = greyImageFromValues([-2, 0, 2, 3], 2, 2);
    // (v + 2) / 5 · 255: 0, 102, 204, 255
    expect([...image.data]).toEqual([0, 102, 204, 255]);
  });

  it('flips rows so that array row 0 ends at the bottom', () => {
    const image = greyImageFromValues([0, 1, 2, 3, 4, 5], 3, 2, { flipRows: true });
    expect([...image.data]).toEqual([153, 204, 255, 0, 51, 102]);
  });

  it('gives 0 for NaN and for a constant array, and honours a fixed range', () => {
    expect([...greyImageFromValues([NaN, 1, 2, 3], 2, 2).data]).toEqual([0, 0, 128, 255]);
    expect([...greyImageFromValues([7, 7, 7, 7], 2, 2).data]).toEqual([0, 0, 0, 0]);
    expect([...greyImageFromValues([1, 1, 0, 1], 2, 2, { range: [0, 1] }).data]).toEqual([255, 255, 0, 255]);
  });
});

describe('rotateImage', () => {
  // 3 wide, 2 high:  a b c
  //                  d e f
  const image = grey(3, 2, [1, 2, 3, 4, 5, 6]);
  it('turns −90° clockwise: the top row becomes the right column', () => {
    const r = rotateImage(image, -90);
    expect([r.width, r.height]).toEqual([2, 3]);
    // d a / e b / f c
    expect([...r.data]).toEqual([4, 1, 5, 2, 6, 3]);
  });
  it('turns +90° counter-clockwise and 180° around', () => {
    expect([...rotateImage(image, 90).data]).toEqual([3, 6, 2, 5, 1, 4]);
    expect([...rotateImage(image, 180).data]).toEqual([6, 5, 4, 3, 2, 1]);
  });
  it('keeps RGB pixels together', () => {
    const rgb: RasterImage = { width: 2, height: 1, channels: 3, data: Uint8Array.of(1, 2, 3, 4, 5, 6) };
    expect([...rotateImage(rgb, -90).data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rotateImage(rgb, -90).height).toBe(2);
  });
});

describe('sliceImage', () => {
  it('flips rows, and for the Y axis turns the flipped picture clockwise', () => {
    // values rows (z) 0..1, columns (x) 0..2; scaled: 0 51 102 / 153 204 255
    const values = [0, 1, 2, 3, 4, 5];
    expect([...sliceImage(values, 3, 2, 'z').data]).toEqual([153, 204, 255, 0, 51, 102]);
    const y = sliceImage(values, 3, 2, 'y');
    // flipped:  153 204 255 / 0 51 102 → clockwise: 0 153 / 51 204 / 102 255
    expect([y.width, y.height]).toEqual([2, 3]);
    expect([...y.data]).toEqual([0, 153, 51, 204, 102, 255]);
  });
});

describe('resizeImage', () => {
  it('repeats pixels exactly when enlarging by an integer factor with nearest', () => {
    const r = resizeImage(grey(2, 1, [10, 20]), 6, 2, 'nearest');
    expect([...r.data]).toEqual([10, 10, 10, 20, 20, 20, 10, 10, 10, 20, 20, 20]);
  });
  it('interpolates linearly between pixel centres with bilinear', () => {
    // Centres of the 4 output pixels map to source x = −0.25, 0.25, 0.75, 1.25 (clamped to 0…1).
    const r = resizeImage(grey(2, 1, [0, 200]), 4, 1, 'bilinear');
    expect([...r.data]).toEqual([0, 50, 150, 200]);
  });
  it('enlarges small pictures by an integer factor and leaves big ones alone', () => {
    const small = grey(20, 10, new Array(200).fill(3));
    const big = enlargeImage(small, 256);
    expect([big.width, big.height]).toEqual([260, 130]);
    const large = grey(300, 1, new Array(300).fill(0));
    expect(enlargeImage(large, 256)).toBe(large);
  });
});
