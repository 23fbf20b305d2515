import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../stats/index.js';
import { Volume, type Vec3 } from '../volume/index.js';
import { dilate } from './dilate.js';
import { neighbourOffsets } from './neighbourOffsets.js';
import { countOnes, maskWith } from './testing.js';

/** Independent reference: the plain Xmipp-style gather loop over inner voxels, pass by pass. */
function gatherDilate(data: Uint8Array, dims: Vec3, passes: number, conn: 6 | 18 | 26): Uint8Array {
  const [nx, ny, nz] = dims;
  let cur = data.slice();
  for (let p = 0; p < passes; p++) {
    const out = new Uint8Array(cur.length);
    for (let z = 1; z < nz - 1; z++)
      for (let y = 1; y < ny - 1; y++)
        for (let x = 1; x < nx - 1; x++) {
          const i = (z * ny + y) * nx + x;
          let v = cur[i]! ? 1 : 0;
          for (const [dx, dy, dz] of neighbourOffsets(conn)) if (cur[((z + dz) * ny + y + dy) * nx + x + dx]) v = 1;
          out[i] = v;
        }
    cur = out;
  }
  return cur;
}

describe('dilate (Xmipp semantics)', () => {
  const centre = (n: number) => maskWith([n, n, n], [[(n - 1) / 2, (n - 1) / 2, (n - 1) / 2]]);

  it('grows a single voxel by the counts worked by hand', () => {
    expect(countOnes(dilate(centre(7), 1, 18).data)).toBe(19); // 1 + 6 faces + 12 edges
    expect(countOnes(dilate(centre(7), 1, 6).data)).toBe(7);
    expect(countOnes(dilate(centre(7), 1, 26).data)).toBe(27);
    // Two 18-steps reach {|d|∞ ≤ 2, |d|₁ ≤ 4}: 125 minus 24 of type (2,2,1) and 8 of type (2,2,2) = 93
    expect(countOnes(dilate(centre(7), 2, 18).data)).toBe(93);
    expect(countOnes(dilate(centre(9), 0).data)).toBe(1);
  });

  it('never writes the outer layer of the box', () => {
    // A voxel on the face x = 0 of a 5³ box: it becomes 0 and grows only its 5 inner neighbours
    // with dx = +1, |dy| + |dz| ≤ 1.
    const face = maskWith([5, 5, 5], [[0, 2, 2]]);
    const d = dilate(face, 1);
    expect(d.data[face.index(0, 2, 2)]).toBe(0);
    expect(countOnes(d.data)).toBe(5);
    // A 3³ box with only the border set: the centre fills, the border is cleared.
    const shell: Vec3[] = [];
    for (let z = 0; z < 3; z++) for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) if (x !== 1 || y !== 1 || z !== 1) shell.push([x, y, z]);
    const s = dilate(maskWith([3, 3, 3], shell), 1);
    expect(countOnes(s.data)).toBe(1);
    expect(s.data[13]).toBe(1);
    // growth stops one voxel short of the faces
    const grown = dilate(centre(7), 5, 26);
    expect(countOnes(grown.data)).toBe(125);
  });

  it('agrees with the plain gather loop on random masks', () => {
    const rnd = new SeededRandom(11);
    const dims: Vec3 = [12, 9, 10];
    for (const density of [0.01, 0.05, 0.3]) {
      const data = new Uint8Array(dims[0] * dims[1] * dims[2]);
      for (let i = 0; i < data.length; i++) data[i] = rnd.next() < density ? 1 : 0;
      const vol = new Volume(data, { dims, voxelSize: [1, 1, 1], origin: [0, 0, 0] });
      for (const conn of [6, 18, 26] as const) {
        for (const passes of [1, 2, 3]) {
          expect(Array.from(dilate(vol, passes, conn).data)).toEqual(Array.from(gatherDilate(data, dims, passes, conn)));
        }
      }
      expect(Array.from(vol.data)).toEqual(Array.from(data)); // input untouched
    }
  });

  it('rejects bad pass counts', () => {
    expect(() => dilate(centre(3), -1)).toThrow(RangeError);
    expect(() => dilate(centre(3), 1.5)).toThrow(RangeError);
  });
});
