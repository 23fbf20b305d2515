import type { RasterImage } from './RasterImage.js';

export type ResizeMethod = 'nearest' | 'bilinear';

/**
 * Resamples an image to `width`×`height`. Pixel centres are aligned (the scipy/OpenCV "half
 * pixel" convention), so enlarging by an integer factor with `nearest` repeats every pixel
 * exactly that many times.
 */
export function resizeImage(image: RasterImage, width: number, height: number, method: ResizeMethod = 'bilinear'): RasterImage {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new RangeError(`resizeImage: target size must be positive integers, got ${width}×${height}`);
  }
  const { width: w, height: h, channels: c, data } = image;
  const out = new Uint8Array(width * height * c);
  const sx = w / width;
  const sy = h / height;
  if (method === 'nearest') {
    const columns = new Int32Array(width);
    for (let x = 0; x < width; x++) columns[x] = Math.min(w - 1, Math.floor((x + 0.5) * sx));
    for (let y = 0; y < height; y++) {
      const sourceRow = Math.min(h - 1, Math.floor((y + 0.5) * sy)) * w;
      for (let x = 0; x < width; x++) {
        const s = (sourceRow + columns[x]!) * c;
        const t = (y * width + x) * c;
        for (let k = 0; k < c; k++) out[t + k] = data[s + k]!;
      }
    }
    return { width, height, channels: c, data: out };
  }
  const x0 = new Int32Array(width);
  const x1 = new Int32Array(width);
  const fx = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    const pos = Math.min(w - 1, Math.max(0, (x + 0.5) * sx - 0.5));
    x0[x] = Math.floor(pos);
    x1[x] = Math.min(w - 1, x0[x]! + 1);
    fx[x] = pos - x0[x]!;
  }
  for (let y = 0; y < height; y++) {
    const pos = Math.min(h - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const r0 = Math.floor(pos);
    const r1 = Math.min(h - 1, r0 + 1);
    const fy = pos - r0;
    for (let x = 0; x < width; x++) {
      const a = (r0 * w + x0[x]!) * c;
      const b = (r0 * w + x1[x]!) * c;
      const d = (r1 * w + x0[x]!) * c;
      const e = (r1 * w + x1[x]!) * c;
      const wx = fx[x]!;
      const t = (y * width + x) * c;
      for (let k = 0; k < c; k++) {
        const top = data[a + k]! + (data[b + k]! - data[a + k]!) * wx;
        const bottom = data[d + k]! + (data[e + k]! - data[d + k]!) * wx;
        out[t + k] = Math.round(top + (bottom - top) * fy);
      }
    }
  }
  return { width, height, channels: c, data: out };
}

/**
 * Enlarges a small image by the smallest integer factor that makes its longer side at least
 * `minSide` pixels, repeating pixels (voxels stay crisp squares). Large images are returned as is.
 */
export function enlargeImage(image: RasterImage, minSide = 256): RasterImage {
  const factor = Math.ceil(minSide / Math.max(image.width, image.height));
  if (factor <= 1) return image;
  return resizeImage(image, image.width * factor, image.height * factor, 'nearest');
}
