import { colorAt, colorMapByName, type ColorMap } from './colorMaps.js';
import type { RasterImage } from './RasterImage.js';

/**
 * A colour-bar strip as a raster (low values left, or bottom when vertical), for checks that
 * want to bake the key into a picture. Reports draw the key as vector from the figure's
 * `colorBar` instead (layoutColorBar), with its min, max and label.
 */
export function colorBarImage(palette: ColorMap | string, width = 256, height = 16, orientation: 'horizontal' | 'vertical' = 'horizontal'): RasterImage {
  const map = typeof palette === 'string' ? colorMapByName(palette) : palette;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = orientation === 'horizontal' ? (width === 1 ? 0 : x / (width - 1)) : height === 1 ? 0 : (height - 1 - y) / (height - 1);
      data.set(colorAt(map, t), (y * width + x) * 3);
    }
  }
  return { width, height, channels: 3, data };
}
