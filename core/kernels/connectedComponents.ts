import type { Volume, VoxelArray } from '../volume/index.js';
import { type Connectivity, neighbourOffsets } from './neighbourOffsets.js';

export interface Components {
  /** Per voxel: 0 for background, else the component label 1..count. */
  labels: Int32Array;
  /** sizes[label] = voxel count; sizes[0] is the number of background voxels. */
  sizes: number[];
  count: number;
}

/**
 * Labels the connected components of the non-zero voxels (scipy.ndimage.label semantics: labels
 * 1..count numbered in order of each component's first voxel in memory order, z-major). 26 is the
 * connectivity of scipy's 3×3×3 structure and, in effect, of Xmipp's region growing (vrs-spec §3.2).
 *
 * Two raster passes with union–find over provisional labels (iterative, no recursion, memory
 * O(voxels) as one Int32Array plus the equivalence table), so 432³ maps are fine.
 */
export function connectedComponents(mask: Volume<VoxelArray>, connectivity: Connectivity = 26): Components {
  const [nx, ny, nz] = mask.dims;
  const src = mask.data;
  const n = src.length;
  const sxy = nx * ny;
  // Neighbours already visited in raster order: those with a smaller linear index.
  const before = neighbourOffsets(connectivity).filter(([dx, dy, dz]) => dz < 0 || (dz === 0 && (dy < 0 || (dy === 0 && dx < 0))));
  const bdx = Int32Array.from(before, (o) => o[0]);
  const bdy = Int32Array.from(before, (o) => o[1]);
  const bdz = Int32Array.from(before, (o) => o[2]);
  const bOff = Int32Array.from(before, ([dx, dy, dz]) => dz * sxy + dy * nx + dx);
  const nb = before.length;
  // With full 26-connectivity every earlier neighbour with dx ≤ 0 is also a neighbour of the voxel
  // at x − 1, so when that one is set only the dx = +1 neighbours can bring a new label.
  const rightIdx = before.map((o, k) => (o[0] === 1 ? k : -1)).filter((k) => k >= 0);
  const rightOnly = connectivity === 26 ? Int32Array.from(rightIdx) : new Int32Array(0);
  const allIdx = Int32Array.from(before, (_, k) => k);

  const labels = new Int32Array(n);
  let parent = new Int32Array(1 << 12);
  let next = 1;

  const find = (l: number): number => {
    while (parent[l] !== l) {
      const g = parent[parent[l]!]!;
      parent[l] = g;
      l = g;
    }
    return l;
  };

  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const row = (z * ny + y) * nx;
      const interiorYZ = y > 0 && y < ny - 1 && z > 0;
      for (let x = 0; x < nx; x++) {
        const i = row + x;
        if (src[i] === 0) continue;
        let root = 0;
        let lastLabel = 0;
        const interior = interiorYZ && x > 0 && x < nx - 1;
        let check = allIdx;
        let nCheck = nb;
        if (connectivity === 26 && x > 0 && labels[i - 1] !== 0) {
          lastLabel = labels[i - 1]!;
          root = find(lastLabel);
          check = rightOnly;
          nCheck = rightOnly.length;
        }
        for (let c = 0; c < nCheck; c++) {
          const k = check[c]!;
          if (!interior) {
            const xx = x + bdx[k]!;
            const yy = y + bdy[k]!;
            const zz = z + bdz[k]!;
            if (xx < 0 || xx >= nx || yy < 0 || yy >= ny || zz < 0) continue;
          }
          const l = labels[i + bOff[k]!]!;
          // Inside a solid region most neighbours carry the same provisional label: skip repeats.
          if (l === 0 || l === lastLabel) continue;
          lastLabel = l;
          const r = find(l);
          if (root === 0) root = r;
          else if (r !== root) {
            // keep the smaller label as root: it appeared first in raster order
            if (r < root) {
              parent[root] = r;
              root = r;
            } else parent[r] = root;
          }
        }
        if (root === 0) {
          if (next >= parent.length) {
            const grown = new Int32Array(parent.length * 2);
            grown.set(parent);
            parent = grown;
          }
          parent[next] = next;
          root = next++;
        }
        labels[i] = root;
      }
    }
  }

  // Final labels in order of first appearance: provisional labels are created in raster order and
  // every root is the smallest provisional label of its set.
  const finalOf = new Int32Array(next);
  let count = 0;
  for (let l = 1; l < next; l++) finalOf[l] = find(l) === l ? ++count : 0;
  for (let l = 1; l < next; l++) if (finalOf[l] === 0) finalOf[l] = finalOf[find(l)]!;
  const sizes = new Array<number>(count + 1).fill(0);
  for (let i = 0; i < n; i++) {
    const l = labels[i]!;
    if (l !== 0) {
      const f = finalOf[l]!;
      labels[i] = f;
      sizes[f]!++;
    } else sizes[0]!++;
  }
  return { labels, sizes, count };
}
