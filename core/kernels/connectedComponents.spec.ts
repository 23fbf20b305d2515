import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../stats/index.js';
import { Volume, type Vec3 } from '../volume/index.js';
import { connectedComponents } from './connectedComponents.js';
import { largestComponent } from './largestComponent.js';
import { neighbourOffsets } from './neighbourOffsets.js';
import { maskWith } from './testing.js';

/** Independent reference: flood fill with an explicit stack, labels in order of first voxel. */
function floodFillLabels(data: Uint8Array, dims: Vec3, conn: 6 | 18 | 26): Int32Array {
  const [nx, ny, nz] = dims;
  const labels = new Int32Array(data.length);
  const offs = neighbourOffsets(conn);
  let next = 0;
  for (let start = 0; start < data.length; start++) {
    if (!data[start] || labels[start]) continue;
    labels[start] = ++next;
    const stack = [start];
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % nx, y = Math.floor(i / nx) % ny, z = Math.floor(i / (nx * ny));
      for (const [dx, dy, dz] of offs) {
        const xx = x + dx, yy = y + dy, zz = z + dz;
        if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) continue;
        const j = (zz * ny + yy) * nx + xx;
        if (data[j] && !labels[j]) {
          labels[j] = next;
          stack.push(j);
        }
      }
    }
  }
  return labels;
}

describe('connectedComponents', () => {
  it('distinguishes face, edge and corner contacts by connectivity', () => {
    const corner = maskWith([4, 4, 4], [[1, 1, 1], [2, 2, 2]]);
    expect(connectedComponents(corner, 26).count).toBe(1);
    expect(connectedComponents(corner, 18).count).toBe(2);
    expect(connectedComponents(corner, 6).count).toBe(2);
    const edge = maskWith([4, 4, 4], [[1, 1, 1], [2, 2, 1]]);
    expect(connectedComponents(edge, 26).count).toBe(1);
    expect(connectedComponents(edge, 18).count).toBe(1);
    expect(connectedComponents(edge, 6).count).toBe(2);
    // corner contact across a z step with negative dx (an offset that only the 26-neighbourhood has)
    const anti = maskWith([4, 4, 4], [[2, 1, 1], [1, 2, 2]]);
    expect(connectedComponents(anti, 26).count).toBe(1);
  });

  it('labels separate cubes with their sizes, in memory order, background in sizes[0]', () => {
    const ones: Vec3[] = [];
    const cube = (x0: number, y0: number, z0: number, s: number) => {
      for (let z = z0; z < z0 + s; z++) for (let y = y0; y < y0 + s; y++) for (let x = x0; x < x0 + s; x++) ones.push([x, y, z]);
    };
    cube(6, 6, 6, 3); // 27 voxels, first voxel at z = 6
    cube(1, 1, 1, 2); // 8 voxels, first voxel at z = 1 → label 1
    cube(0, 8, 3, 1); // 1 voxel at z = 3 → label 2
    const m = maskWith([10, 10, 10], ones);
    const cc = connectedComponents(m);
    expect(cc.count).toBe(3);
    expect(cc.sizes).toEqual([1000 - 36, 8, 1, 27]);
    expect(cc.labels[m.index(7, 7, 7)]).toBe(3);
    expect(cc.labels[m.index(0, 0, 0)]).toBe(0);
    const big = largestComponent(m);
    expect([big.label, big.size, big.componentCount]).toEqual([3, 27, 3]);
    expect(big.mask.data[m.index(1, 1, 1)]).toBe(0);
    expect(big.mask.data[m.index(8, 8, 8)]).toBe(1);
  });

  it('merges branches that only meet later in raster order (U and comb shapes)', () => {
    const ones: Vec3[] = [];
    for (let y = 0; y < 5; y++) for (const x of [0, 2, 4, 6]) ones.push([x, y, 0]); // 4 teeth
    for (let x = 0; x <= 6; x++) ones.push([x, 5, 0]); // joined by the last row
    const cc = connectedComponents(maskWith([7, 6, 1], ones), 6);
    expect(cc.count).toBe(1);
    expect(cc.sizes[1]).toBe(4 * 5 + 7);
  });

  it('agrees with a flood fill on random masks for every connectivity', () => {
    const rnd = new SeededRandom(3);
    for (const dims of [[13, 11, 9], [1, 20, 20], [30, 1, 1]] as Vec3[]) {
      for (const density of [0.2, 0.35, 0.6]) {
        const data = new Uint8Array(dims[0] * dims[1] * dims[2]);
        for (let i = 0; i < data.length; i++) data[i] = rnd.next() < density ? 1 : 0;
        const vol = new Volume(data, { dims, voxelSize: [1, 1, 1], origin: [0, 0, 0] });
        for (const conn of [6, 18, 26] as const) {
          const ref = floodFillLabels(data, dims, conn);
          const cc = connectedComponents(vol, conn);
          expect(Array.from(cc.labels)).toEqual(Array.from(ref));
        }
      }
    }
  });

  it('handles an empty mask and a full box', () => {
    expect(connectedComponents(maskWith([3, 3, 3], [])).count).toBe(0);
    expect(largestComponent(maskWith([3, 3, 3], [])).size).toBe(0);
    const full = new Volume(new Uint8Array(64).fill(1), { dims: [4, 4, 4], voxelSize: [1, 1, 1], origin: [0, 0, 0] });
    expect(connectedComponents(full, 6).sizes).toEqual([0, 64]);
  });
});
