import type { BinaryMask, Volume, VoxelArray } from '../volume/index.js';
import { type Connectivity, neighbourOffsets } from './neighbourOffsets.js';

/**
 * Binary dilation with Xmipp's semantics (`transform_morphology --binaryOperation dilation
 * --size passes --neigh3D Neigh18 --count 0`, vrs-spec §3.2, algorithms §2.2):
 * each pass, a 0-voxel becomes 1 when at least one of its neighbours (18 by default: faces and
 * edges, a cuboctahedral step, not a Euclidean ball) was 1 before the pass. The outermost one-voxel
 * layer of the box is never written: it is 0 in the output even where the input had 1 (input
 * voxels there still grow their inner neighbours in the first pass). Zero passes copy the input.
 *
 * Runs on the growing front only (each pass scatters from the voxels the previous pass added), so
 * the cost follows the mask surface, not the box. Returns a new mask; the input is unchanged.
 */
export function dilate(mask: Volume<VoxelArray>, passes: number, neighbourhood: Connectivity = 18): BinaryMask {
  if (!Number.isInteger(passes) || passes < 0) throw new RangeError(`dilation passes must be a non-negative integer, got ${passes}`);
  const [nx, ny, nz] = mask.dims;
  const src = mask.data;
  const n = src.length;
  const out = new Uint8Array(n);
  if (passes === 0) {
    for (let i = 0; i < n; i++) out[i] = src[i] !== 0 ? 1 : 0;
    return mask.withData(out);
  }
  if (nx < 3 || ny < 3 || nz < 3) return mask.withData(out); // no inner voxel to write

  const offsets = neighbourOffsets(neighbourhood);
  const m = offsets.length;
  const odx = Int32Array.from(offsets, (o) => o[0]);
  const ody = Int32Array.from(offsets, (o) => o[1]);
  const odz = Int32Array.from(offsets, (o) => o[2]);
  const off = Int32Array.from(offsets, ([dx, dy, dz]) => (dz * ny + dy) * nx + dx);

  // The output starts as the input's inner part. Pass-1 sources are the input voxels with a face
  // neighbour that is 0 or outside the box: any 0-voxel q next to a set voxel p is also next to
  // such a surface voxel (walk from p to q one face step at a time; the last set voxel before the
  // first 0 on that walk has a 0 face neighbour and q within its neighbourhood), so solid interiors
  // need not scatter.
  let front = new Int32Array(1024);
  let frontLength = 0;
  const sxy = nx * ny;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const row = (z * ny + y) * nx;
      const innerYZ = z > 0 && z < nz - 1 && y > 0 && y < ny - 1;
      for (let x = 0; x < nx; x++) {
        const i = row + x;
        if (src[i] === 0) continue;
        const inner = innerYZ && x > 0 && x < nx - 1;
        if (inner) {
          out[i] = 1;
          if (src[i - 1] !== 0 && src[i + 1] !== 0 && src[i - nx] !== 0 && src[i + nx] !== 0 && src[i - sxy] !== 0 && src[i + sxy] !== 0) {
            continue;
          }
        }
        if (frontLength === front.length) front = grow(front);
        front[frontLength++] = i;
      }
    }
  }

  let added = new Int32Array(1024);
  for (let pass = 0; pass < passes && frontLength > 0; pass++) {
    let addedLength = 0;
    for (let f = 0; f < frontLength; f++) {
      const i = front[f]!;
      const x = i % nx;
      const t = (i - x) / nx;
      const y = t % ny;
      const z = (t - y) / ny;
      // Neighbours of a voxel two or more layers from the edge are all inner: no per-neighbour test.
      const deep = x > 1 && x < nx - 2 && y > 1 && y < ny - 2 && z > 1 && z < nz - 2;
      for (let k = 0; k < m; k++) {
        if (!deep) {
          const xx = x + odx[k]!;
          const yy = y + ody[k]!;
          const zz = z + odz[k]!;
          if (xx < 1 || xx > nx - 2 || yy < 1 || yy > ny - 2 || zz < 1 || zz > nz - 2) continue;
        }
        const j = i + off[k]!;
        if (out[j] === 0) {
          out[j] = 1;
          if (addedLength === added.length) added = grow(added);
          added[addedLength++] = j;
        }
      }
    }
    [front, added] = [added, front];
    frontLength = addedLength;
  }
  return mask.withData(out);
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
