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
  /** Label of the figure's intensity scale; default from the kind of map and figure ("Density", "Mask value", …). */
  valueLabel?: string;
}

const AXES: readonly Axis[] = ['x', 'y', 'z'];

/**
 * The original service's three-panel figure of a map (vrs-spec §4.8): X, Y and Z slices (central or
 * of maximum variance) or projections, drawn as it draws them (min → black, max → white, rows
 * flipped, the Y panel turned −90°), with the slice index in each panel's caption ("X slice 92").
 * Works on float maps and on binary masks.
 *
 * Unlike the original, whose panels are each scaled to their own minimum and maximum, the three
 * panels share one grey mapping (the lowest value of the three planes is black, the highest white),
 * so a grey means the same density in every panel; the figure's grey colour bar states that range.
 */
export function sliceFigure(volume: Volume<VoxelArray>, opts: SliceFigureOptions): FigureWithFiles & { indices: Vec3 | null } {
  const indices: Vec3 | null =
    opts.kind === 'central' ? centralSliceIndex(volume.dims) : opts.kind === 'maxVariance' ? maxVarianceSliceIndices(volume) : null;
  const files: Record<string, Uint8Array> = {};
  const planes = AXES.map((axis, k) => (indices ? orthogonalSlice(volume, axis, indices[k]!) : projection(volume, axis)));
  const range = finiteRange(planes.map((p) => p.data));
  const panels = AXES.map((axis, k) => {
    const plane = planes[k]!;
    const image = enlargeImage(sliceImage(plane.data, plane.width, plane.height, axis, { range }), opts.minSide ?? 256);
    const file = `${opts.id}_${axis}.png`;
    files[file] = encodePng(image);
    const name = axis.toUpperCase();
    return { file, caption: indices ? `${name} slice ${indices[k]}` : `${name} projection`, width: image.width, height: image.height };
  });
  const isMask = volume.data instanceof Uint8Array;
  const label = opts.valueLabel ?? (opts.kind === 'projection' ? (isMask ? 'Mask voxels along the axis' : 'Density summed along the axis') : isMask ? 'Mask value' : 'Density');
  const colorBar = { min: range[0], max: range[1], label, palette: 'greys' };
  return { figure: { id: opts.id, caption: opts.caption, panels, colorBar }, files, indices };
}

/** The lowest and highest finite value over several arrays; [0, 0] when there is none. */
function finiteRange(arrays: ArrayLike<number>[]): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < low) low = v;
      if (v > high) high = v;
    }
  }
  return low <= high ? [low, high] : [0, 0];
}
