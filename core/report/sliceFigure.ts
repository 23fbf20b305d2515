import { centralSliceIndex, maxVarianceSliceIndices, orthogonalSlice, projection, type Axis } from '../kernels/index.js';
import { encodePng, enlargeImage, sliceImage } from '../render/index.js';
import type { Vec3, Volume, VoxelArray } from '../volume/index.js';
import type { SectionFigure } from './SectionResult.js';

/** A section figure and the PNG files its panels name (to hand to the section output's `files`). */
export interface FigureWithFiles {
  figure: SectionFigure;
  files: Record<string, Uint8Array>;
}

export interface SliceFigureOptions {
  /** Figure id; also the prefix of the file names (`<id>_x.png`, …). */
  id: string;
  caption: string;
  /** Central slices (index ⌊n/2⌋), slices of maximum variance, or projections (sums along the axis). */
  kind: 'central' | 'maxVariance' | 'projection';
  /** Small maps are enlarged (nearest neighbour) until the longer side has at least this many pixels; default 256. */
  minSide?: number;
}

const AXES: readonly Axis[] = ['x', 'y', 'z'];

/**
 * The original service's three-panel figure of a map (vrs-spec §4.8): X, Y and Z slices (central or
 * of maximum variance) or projections, drawn as it draws them (min → black, max → white, rows
 * flipped, the Y panel turned −90°), with the slice index in each panel's caption ("X slice 92").
 * Works on float maps and on binary masks.
 */
export function sliceFigure(volume: Volume<VoxelArray>, opts: SliceFigureOptions): FigureWithFiles & { indices: Vec3 | null } {
  const indices: Vec3 | null =
    opts.kind === 'central' ? centralSliceIndex(volume.dims) : opts.kind === 'maxVariance' ? maxVarianceSliceIndices(volume) : null;
  const files: Record<string, Uint8Array> = {};
  const panels = AXES.map((axis, k) => {
    const plane = indices ? orthogonalSlice(volume, axis, indices[k]!) : projection(volume, axis);
    const image = enlargeImage(sliceImage(plane.data, plane.width, plane.height, axis), opts.minSide ?? 256);
    const file = `${opts.id}_${axis}.png`;
    files[file] = encodePng(image);
    const name = axis.toUpperCase();
    return { file, caption: indices ? `${name} slice ${indices[k]}` : `${name} projection`, width: image.width, height: image.height };
  });
  return { figure: { id: opts.id, caption: opts.caption, panels }, files, indices };
}
