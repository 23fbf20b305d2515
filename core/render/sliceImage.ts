import { greyImageFromValues } from './greyImageFromValues.js';
import type { RasterImage } from './RasterImage.js';
import { rotateImage } from './rotateImage.js';

/**
 * The picture of an orthogonal slice or projection as the original service draws it
 * (vrs-spec §4.8): values scaled linearly to 0…255 (min black, max white), rows flipped so array
 * row 0 is at the bottom, and the image of the Y axis turned by −90° (clockwise) after the flip.
 *
 * `values` is the 2-D slice row-major as it comes out of the z-major map: X slice `V[:,:,i]`
 * (rows z, columns y), Y slice `V[:,i,:]` (rows z, columns x), Z slice `V[i,:,:]` (rows y, columns x).
 */
export function sliceImage(
  values: ArrayLike<number>,
  width: number,
  height: number,
  axis: 'x' | 'y' | 'z',
  options: { range?: [number, number] } = {},
): RasterImage {
  const image = greyImageFromValues(values, width, height, { flipRows: true, range: options.range });
  return axis === 'y' ? rotateImage(image, -90) : image;
}
