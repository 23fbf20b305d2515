import type { RasterImage } from './RasterImage.js';
import type { Matrix3 } from './turnRotation.js';
import type { TriangleMesh } from './TriangleMesh.js';

export interface RasterizeOptions {
  width: number;
  height: number;
  /** Model rotation (see turnRotation). */
  rotation: Matrix3;
  /** Base colour of the surface, 0…255. */
  color: [number, number, number];
  /**
   * Per-vertex colour index in [0, 1] into `colorTable` (NaN = no value: drawn light grey).
   * When absent the whole surface has `color`.
   */
  vertexValues?: Float32Array;
  /** RGB lookup table (n × 3 bytes) for `vertexValues`. */
  colorTable?: Uint8Array;
  /** Colour of pixels whose vertex value is NaN (no value, or not measured); default light grey. */
  noValueColor?: [number, number, number];
  /** Fraction of the image left free around the object ("view all" framing). */
  margin?: number;
  /** Render at this many times the resolution and average down (anti-aliasing). */
  supersample?: number;
  background?: [number, number, number];
}

// Light from the upper left, in front of the object (screen coordinates, z towards the viewer).
const LIGHT = normalize([-0.35, 0.45, 0.82]);
const HALF_VECTOR = normalize([LIGHT[0], LIGHT[1], LIGHT[2] + 1]);
const AMBIENT = 0.28;
const DIFFUSE = 0.72;
const SPECULAR = 0.22;
const SHININESS = 24;
const NO_VALUE_GREY: [number, number, number] = [200, 200, 200];

/**
 * Renders a mesh with an orthographic camera looking down −z after rotating it, framed so the
 * projected surface fills the image ("view all"), with a z-buffer and per-pixel Blinn–Phong
 * shading of the interpolated vertex normals (two-sided, so open surfaces look right), plus mild
 * depth cueing. Returns an RGB image on a white background.
 */
export function rasterizeMesh(mesh: TriangleMesh, options: RasterizeOptions): RasterImage {
  const ss = Math.max(1, Math.round(options.supersample ?? 2));
  const W = options.width * ss;
  const H = options.height * ss;
  const background = options.background ?? [255, 255, 255];
  const { positions, normals, indices } = mesh;
  const nVertices = positions.length / 3;
  const r = options.rotation;

  // Rotate every vertex once; screen coordinates follow after framing.
  const sx = new Float32Array(nVertices);
  const sy = new Float32Array(nVertices);
  const sz = new Float32Array(nVertices);
  const nx = new Float32Array(nVertices);
  const ny = new Float32Array(nVertices);
  const nz = new Float32Array(nVertices);
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  let minZ = Infinity;
  let maxZ = -Infinity;
  for (let i = 0; i < nVertices; i++) {
    const px = positions[3 * i]!;
    const py = positions[3 * i + 1]!;
    const pz = positions[3 * i + 2]!;
    const x = r[0] * px + r[1] * py + r[2] * pz;
    const y = r[3] * px + r[4] * py + r[5] * pz;
    const z = r[6] * px + r[7] * py + r[8] * pz;
    sx[i] = x;
    sy[i] = y;
    sz[i] = z;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    if (z < minZ) minZ = z;
    if (z > maxZ) maxZ = z;
    const qx = normals[3 * i]!;
    const qy = normals[3 * i + 1]!;
    const qz = normals[3 * i + 2]!;
    nx[i] = r[0] * qx + r[1] * qy + r[2] * qz;
    ny[i] = r[3] * qx + r[4] * qy + r[5] * qz;
    nz[i] = r[6] * qx + r[7] * qy + r[8] * qz;
  }
  const margin = options.margin ?? 0.06;
  const spanX = Math.max(maxX - minX, 1e-6);
  const spanY = Math.max(maxY - minY, 1e-6);
  const scale = Math.min((W * (1 - 2 * margin)) / spanX, (H * (1 - 2 * margin)) / spanY);
  const centreX = (minX + maxX) / 2;
  const centreY = (minY + maxY) / 2;
  for (let i = 0; i < nVertices; i++) {
    sx[i] = W / 2 + (sx[i]! - centreX) * scale;
    sy[i] = H / 2 - (sy[i]! - centreY) * scale; // screen y grows downwards
  }

  const depth = new Float32Array(W * H).fill(-Infinity);
  const pixelNormal = new Float32Array(3 * W * H);
  const pixelValue = options.vertexValues ? new Float32Array(W * H) : undefined;
  const values = options.vertexValues;

  for (let t = 0; t < indices.length; t += 3) {
    const a = indices[t]!;
    const b = indices[t + 1]!;
    const c = indices[t + 2]!;
    const ax = sx[a]!, ay = sy[a]!, bx = sx[b]!, by = sy[b]!, cx = sx[c]!, cy = sy[c]!;
    const area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    if (area === 0 || !Number.isFinite(area)) continue;
    const inv = 1 / area;
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx, cx)));
    const x1 = Math.min(W - 1, Math.ceil(Math.max(ax, bx, cx)));
    const y0 = Math.max(0, Math.floor(Math.min(ay, by, cy)));
    const y1 = Math.min(H - 1, Math.ceil(Math.max(ay, by, cy)));
    const az = sz[a]!, bz = sz[b]!, cz = sz[c]!;
    for (let y = y0; y <= y1; y++) {
      const py = y + 0.5;
      for (let x = x0; x <= x1; x++) {
        const px = x + 0.5;
        // Barycentric weights; inclusive edges so neighbouring triangles leave no pinholes.
        const wa = ((bx - px) * (cy - py) - (by - py) * (cx - px)) * inv;
        const wb = ((cx - px) * (ay - py) - (cy - py) * (ax - px)) * inv;
        const wc = 1 - wa - wb;
        if (wa < 0 || wb < 0 || wc < 0) continue;
        const z = wa * az + wb * bz + wc * cz;
        const p = y * W + x;
        if (z <= depth[p]!) continue;
        depth[p] = z;
        pixelNormal[3 * p] = wa * nx[a]! + wb * nx[b]! + wc * nx[c]!;
        pixelNormal[3 * p + 1] = wa * ny[a]! + wb * ny[b]! + wc * ny[c]!;
        pixelNormal[3 * p + 2] = wa * nz[a]! + wb * nz[b]! + wc * nz[c]!;
        if (pixelValue && values) pixelValue[p] = wa * values[a]! + wb * values[b]! + wc * values[c]!;
      }
    }
  }

  // Shade, then average ss×ss blocks.
  const out = new Uint8Array(options.width * options.height * 3);
  const accumulator = new Float64Array(options.width * options.height * 3);
  const table = options.colorTable;
  const tableSize = table ? table.length / 3 : 0;
  const depthSpan = Math.max(maxZ - minZ, 1e-6);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const p = y * W + x;
      let red = background[0];
      let green = background[1];
      let blue = background[2];
      const z = depth[p]!;
      if (z !== -Infinity) {
        let qx = pixelNormal[3 * p]!;
        let qy = pixelNormal[3 * p + 1]!;
        let qz = pixelNormal[3 * p + 2]!;
        const length = Math.hypot(qx, qy, qz) || 1;
        qx /= length;
        qy /= length;
        qz /= length;
        if (qz < 0) {
          // Two-sided lighting: a back face seen through an opening is lit like a front face.
          qx = -qx;
          qy = -qy;
          qz = -qz;
        }
        const diffuse = Math.max(0, qx * LIGHT[0] + qy * LIGHT[1] + qz * LIGHT[2]);
        const specular = Math.max(0, qx * HALF_VECTOR[0] + qy * HALF_VECTOR[1] + qz * HALF_VECTOR[2]) ** SHININESS;
        // Far parts slightly darker: gives depth without a perspective camera.
        const cue = 0.78 + (0.22 * (z - minZ)) / depthSpan;
        const light = (AMBIENT + DIFFUSE * diffuse) * cue;
        let base = options.color;
        if (pixelValue && table) {
          const v = pixelValue[p]!;
          if (Number.isFinite(v)) {
            const k = 3 * Math.min(tableSize - 1, Math.max(0, Math.round(v * (tableSize - 1))));
            base = [table[k]!, table[k + 1]!, table[k + 2]!];
          } else base = options.noValueColor ?? NO_VALUE_GREY;
        }
        const shine = 255 * SPECULAR * specular;
        red = Math.min(255, base[0] * light + shine);
        green = Math.min(255, base[1] * light + shine);
        blue = Math.min(255, base[2] * light + shine);
      }
      const q = (Math.floor(y / ss) * options.width + Math.floor(x / ss)) * 3;
      accumulator[q] = accumulator[q]! + red;
      accumulator[q + 1] = accumulator[q + 1]! + green;
      accumulator[q + 2] = accumulator[q + 2]! + blue;
    }
  }
  const samples = ss * ss;
  for (let i = 0; i < out.length; i++) out[i] = Math.round(accumulator[i]! / samples);
  return { width: options.width, height: options.height, channels: 3, data: out };
}

function normalize(v: [number, number, number]): [number, number, number] {
  const l = Math.hypot(...v);
  return [v[0] / l, v[1] / l, v[2] / l];
}
