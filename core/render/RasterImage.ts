/**
 * An 8-bit image, rows top to bottom, pixels left to right, channels interleaved:
 * 1 = grey, 3 = RGB, 4 = RGBA (straight, not premultiplied, alpha).
 */
export interface RasterImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array;
}

/** A blank image; `fill` gives every channel's value (255 = white, opaque). */
export function createRasterImage(width: number, height: number, channels: 1 | 3 | 4, fill = 0): RasterImage {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new RangeError(`image size must be positive integers, got ${width}×${height}`);
  }
  const data = new Uint8Array(width * height * channels);
  if (fill !== 0) data.fill(fill);
  return { width, height, channels, data };
}
