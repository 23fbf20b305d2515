import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VrsInputError } from '../../errors/index.js';
import { buildRawMrc, type RawMrcSpec } from '../testing/buildRawMrc.js';
import { makeTempDir } from '../testing/tempDir.js';
import { parseMap } from './parseMap.js';
import { readMap } from './readMap.js';
import { readMapHeader } from './readMapHeader.js';
import { readMapStack } from './readMapStack.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

let counter = 0;
async function fileOf(spec: RawMrcSpec | Uint8Array, name = `case${counter++}.mrc`): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, spec instanceof Uint8Array ? spec : buildRawMrc(spec));
  return file;
}

/** Values 100·s + 10·r + c in file order (columns fastest): each voxel says where it was stored. */
function positional(nc: number, nr: number, ns: number): number[] {
  const values: number[] = [];
  for (let s = 0; s < ns; s++) for (let r = 0; r < nr; r++) for (let c = 0; c < nc; c++) values.push(100 * s + 10 * r + c);
  return values;
}

async function expectInputError(promise: Promise<unknown>, field: string, pattern?: RegExp): Promise<VrsInputError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VrsInputError);
  const input = err as VrsInputError;
  expect(input.field).toBe(field);
  expect(input.message).toContain(path.basename(input.source ?? ''));
  if (pattern) expect(input.message).toMatch(pattern);
  return input;
}

describe('readMap: modes and byte order', () => {
  it('reads big-endian files by their machine stamp', async () => {
    const file = await fileOf({ ncrs: [3, 2, 2], littleEndian: false, data: positional(3, 2, 2), cellA: [6, 4, 4] });
    const map = await readMap(file);
    expect(map.header.endianness).toBe('big');
    expect(map.volume.voxelSize).toEqual([2, 2, 2]);
    expect(map.volume.get(2, 1, 1)).toBe(112);
    expect(map.notes).toContain('big-endian file: bytes swapped on read');
  });

  it('trusts sane header words over a wrong or missing machine stamp', async () => {
    const wrong = await readMap(await fileOf({ ncrs: [3, 2, 2], littleEndian: false, machineStamp: [0x44, 0x44, 0, 0], data: positional(3, 2, 2) }));
    expect(wrong.header.endianness).toBe('big');
    expect(wrong.volume.get(1, 1, 1)).toBe(111);
    expect(wrong.notes.some((n) => n.includes('MACHST says little-endian'))).toBe(true);
    const missing = await readMap(await fileOf({ ncrs: [3, 2, 2], machineStamp: [0, 0, 0, 0], data: positional(3, 2, 2) }));
    expect(missing.header.endianness).toBe('little');
    expect(missing.notes.some((n) => n.startsWith('no machine stamp'))).toBe(true);
  });

  it('accepts an old file without the MAP stamp when the rest is sane, with a note', async () => {
    const map = await readMap(await fileOf({ ncrs: [2, 2, 2], mapStamp: false, data: positional(2, 2, 2) }));
    expect(map.header.hasMapStamp).toBe(false);
    expect(map.notes.some((n) => n.includes("no 'MAP ' stamp"))).toBe(true);
  });

  it('mode 0 is signed int8 by default, unsigned when IMOD flags or header statistics say so', async () => {
    const bytes = [0, 1, 127, 128, 200, 255];
    const signed = await readMap(await fileOf({ ncrs: [6, 1, 1], mode: 0, data: bytes }));
    expect(Array.from(signed.volume.data)).toEqual([0, 1, 127, -128, -56, -1]);
    expect(signed.notes.some((n) => n.startsWith('mode 0 read as signed int8'))).toBe(true);
    const imodUnsigned = await readMap(await fileOf({ ncrs: [6, 1, 1], mode: 0, data: bytes, imodFlags: 0 }));
    expect(Array.from(imodUnsigned.volume.data)).toEqual(bytes);
    const imodSigned = await readMap(await fileOf({ ncrs: [6, 1, 1], mode: 0, data: bytes, imodFlags: 1 }));
    expect(imodSigned.volume.get(5, 0, 0)).toBe(-1);
    const byStats = await readMap(await fileOf({ ncrs: [6, 1, 1], mode: 0, data: bytes, stats: { min: 0, max: 255, mean: 101.83, rms: 0 } }));
    expect(Array.from(byStats.volume.data)).toEqual(bytes);
    expect(byStats.notes.some((n) => n.includes('unsigned bytes (pre-MRC2014'))).toBe(true);
  });

  it('mode 1 (int16), 6 (uint16) and 12 (float16) in both byte orders', async () => {
    for (const littleEndian of [true, false]) {
      const m1 = await readMap(await fileOf({ ncrs: [4, 1, 1], mode: 1, littleEndian, data: [-32768, -1, 0, 32767] }));
      expect(Array.from(m1.volume.data)).toEqual([-32768, -1, 0, 32767]);
      expect(m1.notes).toContain('mode 1 (int16) converted to float32');
      const m6 = await readMap(await fileOf({ ncrs: [3, 1, 1], mode: 6, littleEndian, data: [0, 1, 65535] }));
      expect(Array.from(m6.volume.data)).toEqual([0, 1, 65535]);
      // Half-precision bit patterns: 1, -2, 0.333251953125, 65504, smallest subnormal 2^-24, -0.
      const m12 = await readMap(await fileOf({ ncrs: [6, 1, 1], mode: 12, littleEndian, data: [0x3c00, 0xc000, 0x3555, 0x7bff, 0x0001, 0x8000] }));
      expect(Array.from(m12.volume.data)).toEqual([1, -2, 0.333251953125, 65504, 2 ** -24, -0]);
    }
  });

  it('mode 101 unpacks two 4-bit values per byte, low nibble first, each row starting on a byte', async () => {
    // 3 columns × 2 rows: row bytes = 2; row 0 = [5, 10, 15] → bytes 0xA5, 0x0F; row 1 = [1, 2, 3] → 0x21, 0x03.
    const rawData = new Uint8Array([0xa5, 0x0f, 0x21, 0x03]);
    const map = await readMap(await fileOf({ ncrs: [3, 2, 1], mode: 101, rawData }));
    expect(Array.from(map.volume.data)).toEqual([5, 10, 15, 1, 2, 3]);
  });

  it('an impossible grid size (NX = 2³¹, NY = 2³¹ − 1) is named as such, not as a bad MODE', async () => {
    const bytes = buildRawMrc({ ncrs: [2, 2, 2], mode: 2, data: new Array(8).fill(0) });
    const nx = Uint8Array.from(bytes);
    new DataView(nx.buffer).setUint32(0, 2 ** 31, true);
    await expectInputError(readMapHeader(await fileOf(nx)), 'NX', /NX reads -2147483648 \(2147483648 unsigned\): not a possible grid size/);
    const ny = Uint8Array.from(bytes);
    new DataView(ny.buffer).setUint32(4, 2 ** 31 - 1, true);
    await expectInputError(readMapHeader(await fileOf(ny)), 'NY', /NY reads 2147483647: not a possible grid size/);
  });

  it('refuses complex and unknown modes naming MODE', async () => {
    await expectInputError(readMap(await fileOf({ ncrs: [2, 2, 2], mode: 4, rawData: new Uint8Array(64) })), 'MODE', /Fourier/);
    await expectInputError(readMap(await fileOf({ ncrs: [2, 2, 2], mode: 7, rawData: new Uint8Array(32) })), 'MODE', /unknown MODE 7/);
  });
});

describe('readMap: axis order, origin and cell', () => {
  const permutations: [number, number, number][] = [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]];
  for (const order of permutations) {
    it(`MAPC/MAPR/MAPS = ${order.join(',')} puts column c, row r, section s at the axes they name`, async () => {
      const [nc, nr, ns] = [4, 3, 2];
      const map = await readMap(await fileOf({ ncrs: [nc, nr, ns], axisOrder: order, data: positional(nc, nr, ns), nstart: [1, 2, 3], cellA: [10, 20, 30], mxyz: [10, 10, 10] }));
      const expectedDims = [0, 0, 0];
      expectedDims[order[0] - 1] = nc;
      expectedDims[order[1] - 1] = nr;
      expectedDims[order[2] - 1] = ns;
      expect(map.volume.dims).toEqual(expectedDims);
      for (let s = 0; s < ns; s++) {
        for (let r = 0; r < nr; r++) {
          for (let c = 0; c < nc; c++) {
            const xyz = [0, 0, 0];
            xyz[order[0] - 1] = c;
            xyz[order[1] - 1] = r;
            xyz[order[2] - 1] = s;
            expect(map.volume.get(xyz[0]!, xyz[1]!, xyz[2]!)).toBe(100 * s + 10 * r + c);
          }
        }
      }
      // N[CRS]START = (1, 2, 3) follow the same axes; voxel sizes are 1, 2, 3 Å along x, y, z.
      const start = [0, 0, 0];
      start[order[0] - 1] = 1;
      start[order[1] - 1] = 2;
      start[order[2] - 1] = 3;
      expect(map.volume.origin).toEqual([start[0]! * 1, start[1]! * 2, start[2]! * 3]);
      expect(map.header.originSource).toBe('NSTART');
    });
  }

  it('assumes 1,2,3 when MAPC/MAPR/MAPS are all 0 and refuses a non-permutation', async () => {
    const zero = await readMap(await fileOf({ ncrs: [2, 2, 2], axisOrder: [0, 0, 0], data: positional(2, 2, 2) }));
    expect(zero.volume.get(1, 0, 1)).toBe(101);
    expect(zero.notes.some((n) => n.includes('all 0'))).toBe(true);
    await expectInputError(readMap(await fileOf({ ncrs: [2, 2, 2], axisOrder: [1, 1, 3] })), 'MAPC/MAPR/MAPS');
  });

  it('ORIGIN words win over N[XYZ]START and the choice is noted', async () => {
    const map = await readMap(await fileOf({ ncrs: [2, 2, 2], nstart: [-1, -1, -1], originField: [10.5, -3, 7] }));
    expect(map.volume.origin).toEqual([10.5, -3, 7]);
    expect(map.header.originSource).toBe('ORIGIN');
    expect(map.notes.some((n) => n.includes('ORIGIN words') && n.includes('would give -1, -1, -1 Å and are ignored'))).toBe(true);
    const consistent = await readMap(await fileOf({ ncrs: [2, 2, 2], nstart: [-1, 2, 0], cellA: [4, 4, 4], originField: [-2, 4, 0] }));
    expect(consistent.notes.some((n) => n.endsWith('agree with it'))).toBe(true);
    const none = await readMap(await fileOf({ ncrs: [2, 2, 2] }));
    expect(none.volume.origin).toEqual([0, 0, 0]);
    expect(none.header.originSource).toBe('zero');
    await expectInputError(readMap(await fileOf({ ncrs: [2, 2, 2], originField: [Number.NaN, 0, 0] })), 'ORIGIN');
  });

  it('voxel size per axis from CELLA / MX,MY,MZ (M ≠ N), anisotropy and odd angles noted, never averaged', async () => {
    const map = await readMap(await fileOf({ ncrs: [4, 4, 4], mxyz: [8, 4, 2], cellA: [8, 6, 5], cellB: [90, 100, 90] }));
    expect(map.volume.voxelSize).toEqual([1, 1.5, 2.5]);
    expect(map.notes.some((n) => n.startsWith('anisotropic voxel size 1, 1.5, 2.5'))).toBe(true);
    expect(map.notes.some((n) => n.startsWith('sampling MX,MY,MZ = 8, 4, 2 differs'))).toBe(true);
    expect(map.notes.some((n) => n.includes('90, 100, 90° are not all 90°'))).toBe(true);
    const zeroAngles = await readMap(await fileOf({ ncrs: [2, 2, 2], cellB: [0, 0, 0] }));
    expect(zeroAngles.notes).toContain('cell angles are 0 (not set); treated as 90°');
  });

  it('refuses an absurd cell naming the field, unless the caller gives the voxel size', async () => {
    await expectInputError(readMap(await fileOf({ ncrs: [2, 2, 2], cellA: [0, 2, 2] })), 'CELLA', /along x/);
    await expectInputError(readMap(await fileOf({ ncrs: [2, 2, 2], cellA: [2, -2, 2] })), 'CELLA', /along y/);
    await expectInputError(readMap(await fileOf({ ncrs: [2, 2, 2], cellA: [2, 2, Number.NaN] })), 'CELLA', /along z/);
    await expectInputError(readMap(await fileOf({ ncrs: [2, 2, 2], mxyz: [2, 0, 2] })), 'MY');
    const given = await readMap(await fileOf({ ncrs: [2, 2, 2], cellA: [0, 0, 0] }), { voxelSize: 1.25 });
    expect(given.volume.voxelSize).toEqual([1.25, 1.25, 1.25]);
    expect(given.notes.some((n) => n.includes('given by the caller used'))).toBe(true);
    const overridden = await readMap(await fileOf({ ncrs: [2, 2, 2], cellA: [4, 4, 4] }), { voxelSize: [1, 1, 1] });
    expect(overridden.volume.voxelSize).toEqual([1, 1, 1]);
    expect(overridden.notes.some((n) => n.includes("overrides the header's 2, 2, 2"))).toBe(true);
  });
});

describe('readMap: bad files', () => {
  it('a file shorter than the header', async () => {
    await expectInputError(readMap(await fileOf(new Uint8Array(100))), 'header', /100 bytes/);
  });

  it('not an MRC file at all', async () => {
    const text = new TextEncoder().encode('ATOM      1  N   MET A   1      11.104  13.207   2.100  1.00 20.00           N\n'.repeat(20));
    await expectInputError(readMap(await fileOf(text, 'model.pdb')), 'header', /not an MRC/);
  });

  it('zero or negative dimensions', async () => {
    await expectInputError(readMap(await fileOf({ ncrs: [0, 2, 2] })), 'NX');
    await expectInputError(readMap(await fileOf({ ncrs: [2, -3, 2], rawData: new Uint8Array(0) })), 'NY');
  });

  it('truncated data and trailing bytes: the file size does not match the header', async () => {
    const full = buildRawMrc({ ncrs: [4, 4, 4], data: positional(4, 4, 4) });
    const err = await expectInputError(readMap(await fileOf(full.subarray(0, full.length - 10))), 'file size', /truncated/);
    expect(err.message).toContain(String(1024 + 256));
    const longer = new Uint8Array(full.length + 8);
    longer.set(full);
    await expectInputError(readMap(await fileOf(longer)), 'file size', /8 more/);
  });

  it('a negative or oversized extended header', async () => {
    const negative = buildRawMrc({ ncrs: [2, 2, 2] });
    new DataView(negative.buffer).setInt32(92, -4, true);
    await expectInputError(readMap(await fileOf(negative)), 'NSYMBT');
    const oversized = buildRawMrc({ ncrs: [2, 2, 2] });
    new DataView(oversized.buffer).setInt32(92, 4096, true);
    await expectInputError(readMap(await fileOf(oversized)), 'file size');
  });

  it('skips an extended header and keeps the data aligned after it', async () => {
    const map = await readMap(await fileOf({ ncrs: [2, 2, 2], nsymbt: 80, data: positional(2, 2, 2) }));
    expect(map.volume.get(1, 1, 1)).toBe(111);
    expect(map.header.nsymbt).toBe(80);
    expect(map.notes.some((n) => n.startsWith('extended header of 80 bytes'))).toBe(true);
  });

  it('NaN/Inf voxels are refused with their count and first index, or zeroed when allowed', async () => {
    const values = positional(3, 2, 2);
    values[4] = Number.NaN; // c=1, r=1, s=0
    values[9] = Number.POSITIVE_INFINITY;
    const file = await fileOf({ ncrs: [3, 2, 2], data: values });
    const err = await expectInputError(readMap(file), 'data');
    expect(err.message).toContain('2 voxel(s) are NaN or infinite');
    expect(err.message).toContain('(x, y, z) = (1, 1, 0)');
    const allowed = await readMap(file, { allowNonFinite: true });
    expect(allowed.volume.get(1, 1, 0)).toBe(0);
    expect(allowed.volume.get(0, 1, 1)).toBe(0);
    expect(allowed.notes.some((n) => n.startsWith('2 NaN/infinite voxel(s) replaced by 0'))).toBe(true);
    expect(Number.isFinite(allowed.dataStats.rms)).toBe(true);
  });

  it('a missing file', async () => {
    await expect(readMap(path.join(dir, 'nope.mrc'))).rejects.toThrow(/file not found/);
  });
});

describe('readMap: statistics', () => {
  it('notes stale header statistics and keeps both', async () => {
    // Data 1..8: min 1, max 8, mean 4.5, population std sqrt(5.25).
    const data = [1, 2, 3, 4, 5, 6, 7, 8];
    const fresh = await readMap(await fileOf({ ncrs: [2, 2, 2], data, stats: { min: 1, max: 8, mean: 4.5, rms: Math.sqrt(5.25) } }));
    expect(fresh.dataStats.mean).toBe(4.5);
    expect(fresh.dataStats.rms).toBeCloseTo(Math.sqrt(5.25), 12);
    expect(fresh.notes.some((n) => n.includes('stale'))).toBe(false);
    const stale = await readMap(await fileOf({ ncrs: [2, 2, 2], data, stats: { min: 0, max: 8, mean: 4.5, rms: 2.29 } }));
    expect(stale.header.headerStats.min).toBe(0);
    expect(stale.dataStats.min).toBe(1);
    expect(stale.notes.some((n) => n.startsWith('header statistics are stale'))).toBe(true);
    const unset = await readMap(await fileOf({ ncrs: [2, 2, 2], data, stats: { min: 0, max: -1, mean: -2, rms: -1 } }));
    expect(unset.notes.some((n) => n.includes('are not set'))).toBe(true);
  });
});

describe('gzip input', () => {
  it('is detected by its magic bytes whatever the name, and hashed both ways', async () => {
    const plain = buildRawMrc({ ncrs: [3, 2, 2], data: positional(3, 2, 2) });
    const file = await fileOf(gzipSync(plain), 'compressed-but-named.mrc');
    const map = await readMap(file);
    expect(map.volume.get(2, 1, 1)).toBe(112);
    const { createHash } = await import('node:crypto');
    expect(map.sha256Decompressed).toBe(createHash('sha256').update(plain).digest('hex'));
    expect(map.sha256).toBe(createHash('sha256').update(gzipSync(plain)).digest('hex'));
  });

  it('truncated, corrupt or over-long gzip data is refused', async () => {
    const plain = buildRawMrc({ ncrs: [8, 8, 8], data: positional(8, 8, 8) });
    const gz = gzipSync(plain);
    await expectInputError(readMap(await fileOf(gz.subarray(0, gz.length - 30), 'cut.mrc.gz')), 'gzip');
    const corrupt = Uint8Array.from(gz);
    corrupt.fill(0xff, 20, 60);
    await expect(readMap(await fileOf(corrupt, 'corrupt.mrc.gz'))).rejects.toThrow(VrsInputError);
    const shortData = gzipSync(plain.subarray(0, plain.length - 16));
    await expectInputError(readMap(await fileOf(shortData, 'short.mrc.gz')), 'file size', /truncated/);
    const longer = new Uint8Array(plain.length + 4);
    longer.set(plain);
    await expectInputError(readMap(await fileOf(gzipSync(longer), 'long.mrc.gz')), 'file size', /longer/);
  });
});

describe('stacks', () => {
  it('an ISPG 0, MZ = 1 file is an image stack; readMap keeps the first image', async () => {
    const file = await fileOf({ ncrs: [3, 2, 4], ispg: 0, mxyz: [3, 2, 1], cellA: [3, 2, 1], data: positional(3, 2, 4) });
    const map = await readMap(file);
    expect(map.volume.dims).toEqual([3, 2, 1]);
    expect(map.volume.get(2, 1, 0)).toBe(12);
    expect(map.notes).toContain('file is a stack of 4 images; the first image is used');
    const stack = await readMapStack(file);
    expect(stack.images.map((im) => im.get(2, 1, 0))).toEqual([12, 112, 212, 312]);
  });

  it('an ISPG 401 volume stack gives volumes of MZ sections', async () => {
    const file = await fileOf({ ncrs: [2, 2, 6], ispg: 401, mxyz: [2, 2, 3], cellA: [2, 2, 3], data: positional(2, 2, 6) });
    const map = await readMap(file);
    expect(map.volume.dims).toEqual([2, 2, 3]);
    expect(map.notes).toContain('file is a stack of 2 volumes; the first volume is used');
    const stack = await readMapStack(file);
    expect(stack.images).toHaveLength(2);
    expect(stack.images[1]!.get(1, 1, 2)).toBe(511);
  });

  it('.mrcs names a stack even with ISPG 1; a volume read as a stack gives its sections', async () => {
    const mrcs = await fileOf({ ncrs: [2, 2, 3], ispg: 1, data: positional(2, 2, 3) }, 'particles.mrcs');
    expect((await readMapStack(mrcs)).images).toHaveLength(3);
    const volume = await fileOf({ ncrs: [2, 2, 3], data: positional(2, 2, 3) }, 'volume.mrc');
    const asStack = await readMapStack(volume);
    expect(asStack.images).toHaveLength(3);
    expect(asStack.notes).toContain('header describes one volume; its 3 sections are returned as images');
    expect(asStack.images[2]!.get(1, 1, 0)).toBe(211);
  });
});

describe('parseMap and readMapHeader', () => {
  it('parseMap decodes in-memory bytes (big-endian float32) without touching them', async () => {
    const bytes = buildRawMrc({ ncrs: [3, 2, 2], littleEndian: false, data: positional(3, 2, 2) });
    const copy = Uint8Array.from(bytes);
    const map = parseMap(bytes, 'memory.mrc');
    expect(map.volume.get(2, 1, 1)).toBe(112);
    expect(bytes).toEqual(copy);
    const le = buildRawMrc({ ncrs: [3, 2, 2], data: positional(3, 2, 2) });
    const leMap = parseMap(le, 'memory-le.mrc');
    leMap.volume.data[0] = 999;
    expect(new DataView(le.buffer).getFloat32(1024, true)).toBe(0);
    expect(parseMap(gzipSync(le), 'memory.mrc.gz').volume.get(1, 1, 1)).toBe(111);
  });

  it('readMapHeader gives geometry and stack layout without reading data', async () => {
    const file = await fileOf({ ncrs: [4, 3, 2], axisOrder: [2, 1, 3], cellA: [6, 8, 2], mxyz: [3, 4, 2] });
    const summary = await readMapHeader(file);
    expect(summary.dims).toEqual([3, 4, 2]);
    expect(summary.voxelSize).toEqual([2, 2, 1]);
    expect(summary.stackKind).toBe('volume');
    expect(summary.itemCount).toBe(1);
  });
});
