import { encodePng, renderIsosurfaceViews, STANDARD_VIEW_ANGLES } from '../render/index.js';
import type { Volume, VoxelArray } from '../volume/index.js';
import { formatPrintf } from './formatPrintf.js';
import type { FigureWithFiles } from './sliceFigure.js';

export interface IsosurfaceFigureOptions {
  /** Figure id; also the prefix of the file names (`<id>_1.png`, …). */
  id: string;
  threshold: number;
  /** Default: the threshold (%f) and the three turn angles, as the original's caption. */
  caption?: string;
  /** Pixels per view; default 480. */
  size?: number;
}

/**
 * Isosurface views of a map at a contour level from the original's three orientations (View 1
 * (0, −90, −90), View 2 (−90, 0, −90), View 3 (0, 0, 0); vrs-spec §4.8), rendered in-process.
 * `empty` is true when no voxel reaches the level (the pictures are then blank).
 */
export function isosurfaceFigure(volume: Volume<VoxelArray>, opts: IsosurfaceFigureOptions): FigureWithFiles & { empty: boolean; gridStep: number } {
  const size = opts.size ?? 480;
  const views = renderIsosurfaceViews(volume, { threshold: opts.threshold, width: size, height: size });
  const files: Record<string, Uint8Array> = {};
  const panels = views.images.map((image, i) => {
    const file = `${opts.id}_${i + 1}.png`;
    files[file] = encodePng(image);
    const [a, b, c] = views.angles[i]!;
    return { file, caption: `View ${i + 1} (${a}, ${b}, ${c})`, width: image.width, height: image.height };
  });
  const angles = STANDARD_VIEW_ANGLES.map(([a, b, c], i) => `View ${i + 1} (${a}, ${b}, ${c})`).join(', ');
  const caption = opts.caption ?? `Isosurface at threshold ${formatPrintf(opts.threshold, '%f')}, seen from the x, y, z turns ${angles}.`;
  return { figure: { id: opts.id, caption, panels }, files, empty: views.empty, gridStep: views.gridStep };
}
