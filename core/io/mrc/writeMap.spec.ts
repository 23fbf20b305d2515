import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VrsInputError } from '../../errors/index.js';
import { Volume } from '../../volume/index.js';
import { makeTempDir } from '../testing/tempDir.js';
import { readMap } from './readMap.js';
import { readMask } from './readMask.js';
import { writeMap } from './writeMap.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

/** 4×3×2 volume with value 100·z + 10·y + x at (x, y, z): every voxel says where it belongs. */
function positionalVolume(): Volume<Float32Array> {
  const v = Volume.zeros([4, 3, 2], [1.5, 2, 2.5], [-3, 4.5, 10]);
  for (let z = 0; z < 2; z++) for (let y = 0; y < 3; y++) for (let x = 0; x < 4; x++) v.data[v.index(x, y, z)] = 100 * z + 10 * y + x;
  return v;
}

describe('writeMap', () => {
  it('writes a correct MRC2014 header: stamp, machine stamp, version, cell, origin, statistics', async () => {
    const file = path.join(dir, 'header.mrc');
    await writeMap(file, positionalVolume(), { labels: ['hello'] });
    const bytes = await readFile(file);
    expect(bytes.length).toBe(1024 + 4 * 24);
    const view = new DataView(bytes.buffer, bytes.byteOffset, 1024);
    const i32 = (w: number) => view.getInt32(4 * w, true);
    const f32 = (w: number) => view.getFloat32(4 * w, true);
    expect([i32(0), i32(1), i32(2), i32(3)]).toEqual([4, 3, 2, 2]);
    expect([i32(4), i32(5), i32(6)]).toEqual([0, 0, 0]);
    expect([i32(7), i32(8), i32(9)]).toEqual([4, 3, 2]);
    expect([f32(10), f32(11), f32(12)]).toEqual([6, 6, 5]);
    expect([f32(13), f32(14), f32(15)]).toEqual([90, 90, 90]);
    expect([i32(16), i32(17), i32(18)]).toEqual([1, 2, 3]);
    // Values are 100z+10y+x: min 0, max 123, mean 61.5 (mean of z part 50, y part 10, x part 1.5).
    // Variance = var(100z) + var(10y) + var(x) = 2500 + 100·2/3 + 1.25 (independent axes).
    expect(f32(19)).toBe(0);
    expect(f32(20)).toBe(123);
    expect(f32(21)).toBe(61.5);
    expect(f32(54)).toBeCloseTo(Math.sqrt(2500 + 200 / 3 + 1.25), 4);
    expect(i32(22)).toBe(1);
    expect(i32(23)).toBe(0);
    expect(i32(27)).toBe(20140);
    expect([f32(49), f32(50), f32(51)]).toEqual([-3, 4.5, 10]);
    expect(String.fromCharCode(...bytes.subarray(208, 212))).toBe('MAP ');
    expect([...bytes.subarray(212, 216)]).toEqual([0x44, 0x44, 0, 0]);
    expect(i32(55)).toBe(1);
    expect(String.fromCharCode(...bytes.subarray(224, 229))).toBe('hello');
    // First data voxel (0,0,0) = 0, last (3,2,1) = 123, x fastest.
    expect(new DataView(bytes.buffer, bytes.byteOffset).getFloat32(1024 + 4 * 23, true)).toBe(123);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getFloat32(1024 + 4 * 1, true)).toBe(1);
  });

  it('round-trips float32 maps exactly, geometry included', async () => {
    const file = path.join(dir, 'roundtrip.mrc');
    const v = positionalVolume();
    await writeMap(file, v);
    const back = await readMap(file);
    expect(back.volume.dims).toEqual([4, 3, 2]);
    expect(back.volume.voxelSize).toEqual([1.5, 2, 2.5]);
    expect(back.volume.origin).toEqual([-3, 4.5, 10]);
    expect(back.volume.get(3, 2, 1)).toBe(123);
    expect(back.volume.get(1, 2, 0)).toBe(21);
    expect(Array.from(back.volume.data)).toEqual(Array.from(v.data));
    expect(back.header.originSource).toBe('ORIGIN');
    expect(back.notes.some((n) => n.includes('stale'))).toBe(false);
  });

  it('returns the size and SHA-256 of the bytes it wrote', async () => {
    const file = path.join(dir, 'digest.mrc');
    const written = await writeMap(file, positionalVolume());
    const bytes = await readFile(file);
    expect(written.size).toBe(bytes.length);
    expect(written.size).toBe(1024 + 4 * 4 * 3 * 2);
    expect(written.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('writes Uint8Array masks as mode 0 and reads them back as 0/1 float32 and as a binary mask', async () => {
    const file = path.join(dir, 'mask.mrc');
    const mask = new Volume(new Uint8Array([0, 1, 1, 0, 1, 0, 0, 0]), { dims: [2, 2, 2], voxelSize: [3, 3, 3], origin: [0, 0, 0] });
    await writeMap(file, mask);
    const bytes = await readFile(file);
    expect(bytes.length).toBe(1024 + 8);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getInt32(12, true)).toBe(0);
    const asMap = await readMap(file);
    expect(asMap.volume.data).toBeInstanceOf(Float32Array);
    expect(Array.from(asMap.volume.data)).toEqual([0, 1, 1, 0, 1, 0, 0, 0]);
    const back = await readMask(file);
    expect(back.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(back.data)).toEqual([0, 1, 1, 0, 1, 0, 0, 0]);
    expect(back.voxelSize).toEqual([3, 3, 3]);
  });

  it('readMask thresholds a float map at 0.5', async () => {
    const file = path.join(dir, 'softmask.mrc');
    const soft = new Volume(new Float32Array([0, 0.49, 0.5, 0.51, 1, 2, -1, 0.75]), { dims: [8, 1, 1], voxelSize: [1, 1, 1], origin: [0, 0, 0] });
    await writeMap(file, soft);
    expect(Array.from((await readMask(file)).data)).toEqual([0, 0, 0, 1, 1, 1, 0, 1]);
  });

  it('writes mode 12 (float16) with round-to-nearest and reads it back', async () => {
    const file = path.join(dir, 'half.mrc');
    // 1/3 in half precision is 0x3555 = 0.333251953125; 65504 is the largest half; 2^-24 the smallest subnormal.
    const v = new Volume(new Float32Array([1, -2, 1 / 3, 65504, 2 ** -24, 0]), { dims: [6, 1, 1], voxelSize: [1, 1, 1], origin: [0, 0, 0] });
    await writeMap(file, v, { mode: 12 });
    const bytes = await readFile(file);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getInt32(12, true)).toBe(12);
    expect([0, 1, 2, 3, 4, 5].map((i) => view.getUint16(1024 + 2 * i, true))).toEqual([0x3c00, 0xc000, 0x3555, 0x7bff, 0x0001, 0]);
    const back = await readMap(file);
    expect(Array.from(back.volume.data)).toEqual([1, -2, 0.333251953125, 65504, 2 ** -24, 0]);
  });

  it('refuses values mode 0 cannot hold and non-finite values, leaving no file behind', async () => {
    const bad = new Volume(new Float32Array([0, 0.5]), { dims: [2, 1, 1], voxelSize: [1, 1, 1], origin: [0, 0, 0] });
    await expect(writeMap(path.join(dir, 'bad0.mrc'), bad, { mode: 0 })).rejects.toThrow(VrsInputError);
    const nan = new Volume(new Float32Array([0, Number.NaN]), { dims: [2, 1, 1], voxelSize: [1, 1, 1], origin: [0, 0, 0] });
    await expect(writeMap(path.join(dir, 'nan.mrc'), nan)).rejects.toThrow(/finite/);
    const zeroVoxel = new Volume(new Float32Array(2), { dims: [2, 1, 1], voxelSize: [0, 1, 1], origin: [0, 0, 0] });
    await expect(writeMap(path.join(dir, 'zero.mrc'), zeroVoxel)).rejects.toThrow(/CELLA/);
    const names = await readdir(dir);
    expect(names.filter((n) => n.startsWith('bad0') || n.startsWith('nan') || n.startsWith('zero') || n.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces an existing file atomically', async () => {
    const file = path.join(dir, 'replace.mrc');
    await writeMap(file, Volume.zeros([2, 2, 2]));
    await writeMap(file, positionalVolume());
    expect((await readMap(file)).volume.dims).toEqual([4, 3, 2]);
    expect((await readdir(dir)).some((n) => n.endsWith('.tmp'))).toBe(false);
  });
});
