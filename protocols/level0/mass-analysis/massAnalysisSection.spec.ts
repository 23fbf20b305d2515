import { describe, expect, it } from 'vitest';
import { gaussianBlob, hardMask, Volume, type Vec3 } from '../../../core/index.js';
import { massAnalysisSection } from './massAnalysisSection.js';

const n = 64;
const ts = 1.5;
const sigma = 4;
// A blob thresholded at 0.1 reaches r² ≤ 2σ²·ln 10 = 73.7 voxels², i.e. 8 voxels along an axis;
// ⌈2/1.5⌉ = 2 dilation passes (18-neighbourhood) add 2 voxels along the axes: extent centre ± 10.
const reach = 8 + 2;

function blobAt(centre: Vec3): { map: Volume; mask: ReturnType<typeof hardMask>['mask'] } {
  const map = gaussianBlob([n, n, n], centre, sigma, { voxelSize: [ts, ts, ts] });
  return { map, mask: hardMask(map, 0.1).mask };
}

describe('0.a mass analysis', () => {
  it('a Gaussian blob at the box centre (voxel n/2): equal free space, no decentering, COM at the centre → OK', () => {
    const { map, mask } = blobAt([32, 32, 32]);
    const section = massAnalysisSection(map, mask);
    const space = ts * (32 - reach); // left: first index 22; right: n − last = 64 − 42
    expect(section.metrics['leftSpaceA']).toEqual([space, space, space]);
    expect(section.metrics['rightSpaceA']).toEqual([space, space, space]);
    expect(section.metrics['decenteringPercent']).toEqual([0, 0, 0]);
    (section.metrics['centerOfMassVoxels'] as number[]).forEach((c) => expect(c).toBeCloseTo(32, 6));
    (section.metrics['centerOfMassDecenteringPercent'] as number[]).forEach((d) => expect(d).toBeLessThan(1e-6));
    expect(section.status).toBe('ok');
    expect(section.warnings).toEqual([]);
    expect(section.abstract).toBe('The map seems to be well centred.');
    expect(section.results?.[0]).toBe('The space from the left and right in X is 33.00 and 33.00 Å; the decentering ratio |right − left| / size is 0.00 %.');
  });

  it('a shifted blob: the known shift in free space, decentering and centre of mass', () => {
    const shift: Vec3 = [6, -4, 10];
    const { map, mask } = blobAt([32 + shift[0], 32 + shift[1], 32 + shift[2]]);
    const section = massAnalysisSection(map, mask);
    const left = shift.map((s) => ts * (32 + s - reach));
    const right = shift.map((s) => ts * (n - (32 + s + reach)));
    expect(section.metrics['leftSpaceA']).toEqual(left);
    expect(section.metrics['rightSpaceA']).toEqual(right);
    // |right − left| = 2·Ts·|shift|, over the box Ts·n
    (section.metrics['decenteringPercent'] as number[]).forEach((d, k) => expect(d).toBeCloseTo(((2 * Math.abs(shift[k]!)) / n) * 100, 10));
    (section.metrics['centerOfMassVoxels'] as number[]).forEach((c, k) => expect(c).toBeCloseTo(32 + shift[k]!, 6));
    (section.metrics['centerOfMassDecenteringPercent'] as number[]).forEach((d, k) => expect(d).toBeCloseTo((Math.abs(shift[k]!) / n) * 100, 5));
    // z: decentering 31.25 % > 20 %; right space 1.5·(64 − 52) = 18 Å < 20 Å; COM shift 15.6 % < 20 %
    expect(section.warnings).toEqual([
      'The volume might be significantly decentred in Z (decentering 31.25 % > 20 %).',
      'There is little space on the Z right to correct the CTF (18.00 Å < 20 Å).',
    ]);
    expect(section.status).toBe('warnings');
    // the centre in Å adds the origin (0) to index × voxel size
    (section.metrics['centerOfMassA'] as number[]).forEach((c, k) => expect(c).toBeCloseTo(ts * (32 + shift[k]!), 5));
  });

  it('corrected COM ignores a negative background that cancels the mass; original mode reproduces the explosion (B1)', () => {
    const { map, mask } = blobAt([32, 32, 32]);
    let sum = 0;
    for (let i = 0; i < map.size; i++) sum += map.data[i]!;
    // a uniform negative background whose total cancels all but 1e-4 of the blob's mass
    const offset = (-sum * (1 - 1e-4)) / map.size;
    for (let i = 0; i < map.size; i++) map.data[i]! += offset;
    const corrected = massAnalysisSection(map, mask);
    expect(corrected.status).toBe('ok');
    (corrected.metrics['centerOfMassVoxels'] as number[]).forEach((c) => expect(c).toBeCloseTo(32, 4));
    const original = massAnalysisSection(map, mask, { compatibility: 'original' });
    // raw densities: Σv ≈ 1e-4·Σblob while Σv·x keeps the background's n/2-centred moment: the COM runs off
    (original.metrics['centerOfMassVoxels'] as number[]).forEach((c) => expect(Math.abs(c)).toBeGreaterThan(100));
    expect(original.warnings.filter((w) => w.startsWith('The centre of mass'))).toHaveLength(3);
  });

  it('an empty mask gives the single "threshold too high" warning', () => {
    const map = gaussianBlob([16, 16, 16], [8, 8, 8], 2);
    const section = massAnalysisSection(map, hardMask(map, 5).mask);
    expect(section.status).toBe('warnings');
    expect(section.warnings).toEqual(['The mask with hard borders is empty: the threshold seems too high, try lowering it.']);
  });

  it('anisotropic voxels: free space per axis in Å', () => {
    const map = gaussianBlob([40, 30, 20], [20, 15, 10], 2, { voxelSize: [0.5, 0.8, 1.2] });
    const { mask } = hardMask(map, 0.5);
    const extent = { first: [0, 0, 0], last: [0, 0, 0] };
    // brute force: first and last plane with a mask voxel, per axis
    for (let axis = 0; axis < 3; axis++) {
      const size = map.dims[axis]!;
      const planes: number[] = [];
      for (let k = 0; k < size; k++) {
        let any = false;
        for (let z = 0; z < 20 && !any; z++) for (let y = 0; y < 30 && !any; y++) for (let x = 0; x < 40 && !any; x++) if ([x, y, z][axis] === k && mask.get(x, y, z)) any = true;
        if (any) planes.push(k);
      }
      extent.first[axis] = planes[0]!;
      extent.last[axis] = planes[planes.length - 1]!;
    }
    const section = massAnalysisSection(map, mask);
    expect(section.metrics['leftSpaceA']).toEqual(extent.first.map((f, k) => f * map.voxelSize[k]!));
    expect(section.metrics['rightSpaceA']).toEqual(extent.last.map((l, k) => (map.dims[k]! - l) * map.voxelSize[k]!));
  });
});
