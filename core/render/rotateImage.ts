import type { RasterImage } from './RasterImage.js';

/**
 * Rotates an image by a multiple of 90°. Positive angles turn it counter-clockwise as seen on
 * screen (the convention of PIL and numpy.rot90), so −90 is a clockwise quarter turn.
 */
export function rotateImage(image: RasterImage, degrees: 90 | -90 | 180 | 270 | -270 | 0): RasterImage {
  const turns = (((degrees / 90) % 4) + 4) % 4; // counter-clockwise quarter turns
  if (turns === 0) return { ...image, data: image.data.slice() };
  const { width: w, height: h, channels: c, data } = image;
  const outWidth = turns === 2 ? w : h;
  const outHeight = turns === 2 ? h : w;
  const out = new Uint8Array(data.length);
  for (let r = 0; r < outHeight; r++) {
    for (let col = 0; col < outWidth; col++) {
      // Source pixel of output (r, col) for each counter-clockwise turn count.
      let sr: number;
      let sc: number;
      if (turns === 1) {
        sr = col;
        sc = w - 1 - r;
      } else if (turns === 2) {
        sr = h - 1 - r;
        sc = w - 1 - col;
      } else {
        sr = h - 1 - col;
        sc = r;
      }
      const s = (sr * w + sc) * c;
      const t = (r * outWidth + col) * c;
      for (let k = 0; k < c; k++) out[t + k] = data[s + k]!;
    }
  }
  return { width: outWidth, height: outHeight, channels: c, data: out };
}
