import type { Volume, VoxelArray } from '../volume/index.js';
import { colorMapByName, colorMapTable, parseHexColor, type ColorMap } from './colorMaps.js';
import { downsampleGrid } from './downsampleGrid.js';
import { rasterizeMesh } from './rasterizeMesh.js';
import { createRasterImage, type RasterImage } from './RasterImage.js';
import { sampleTrilinear } from './sampleTrilinear.js';
import { surfaceNets, type ScalarGrid } from './surfaceNets.js';
import { triangleCount } from './TriangleMesh.js';
import { STANDARD_VIEW_ANGLES, turnRotation } from './turnRotation.js';

export const DEFAULT_SURFACE_COLOR = '#4e9a06';
/**
 * Where a coloured surface has no measurement: a neutral mid grey, in none of the palettes
 * (jet runs through saturated colours only) and distinct from the white background.
 */
export const UNMEASURED_COLOR = '#9a9a9a';

export interface IsosurfaceViewOptions {
  /** Contour level; the surface encloses `value >= threshold`. */
  threshold: number;
  /** x, y, z turns in degrees per view (turnRotation); default the original's three views. */
  views?: readonly (readonly [number, number, number])[];
  /** Pixels per view; default 480×480. */
  width?: number;
  height?: number;
  /** Surface colour when not coloured by a second volume; default #4e9a06. */
  surfaceColor?: string;
  /** Colour the surface by a second volume sampled (trilinearly, in Å coordinates) at its vertices. */
  colorBy?: {
    volume: Volume<VoxelArray>;
    /** Values mapped to the palette ends; default p2.5 and p97.5 of the values on the surface. */
    range?: [number, number];
    /** Palette; default jet. */
    palette?: ColorMap | string;
    /** Treat 0 as "no value" (maps that are 0 outside their mask); default true. */
    skipZeros?: boolean;
    /**
     * Per voxel of `volume`: 1 where the method measured nothing, 0 where it measured, anything
     * else (NaN) where the question does not arise (outside its mask). A vertex whose nearest
     * marked voxels are mostly unmeasured (trilinear weight > 0.5) is drawn in `unmeasuredColor`;
     * the others take the colour of the measured voxels around them, unmeasured ones left out,
     * so the fill value a method puts there never reads as a measurement.
     */
    unmeasured?: ArrayLike<number>;
    /** Default UNMEASURED_COLOR; also used for vertices with no value at all. */
    unmeasuredColor?: string;
  };
  /**
   * Grids larger than this along any axis are block-averaged by the smallest integer factor that
   * brings them under it before the surface is built (default 240, which keeps a 220³ map whole).
   */
  maxGridSize?: number;
  /** Anti-aliasing factor (default 2). */
  supersample?: number;
}

export interface IsosurfaceViews {
  /** One RGB image per view, in the order of `angles`. */
  images: RasterImage[];
  angles: [number, number, number][];
  /** True when no voxel reaches the threshold (or all do): the images are blank. */
  empty: boolean;
  triangleCount: number;
  /** Block-averaging factor used for display (1 = the full grid). */
  gridStep: number;
  /** Palette range used for a coloured surface. */
  colorRange?: [number, number];
  /** Surface vertices drawn in the unmeasured colour (marked unmeasured, or with no value). */
  unmeasuredVertices: number;
  paletteName?: string;
}

/**
 * Isosurface pictures of a map from fixed orientations, made in-process: surface nets at the
 * threshold, then a shaded z-buffer rendering per view (rasterizeMesh). With `colorBy`, vertices
 * take the colour of a second volume (local resolution, local B-factor, occupancy, …).
 */
export function renderIsosurfaceViews(volume: Volume<VoxelArray>, options: IsosurfaceViewOptions): IsosurfaceViews {
  const width = options.width ?? 480;
  const height = options.height ?? 480;
  const angles = (options.views ?? STANDARD_VIEW_ANGLES).map((a) => [a[0], a[1], a[2]] as [number, number, number]);
  const fullGrid: ScalarGrid = {
    data: volume.data,
    dims: [...volume.dims],
    spacing: [...volume.voxelSize],
    origin: [...volume.origin],
  };
  const maxGridSize = options.maxGridSize ?? 240;
  const gridStep = Math.max(1, Math.ceil(Math.max(...volume.dims) / maxGridSize));
  const grid = downsampleGrid(fullGrid, gridStep);
  const mesh = surfaceNets(grid, options.threshold);
  const triangles = triangleCount(mesh);
  if (triangles === 0) {
    return { images: angles.map(() => createRasterImage(width, height, 3, 255)), angles, empty: true, triangleCount: 0, gridStep, unmeasuredVertices: 0 };
  }

  let vertexValues: Float32Array | undefined;
  let colorTable: Uint8Array | undefined;
  let colorRange: [number, number] | undefined;
  let paletteName: string | undefined;
  let unmeasuredVertices = 0;
  if (options.colorBy) {
    const source = options.colorBy.volume;
    const marks = options.colorBy.unmeasured;
    if (marks !== undefined && marks.length !== source.data.length) {
      throw new RangeError(`renderIsosurfaceViews: ${marks.length} unmeasured marks for a colour volume of ${source.data.length} voxels`);
    }
    // Unmeasured voxels carry no colour value: NaN, which sampleTrilinear leaves out.
    const colorData = marks === undefined ? source.data : Float32Array.from(source.data, (v, i) => (marks[i] === 1 ? NaN : v));
    const colorGrid: ScalarGrid = { data: colorData, dims: [...source.dims], spacing: [...source.voxelSize], origin: [...source.origin] };
    const markGrid: ScalarGrid | undefined = marks === undefined ? undefined : { ...colorGrid, data: marks };
    const skipZeros = options.colorBy.skipZeros ?? true;
    const n = mesh.positions.length / 3;
    const raw = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const x = mesh.positions[3 * i]!;
      const y = mesh.positions[3 * i + 1]!;
      const z = mesh.positions[3 * i + 2]!;
      // Marks other than 0 and 1 are "not applicable" and are skipped like non-finite values.
      if (markGrid !== undefined && sampleTrilinear(markGrid, x, y, z) > 0.5) raw[i] = NaN;
      else raw[i] = sampleTrilinear(colorGrid, x, y, z, skipZeros);
    }
    colorRange = options.colorBy.range ?? percentileRange(raw, 2.5, 97.5);
    const [low, high] = colorRange;
    const span = high - low;
    vertexValues = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const v = raw[i]!;
      if (!Number.isFinite(v)) unmeasuredVertices++;
      vertexValues[i] = Number.isFinite(v) ? (span > 0 ? Math.min(1, Math.max(0, (v - low) / span)) : 0.5) : NaN;
    }
    const palette = typeof options.colorBy.palette === 'object' ? options.colorBy.palette : colorMapByName(options.colorBy.palette ?? 'jet');
    paletteName = palette.name;
    colorTable = colorMapTable(palette, 256);
  }

  const color = parseHexColor(options.surfaceColor ?? DEFAULT_SURFACE_COLOR);
  const noValueColor = options.colorBy ? parseHexColor(options.colorBy.unmeasuredColor ?? UNMEASURED_COLOR) : undefined;
  const images = angles.map((a) =>
    rasterizeMesh(mesh, { width, height, rotation: turnRotation(a), color, vertexValues, colorTable, noValueColor, supersample: options.supersample }),
  );
  return { images, angles, empty: false, triangleCount: triangles, gridStep, colorRange, paletteName, unmeasuredVertices };
}

/** numpy-style ("linear") percentiles of the finite values; [NaN, NaN] when there are none. */
function percentileRange(values: Float32Array, lowPercent: number, highPercent: number): [number, number] {
  const finite = Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
  if (finite.length === 0) return [NaN, NaN];
  const at = (q: number) => {
    const position = ((finite.length - 1) * q) / 100;
    const i = Math.floor(position);
    const f = position - i;
    return i + 1 < finite.length ? finite[i]! + (finite[i + 1]! - finite[i]!) * f : finite[i]!;
  };
  return [at(lowPercent), at(highPercent)];
}
