import { createHash, randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { VrsInputError } from '../../errors/index.js';
import type { Volume, VoxelArray } from '../../volume/index.js';
import { floatToHalfBits, halfToFloatLookup } from './float16.js';
import type { MapStatistics } from './MapFile.js';
import { computeMapStatistics } from './mapStatistics.js';
import { MRC_HEADER_BYTES } from './parseMrcHeader.js';
import { hostLittleEndian } from './hostLittleEndian.js';

export interface MapWriteOptions {
  /** 2 = float32 (default for float data), 0 = int8 (default for Uint8Array masks), 12 = float16. */
  mode?: 0 | 2 | 12;
  /** Up to 10 labels of at most 80 ASCII characters; default one label naming the writer and date. */
  labels?: string[];
}


/** Values as stored in the chosen mode, plus the statistics of exactly those stored values. */
function encodeVoxels(data: VoxelArray, mode: 0 | 2 | 12, file: string): { encoded: Int8Array | Uint16Array | Float32Array; stats: MapStatistics } {
  const n = data.length;
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    if (v - v !== 0) throw new VrsInputError(`voxel ${i} is ${v}; an MRC map must hold finite values`, file, 'data');
  }
  if (mode === 2) {
    const encoded = data instanceof Float32Array ? data : Float32Array.from(data);
    return { encoded, stats: computeMapStatistics(encoded) };
  }
  if (mode === 0) {
    const encoded = new Int8Array(n);
    for (let i = 0; i < n; i++) {
      const v = data[i]!;
      if (!Number.isInteger(v) || v < -128 || v > 127) {
        throw new VrsInputError(`voxel ${i} is ${v}; mode 0 (int8) stores integers from -128 to 127 only`, file, 'MODE');
      }
      encoded[i] = v;
    }
    return { encoded, stats: computeMapStatistics(encoded) };
  }
  const encoded = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    encoded[i] = floatToHalfBits(data[i]!);
    if ((encoded[i]! & 0x7c00) === 0x7c00) {
      throw new VrsInputError(`voxel ${i} is ${data[i]}, beyond the float16 range (±65504) of mode 12`, file, 'MODE');
    }
  }
  const table = halfToFloatLookup();
  const decoded = new Float32Array(n);
  for (let i = 0; i < n; i++) decoded[i] = table[encoded[i]!]!;
  return { encoded, stats: computeMapStatistics(decoded) };
}

function littleEndianBytes(encoded: Int8Array | Uint16Array | Float32Array): Uint8Array {
  const bytes = new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  if (hostLittleEndian || encoded.BYTES_PER_ELEMENT === 1) return bytes;
  const swapped = new Uint8Array(bytes.length);
  const w = encoded.BYTES_PER_ELEMENT;
  for (let i = 0; i < bytes.length; i += w) for (let k = 0; k < w; k++) swapped[i + k] = bytes[i + w - 1 - k]!;
  return swapped;
}

function buildHeader(volume: Volume<VoxelArray>, mode: number, stats: MapStatistics, labels: string[]): Uint8Array {
  const bytes = new Uint8Array(MRC_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  const i32 = (word: number, v: number) => view.setInt32(word * 4, v, true);
  const f32 = (word: number, v: number) => view.setFloat32(word * 4, v, true);
  const [nx, ny, nz] = volume.dims;
  const [sx, sy, sz] = volume.voxelSize;
  i32(0, nx);
  i32(1, ny);
  i32(2, nz);
  i32(3, mode);
  // N[XYZ]START stay 0: the origin goes in the ORIGIN words, in Å, as ChimeraX and mrcfile do.
  i32(7, nx);
  i32(8, ny);
  i32(9, nz);
  f32(10, nx * sx);
  f32(11, ny * sy);
  f32(12, nz * sz);
  f32(13, 90);
  f32(14, 90);
  f32(15, 90);
  i32(16, 1);
  i32(17, 2);
  i32(18, 3);
  f32(19, stats.min);
  f32(20, stats.max);
  f32(21, stats.mean);
  i32(22, nz === 1 ? 0 : 1);
  i32(23, 0);
  i32(27, 20140);
  f32(49, volume.origin[0]);
  f32(50, volume.origin[1]);
  f32(51, volume.origin[2]);
  bytes.set([0x4d, 0x41, 0x50, 0x20], 208); // "MAP "
  bytes.set([0x44, 0x44, 0x00, 0x00], 212); // little-endian machine stamp
  f32(54, stats.rms);
  i32(55, labels.length);
  labels.forEach((label, k) => {
    for (let c = 0; c < 80; c++) {
      const code = c < label.length ? label.charCodeAt(c) : 32;
      bytes[224 + 80 * k + c] = code >= 32 && code < 127 ? code : 63; // '?'
    }
  });
  return bytes;
}

function checkGeometry(volume: Volume<VoxelArray>, file: string): void {
  if (!volume.voxelSize.every((v) => Number.isFinite(v) && v > 0)) {
    throw new VrsInputError(`voxel size ${volume.voxelSize.join(', ')} is not positive`, file, 'CELLA');
  }
  if (!volume.origin.every(Number.isFinite)) throw new VrsInputError(`origin ${volume.origin.join(', ')} is not finite`, file, 'ORIGIN');
}

/**
 * Writes an MRC2014 file (little-endian, MAP stamp, NVERSION 20140, axis order 1,2,3, statistics of
 * the stored values, origin in the ORIGIN words). The file appears atomically: it is written under a
 * temporary name in the same folder and renamed, so readers never see half a map.
 */
/** What writeMap wrote: the file's size and the SHA-256 (hex) of its bytes. */
export interface WrittenMap {
  size: number;
  sha256: string;
}

export async function writeMap(file: string, volume: Volume<VoxelArray>, opts: MapWriteOptions = {}): Promise<WrittenMap> {
  const mode = opts.mode ?? (volume.data instanceof Uint8Array ? 0 : 2);
  if (mode !== 0 && mode !== 2 && mode !== 12) throw new VrsInputError(`cannot write mode ${mode}; use 0, 2 or 12`, file, 'MODE');
  checkGeometry(volume, file);
  const labels = (opts.labels ?? [`cryo-vrs ${new Date().toISOString()}`]).slice(0, 10);
  const { encoded, stats } = encodeVoxels(volume.data, mode, file);
  const header = buildHeader(volume, mode, stats, labels);
  const body = littleEndianBytes(encoded);

  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  // Hashed from memory as it is written, so that a caller recording the file's digest (the step
  // store) need not read a large map back.
  const hash = createHash('sha256').update(header);
  try {
    await handle.write(header, 0, header.length, 0);
    const chunk = 64 << 20;
    for (let offset = 0; offset < body.length; offset += chunk) {
      const length = Math.min(chunk, body.length - offset);
      hash.update(body.subarray(offset, offset + length));
      await handle.write(body, offset, length, MRC_HEADER_BYTES + offset);
    }
    await handle.sync();
    await handle.close();
    await rename(temp, file);
    return { size: header.length + body.length, sha256: hash.digest('hex') };
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
