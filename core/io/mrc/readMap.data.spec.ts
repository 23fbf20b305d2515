import { open } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../volume/index.js';
import { hasSharedData, sharedDataFile } from '../testing/sharedData.js';
import type { MapStatistics } from './MapFile.js';
import { readMap } from './readMap.js';
import { readMapStack } from './readMapStack.js';

/**
 * Expected values come from /work/shared/data/README.md (EMDB header facts) and, where the README is
 * silent (origins of EMDB maps), from N[XYZ]START × voxel size with the header words read by hand.
 */
interface Expected {
  file: string[];
  dims: Vec3;
  voxel: Vec3;
  origin: Vec3;
  header?: MapStatistics;
  /** The README rounds some voxel sizes to 3 digits. */
  voxelTolerance?: number;
}

const level0: Expected[] = [
  { file: ['level0', 'emd_1997.map'], dims: [100, 100, 100], voxel: [2.02, 2.02, 2.02], origin: [-101, -101, -101], header: { min: -2.28869, max: 3.46703, mean: 0.0606421, rms: 0.334654 } },
  { file: ['level0', 'emd_5168.map'], dims: [100, 100, 100], voxel: [1.742, 1.742, 1.742], origin: [-87.1, -87.1, -87.1], header: { min: -32.0031, max: 41.8734, mean: 0.461301, rms: 3.3917 } },
  { file: ['level0', 'emd_5170.map'], dims: [100, 100, 100], voxel: [2.38, 2.38, 2.38], origin: [-116.62, -116.62, -116.62], header: { min: -0.683673, max: 2.18038, mean: 0.0771251, rms: 0.294062 } },
  { file: ['level0', 'emd_1832.map'], dims: [64, 64, 64], voxel: [5.7, 5.7, 5.7], origin: [-182.4, -182.4, -182.4], header: { min: -0.15938, max: 2.05233, mean: -0.00245379, rms: 0.155001 } },
  { file: ['level0', 'emd_5625.map'], dims: [56, 56, 56], voxel: [4.23, 4.23, 4.23], origin: [-118.44, -118.44, -118.44], header: { min: -1.49998, max: 7.94069, mean: 0.252162, rms: 0.869321 } },
  { file: ['level0', 'emd_3197.map'], dims: [20, 20, 20], voxel: [11.4, 11.4, 11.4], origin: [-22.8, 0, 0], header: { min: -4.13375, max: 5.57674, mean: 0.783612, rms: 2.39995 } },
  // Axis order 3,1,2: columns (73) run along z, rows (43) along x, sections (25) along y.
  // N[CRS]START = (0, -21, -12) → x start -21, y start -12, z start 0.
  { file: ['level0', 'emd_3001.map'], dims: [43, 25, 73], voxel: [0.448, 0.3925, 0.459], origin: [-21 * 0.44825, -12 * 0.3925, 0], voxelTolerance: 1e-3, header: { min: -0.368143, max: 0.72161, mean: 0.000533, rms: 0.157057 } },
];

const levelA: Expected[] = [
  { file: ['levelA', 'emd_20026_zone.mrc'], dims: [94, 104, 112], voxel: [0.65, 0.65, 0.65], origin: [117.0, 65.65, 101.4] },
  { file: ['levelA', 'emd_0093_masked_MAP_m4A.mrc.gz'], dims: [220, 220, 220], voxel: [1.34, 1.34, 1.34], origin: [0, 0, 0] },
  { file: ['levelA', 'emd_30342_chainA_zone.mrc'], dims: [89, 81, 63], voxel: [1.113, 1.113, 1.113], origin: [145.825, 112.825, 120.517] },
  { file: ['levelA', 'emd_6272_fragment.mrc'], dims: [52, 52, 52], voxel: [1.023, 1.023, 1.023], origin: [0, 0, 0] },
  { file: ['levelA', 'emd_2566_3j6b_chain9_zone.mrc'], dims: [35, 52, 47], voxel: [1.34, 1.34, 1.34], origin: [356.44, 155.44, 159.46] },
];

const level1: Expected[] = ['emd_1997', 'emd_5168'].flatMap((name) =>
  ['half1', 'half2', 'full'].map((part) => {
    const voxel = name === 'emd_1997' ? 2.02 : 1.742;
    return { file: ['level1', `${name}_${part}.mrc`], dims: [100, 100, 100] as Vec3, voxel: [voxel, voxel, voxel] as Vec3, origin: [-50 * voxel, -50 * voxel, -50 * voxel] as Vec3 };
  }),
);

function expectClose(actual: readonly number[], expected: readonly number[], relative: number, absolute = 0): void {
  actual.forEach((a, k) => expect(Math.abs(a - expected[k]!)).toBeLessThanOrEqual(relative * Math.abs(expected[k]!) + absolute));
}

/** Header statistics as printed in the README (6 significant digits): agree to 5e-6 relative, or 1e-6 absolute near 0. */
function expectStatsNear(actual: MapStatistics, expected: MapStatistics): void {
  expectClose([actual.min, actual.max, actual.mean, actual.rms], [expected.min, expected.max, expected.mean, expected.rms], 5e-6, 1e-6);
}

/** Data statistics agree with the header's to 1e-4 relative (the mean relative to the map's rms when it is near 0). */
function expectDataMatchesHeader({ header, dataStats: d }: { header: { headerStats: MapStatistics }; dataStats: MapStatistics }): void {
  const h = header.headerStats;
  expect(Math.abs(d.min - h.min)).toBeLessThanOrEqual(1e-4 * Math.abs(h.min));
  expect(Math.abs(d.max - h.max)).toBeLessThanOrEqual(1e-4 * Math.abs(h.max));
  expect(Math.abs(d.mean - h.mean)).toBeLessThanOrEqual(1e-4 * Math.max(Math.abs(h.mean), d.rms));
  if (h.rms > 0) expect(Math.abs(d.rms - h.rms)).toBeLessThanOrEqual(1e-4 * h.rms);
}

describe.skipIf(!hasSharedData)('readMap on the shared EMDB data', () => {
  for (const e of [...level0, ...level1, ...levelA]) {
    it(`${e.file.join('/')}: dims, voxel size, origin, statistics`, async () => {
      const map = await readMap(sharedDataFile(...e.file));
      expect(map.volume.dims).toEqual(e.dims);
      expectClose(map.volume.voxelSize, e.voxel, e.voxelTolerance ?? 1e-4);
      expectClose(map.volume.origin, e.origin, 1e-5, 1e-4);
      if (e.header) expectStatsNear(map.header.headerStats, e.header);
      expectDataMatchesHeader(map);
      expect(map.notes.some((n) => n.includes('stale'))).toBe(false);
      expect(map.sha256).toMatch(/^[0-9a-f]{64}$/);
    });
  }

  it('emd_3001.map: permutation checked against voxel values read from the raw bytes', async () => {
    const file = sharedDataFile('level0', 'emd_3001.map');
    const map = await readMap(file);
    expect(map.header.axisOrder).toEqual([3, 1, 2]);
    expect(map.header.fileDims).toEqual([73, 43, 25]);
    expect(map.header.nsymbt).toBe(160);
    expect(map.header.spaceGroup).toBe(4);
    expect(map.header.cellB[1]).toBeCloseTo(94.33, 2);
    expect(map.header.mxyz).toEqual([40, 12, 72]);
    expect(map.notes.some((n) => n.includes('3,1,2 permuted'))).toBe(true);
    expect(map.notes.some((n) => n.includes('94.326'))).toBe(true);
    expect(map.notes).toContain('extended header of 160 bytes (NSYMBT; CCP4 symmetry records for space group 4) skipped');
    expect(map.notes.some((n) => n.includes('anisotropic'))).toBe(true);

    // Voxel at column c, row r, section s sits at byte 1024 + 160 + 4·(c + 73·(r + 43·s)).
    // MAPC = 3 puts columns on z, MAPR = 1 rows on x, MAPS = 2 sections on y: it must appear at (x, y, z) = (r, s, c).
    const handle = await open(file, 'r');
    try {
      for (const [c, r, s] of [[0, 0, 0], [72, 0, 0], [0, 42, 0], [0, 0, 24], [17, 31, 9], [72, 42, 24], [5, 40, 20]] as const) {
        const buffer = new Uint8Array(4);
        await handle.read(buffer, 0, 4, 1024 + 160 + 4 * (c + 73 * (r + 43 * s)));
        const expected = new DataView(buffer.buffer).getFloat32(0, true);
        expect(map.volume.get(r, s, c)).toBe(expected);
      }
    } finally {
      await handle.close();
    }
  });

  it('gzip input: both digests recorded (file bytes and decompressed bytes, from SHA256SUMS and zcat | sha256sum)', async () => {
    const map = await readMap(sharedDataFile('levelA', 'emd_0093_masked_MAP_m4A.mrc.gz'));
    expect(map.sha256).toBe('245fc86088ab40a41679aa8d2a42d5a0d4490512e8b43136b720d57ac715305a');
    expect(map.sha256Decompressed).toBe('3800ff143470953e0eab6560afd3476a71c3ad3562ba96310033f88ba8f52447');
    expect(map.notes).toContain('gzip input decompressed on read');
  });

  it('plain input: the digest matches SHA256SUMS', async () => {
    const map = await readMap(sharedDataFile('level0', 'emd_1832.map'));
    expect(map.sha256).toBe('6c32d2cb743e33cd44faf52264ad7921dbc8553a20e0bb7e09e8edad449660b5');
    expect(map.sha256Decompressed).toBeUndefined();
  });
});

describe.skipIf(!hasSharedData)('readMapStack on the shared particle stacks', () => {
  it('empiar_10076: 7 images of 320², zero header cell refused unless the STAR voxel size is given', async () => {
    const file = sharedDataFile('particles', 'empiar_10076_7particles.mrcs');
    await expect(readMapStack(file)).rejects.toThrow(/CELLA/);
    const stack = await readMapStack(file, { voxelSize: 1.31 });
    expect(stack.images).toHaveLength(7);
    expect(stack.images[0]!.dims).toEqual([320, 320, 1]);
    expect(stack.images[6]!.voxelSize).toEqual([1.31, 1.31, 1.31]);
    expect(stack.notes.some((n) => n.includes('1.31'))).toBe(true);
    expectDataMatchesHeader(stack);
  });

  it('empiar_10017: 17 images of 200²', async () => {
    const stack = await readMapStack(sharedDataFile('particles', 'empiar_10017_17particles.mrcs'), { voxelSize: 1.4 });
    expect(stack.images).toHaveLength(17);
    expect(stack.images[16]!.dims).toEqual([200, 200, 1]);
    expectDataMatchesHeader(stack);
  });

  it('synthetic_hand_100proj: 100 images of 64², 1 Å, stale header statistics noted', async () => {
    const file = sharedDataFile('particles', 'synthetic_hand_100proj.mrcs');
    const stack = await readMapStack(file);
    expect(stack.images).toHaveLength(100);
    expect(stack.images[99]!.dims).toEqual([64, 64, 1]);
    expect(stack.images[0]!.voxelSize).toEqual([1, 1, 1]);
    expect(stack.notes.some((n) => n.startsWith('header statistics are stale'))).toBe(true);
    // Image k is bytes 1024 + k·64·64·4 onward: the last voxel of image 99 is the file's last float.
    const handle = await open(file, 'r');
    try {
      const buffer = new Uint8Array(4);
      await handle.read(buffer, 0, 4, 1024 + 100 * 64 * 64 * 4 - 4);
      expect(stack.images[99]!.get(63, 63, 0)).toBe(new DataView(buffer.buffer).getFloat32(0, true));
    } finally {
      await handle.close();
    }
  });

  it('readMap of a stack keeps the first image and says so', async () => {
    const map = await readMap(sharedDataFile('particles', 'synthetic_hand_100proj.mrcs'));
    expect(map.volume.dims).toEqual([64, 64, 1]);
    expect(map.notes).toContain('file is a stack of 100 images; the first image is used');
    const stack = await readMapStack(sharedDataFile('particles', 'synthetic_hand_100proj.mrcs'));
    expect(Array.from(map.volume.data)).toEqual(Array.from(stack.images[0]!.data));
  });
});
