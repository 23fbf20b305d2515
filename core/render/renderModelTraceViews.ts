import type { Volume, VoxelArray } from '../volume/index.js';
import { parseHexColor } from './colorMaps.js';
import { downsampleGrid } from './downsampleGrid.js';
import { rasterizeMesh } from './rasterizeMesh.js';
import type { RasterImage } from './RasterImage.js';
import { surfaceNets, type ScalarGrid } from './surfaceNets.js';
import { triangleCount, type TriangleMesh } from './TriangleMesh.js';
import { STANDARD_VIEW_ANGLES, turnRotation, type Matrix3 } from './turnRotation.js';

/** One connected piece of a backbone trace: points (x, y, z in Å, consecutive triples) and its colour. */
export interface TracePolyline {
  points: Float64Array;
  color: [number, number, number];
}

export interface ModelTraceViewOptions {
  /** Contour of the map's surface drawn under the trace (needed when a volume is given). */
  threshold?: number;
  /** x, y, z turns in degrees per view; default the three standard views of the isosurface figures. */
  views?: readonly (readonly [number, number, number])[];
  width?: number;
  height?: number;
  /** Colour of the surface before it is lightened; default a neutral grey that no chain colour resembles. */
  surfaceColor?: string;
  /** How far the surface is pulled towards white (0 = as shaded, 1 = invisible); default 0.5. */
  surfaceFade?: number;
  /** Trace line width in pixels of the final image; default 3. */
  lineWidth?: number;
  /** Same meaning as in renderIsosurfaceViews (default 240). */
  maxGridSize?: number;
  supersample?: number;
}

export interface ModelTraceViews {
  images: RasterImage[];
  angles: [number, number, number][];
  /** True when there is no surface to draw (no volume, or no voxel reaches the threshold). */
  surfaceEmpty: boolean;
  gridStep: number;
}

// rasterizeMesh's default, passed explicitly so that our framing and its framing cannot drift apart.
const MARGIN = 0.06;
const DEFAULT_SURFACE = '#9c9c9c';
/** Depth (Å) of the slabs in which trace sticks are drawn together. */
const SLAB_DEPTH = 3.8;

/**
 * A backbone trace drawn over a map's isosurface, seen from the same orientations (turnRotation)
 * and with the same orthographic "view all" framing as renderIsosurfaceViews, so each atom lands
 * on the surface pixel that lies in front of it. The framing covers the surface and the trace
 * together (a trace sticking out of the map stays in the picture). The surface is shaded as in
 * the isosurface views, then lightened so the trace stays readable on top of it; trace segments
 * are drawn far to near with a dark rim and a mild depth cue. Without a volume, the trace alone.
 */
export function renderModelTraceViews(volume: Volume<VoxelArray> | undefined, polylines: readonly TracePolyline[], options: ModelTraceViewOptions = {}): ModelTraceViews {
  const width = options.width ?? 480;
  const height = options.height ?? 480;
  const ss = Math.max(1, Math.round(options.supersample ?? 2));
  const angles = (options.views ?? STANDARD_VIEW_ANGLES).map((a) => [a[0], a[1], a[2]] as [number, number, number]);
  let mesh: TriangleMesh = { positions: new Float32Array(0), normals: new Float32Array(0), indices: new Uint32Array(0) };
  let gridStep = 1;
  if (volume) {
    if (options.threshold === undefined) throw new RangeError('renderModelTraceViews: a threshold is needed to draw the surface');
    const fullGrid: ScalarGrid = { data: volume.data, dims: [...volume.dims], spacing: [...volume.voxelSize], origin: [...volume.origin] };
    gridStep = Math.max(1, Math.ceil(Math.max(...volume.dims) / (options.maxGridSize ?? 240)));
    mesh = surfaceNets(downsampleGrid(fullGrid, gridStep), options.threshold);
  }
  const surfaceEmpty = triangleCount(mesh) === 0;
  const tracePoints = polylines.reduce((n, p) => n + p.points.length, 0);
  // Trace points join the mesh as vertices no triangle uses: rasterizeMesh frames on every vertex.
  const positions = new Float32Array(mesh.positions.length + tracePoints);
  positions.set(mesh.positions);
  let offset = mesh.positions.length;
  for (const p of polylines) {
    positions.set(p.points, offset);
    offset += p.points.length;
  }
  const normals = new Float32Array(positions.length);
  normals.set(mesh.normals);
  const framedMesh: TriangleMesh = { positions, normals, indices: mesh.indices };
  const color = parseHexColor(options.surfaceColor ?? DEFAULT_SURFACE);
  const fade = Math.min(1, Math.max(0, options.surfaceFade ?? 0.5));
  const lineWidth = options.lineWidth ?? 3;

  const images = angles.map((a) => {
    const rotation = turnRotation(a);
    const image = rasterizeMesh(framedMesh, { width, height, rotation, color, margin: MARGIN, supersample: ss });
    const data = image.data;
    for (let i = 0; i < data.length; i++) data[i] = Math.round(data[i]! + (255 - data[i]!) * fade);
    if (positions.length > 0) drawTrace(image, polylines, rotation, viewFraming(positions, rotation, width * ss, height * ss, ss), lineWidth);
    return image;
  });
  return { images, angles, surfaceEmpty, gridStep };
}

/** Maps a rotated point (Å) to final-image pixel coordinates, x right and y down. */
interface Framing {
  toPixel: (x: number, y: number) => [number, number];
  minZ: number;
  maxZ: number;
}

/** rasterizeMesh's framing over the same points, brought down to the final (not supersampled) image. */
function viewFraming(positions: Float32Array, r: Matrix3, W: number, H: number, ss: number): Framing {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity, minZ = Infinity, maxZ = -Infinity;
  for (let i = 0; i < positions.length; i += 3) {
    const px = positions[i]!, py = positions[i + 1]!, pz = positions[i + 2]!;
    const x = r[0] * px + r[1] * py + r[2] * pz;
    const y = r[3] * px + r[4] * py + r[5] * pz;
    const z = r[6] * px + r[7] * py + r[8] * pz;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    if (z < minZ) minZ = z;
    if (z > maxZ) maxZ = z;
  }
  const scale = Math.min((W * (1 - 2 * MARGIN)) / Math.max(maxX - minX, 1e-6), (H * (1 - 2 * MARGIN)) / Math.max(maxY - minY, 1e-6));
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return { toPixel: (x, y) => [(W / 2 + (x - cx) * scale) / ss, (H / 2 - (y - cy) * scale) / ss], minZ, maxZ };
}

interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  depth: number;
  color: [number, number, number];
}

function drawTrace(image: RasterImage, polylines: readonly TracePolyline[], r: Matrix3, framing: Framing, lineWidth: number): void {
  const segments: Segment[] = [];
  for (const line of polylines) {
    const p = line.points;
    const n = p.length / 3;
    const screen = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      const x = p[3 * i]!, y = p[3 * i + 1]!, z = p[3 * i + 2]!;
      const [sx, sy] = framing.toPixel(r[0] * x + r[1] * y + r[2] * z, r[3] * x + r[4] * y + r[5] * z);
      screen[3 * i] = sx;
      screen[3 * i + 1] = sy;
      screen[3 * i + 2] = r[6] * x + r[7] * y + r[8] * z;
    }
    // A one-residue piece is drawn as a dot (a segment of length 0).
    if (n === 1) segments.push({ x0: screen[0]!, y0: screen[1]!, x1: screen[0]!, y1: screen[1]!, depth: screen[2]!, color: line.color });
    for (let i = 0; i + 1 < n; i++) {
      segments.push({ x0: screen[3 * i]!, y0: screen[3 * i + 1]!, x1: screen[3 * i + 3]!, y1: screen[3 * i + 4]!, depth: (screen[3 * i + 2]! + screen[3 * i + 5]!) / 2, color: line.color });
    }
  }
  segments.sort((a, b) => a.depth - b.depth);
  const span = Math.max(framing.maxZ - framing.minZ, 1e-6);
  const half = lineWidth / 2;
  const tinted = segments.map((s) => {
    // Far segments are paled a little: depth without perspective, as the surface's depth cue.
    const far = 0.35 * (1 - (s.depth - framing.minZ) / span);
    const tint = [0, 1, 2].map((c) => s.color[c]! + (255 - s.color[c]!) * far) as [number, number, number];
    return { tint, rim: tint.map((v) => v * 0.45) as [number, number, number] };
  });
  // Far to near in slabs about one CA–CA step deep: inside a slab all rims go first, then all fills,
  // so consecutive sticks join without a rim across the joint, while a stick passing in front of
  // another (a different slab) keeps the rim that separates them.
  for (let start = 0; start < segments.length; ) {
    let end = start;
    while (end < segments.length && segments[end]!.depth - segments[start]!.depth < SLAB_DEPTH) end++;
    for (let i = start; i < end; i++) drawCapsule(image, segments[i]!, half + 1, tinted[i]!.rim);
    for (let i = start; i < end; i++) drawCapsule(image, segments[i]!, half, tinted[i]!.tint);
    start = end;
  }
}

/** A thick segment with round ends, anti-aliased by pixel coverage of the distance to the segment. */
function drawCapsule(image: RasterImage, s: Segment, radius: number, rgb: [number, number, number]): void {
  const { width, height, data } = image;
  const x0 = Math.max(0, Math.floor(Math.min(s.x0, s.x1) - radius - 1));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(s.x0, s.x1) + radius + 1));
  const y0 = Math.max(0, Math.floor(Math.min(s.y0, s.y1) - radius - 1));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(s.y0, s.y1) + radius + 1));
  const dx = s.x1 - s.x0;
  const dy = s.y1 - s.y0;
  const length2 = dx * dx + dy * dy;
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5;
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      const t = length2 > 0 ? Math.min(1, Math.max(0, ((px - s.x0) * dx + (py - s.y0) * dy) / length2)) : 0;
      const distance = Math.hypot(px - (s.x0 + t * dx), py - (s.y0 + t * dy));
      const coverage = Math.min(1, Math.max(0, radius + 0.5 - distance));
      if (coverage <= 0) continue;
      const q = (y * width + x) * image.channels;
      for (let c = 0; c < 3; c++) data[q + c] = Math.round(data[q + c]! * (1 - coverage) + rgb[c]! * coverage);
    }
  }
}

const TABLEAU_10: [number, number, number][] = [
  [78, 121, 167],
  [242, 142, 43],
  [225, 87, 89],
  [118, 183, 178],
  [89, 161, 79],
  [237, 201, 72],
  [176, 122, 161],
  [255, 157, 167],
  [156, 117, 95],
  [60, 60, 60],
];

/**
 * Colour of the n-th chain: the ten Tableau colours (a qualitative palette, grey swapped for
 * near-black, which the light surface shows better), then hues a golden angle apart so that even
 * large assemblies get distinct neighbouring colours.
 */
export function chainColor(n: number): [number, number, number] {
  if (n < TABLEAU_10.length) return [...TABLEAU_10[n]!];
  const hue = ((n - TABLEAU_10.length) * 137.508 + 15) % 360;
  const lightness = n % 2 === 0 ? 0.42 : 0.55;
  return hslToRgb(hue, 0.7, lightness);
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (k: number) => {
    const m = (k + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(m - 3, 9 - m, 1))));
  };
  return [f(0), f(8), f(4)];
}
