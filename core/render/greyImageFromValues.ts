import type { RasterImage } from './RasterImage.js';

export interface GreyImageOptions {
  /** Value range mapped to 0…255; default the finite min and max of the values. */
  range?: [number, number];
  /** Put row 0 of the values at the bottom of the image (array origin lower-left, as maps are shown). */
  flipRows?: boolean;
}

/**
 * A 2-D array of numbers (row-major, `height` rows of `width` values, as numpy gives a slice) as
 * an 8-bit grey image: the minimum becomes 0 (black) and the maximum 255 (white), linearly.
 * Non-finite values become 0; a constant array is all 0 (there is no contrast to show).
 */
export function greyImageFromValues(values: ArrayLike<number>, width: number, height: number, options: GreyImageOptions = {}): RasterImage {
  if (values.length !== width * height) {
    throw new RangeError(`greyImageFromValues: ${values.length} values for a ${width}×${height} image`);
  }
  let [low, high] = options.range ?? [Infinity, -Infinity];
  if (!options.range) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v < low) low = v;
      if (v > high) high = v;
    }
  }
  const data = new Uint8Array(width * height);
  const scale = high > low ? 255 / (high - low) : 0;
  for (let row = 0; row < height; row++) {
    const source = (options.flipRows ? height - 1 - row : row) * width;
    const target = row * width;
    for (let x = 0; x < width; x++) {
      const v = values[source + x]!;
      const level = (v - low) * scale;
      // NaN fails both comparisons and lands on 0.
      data[target + x] = level > 0 ? (level < 255 ? Math.round(level) : 255) : 0;
    }
  }
  return { width, height, channels: 1, data };
}
