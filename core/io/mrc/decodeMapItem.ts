import type { Vec3 } from '../../volume/index.js';
import { halfToFloatLookup } from './float16.js';
import { mrcRowBytes } from './mrcModes.js';
import { hostLittleEndian } from './hostLittleEndian.js';

export interface ItemDecoding {
  mode: number;
  littleEndian: boolean;
  int8Unsigned: boolean;
  /** Columns, rows, sections of the item in file order. */
  itemFileDims: Vec3;
  axisOrder: [number, number, number];
}


/**
 * Turns one item's raw bytes (file order) into float32 voxels in x-fastest [z][y][x] order.
 *
 * `rawIsScratch` says the caller owns `raw` and it may be reused as output storage (the float32 fast
 * path then costs no copy at all); when false, `raw` is never written.
 */
export function decodeMapItem(raw: Uint8Array, d: ItemDecoding, rawIsScratch: boolean): Float32Array {
  const fileOrder = decodeFileOrder(raw, d, rawIsScratch);
  return permuteToXyz(fileOrder, d.itemFileDims, d.axisOrder);
}

function decodeFileOrder(raw: Uint8Array, d: ItemDecoding, rawIsScratch: boolean): Float32Array {
  const [nc, nr, ns] = d.itemFileDims;
  const n = nc * nr * ns;
  const le = d.littleEndian;
  const native = le === hostLittleEndian;
  switch (d.mode) {
    case 2: {
      if (native && rawIsScratch && raw.byteOffset % 4 === 0) return new Float32Array(raw.buffer, raw.byteOffset, n);
      if (native) {
        const out = new Float32Array(n);
        new Uint8Array(out.buffer).set(raw.subarray(0, 4 * n));
        return out;
      }
      const out = rawIsScratch && raw.byteOffset % 4 === 0 ? new Float32Array(raw.buffer, raw.byteOffset, n) : new Float32Array(n);
      const view = new DataView(raw.buffer, raw.byteOffset, 4 * n);
      // Reading slot i before writing slot i makes the in-place swap safe.
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, le);
      return out;
    }
    case 0: {
      const out = new Float32Array(n);
      if (d.int8Unsigned) {
        for (let i = 0; i < n; i++) out[i] = raw[i]!;
      } else {
        const signed = new Int8Array(raw.buffer, raw.byteOffset, n);
        for (let i = 0; i < n; i++) out[i] = signed[i]!;
      }
      return out;
    }
    case 1:
    case 6:
    case 12: {
      const out = new Float32Array(n);
      const view = new DataView(raw.buffer, raw.byteOffset, 2 * n);
      if (d.mode === 1) {
        for (let i = 0; i < n; i++) out[i] = view.getInt16(2 * i, le);
      } else if (d.mode === 6) {
        for (let i = 0; i < n; i++) out[i] = view.getUint16(2 * i, le);
      } else {
        const table = halfToFloatLookup();
        for (let i = 0; i < n; i++) out[i] = table[view.getUint16(2 * i, le)]!;
      }
      return out;
    }
    case 101: {
      // IMOD packing: two 4-bit unsigned values per byte, low nibble first, each row starting on a byte.
      const out = new Float32Array(n);
      const rowBytes = mrcRowBytes(101, nc);
      let o = 0;
      for (let row = 0; row < nr * ns; row++) {
        const base = row * rowBytes;
        for (let c = 0; c < nc; c++) {
          const byte = raw[base + (c >> 1)]!;
          out[o++] = c & 1 ? byte >> 4 : byte & 0x0f;
        }
      }
      return out;
    }
    default:
      throw new RangeError(`decodeMapItem: unsupported mode ${d.mode}`);
  }
}

/** Reorders a file-order grid (columns along axis MAPC, rows along MAPR, sections along MAPS) into x-fastest order. */
export function permuteToXyz(fileOrder: Float32Array, fileDims: Vec3, axisOrder: [number, number, number]): Float32Array {
  const [mapc, mapr, maps] = axisOrder;
  if (mapc === 1 && mapr === 2 && maps === 3) return fileOrder;
  const [nc, nr, ns] = fileDims;
  const dims: Vec3 = [0, 0, 0];
  dims[mapc - 1] = nc;
  dims[mapr - 1] = nr;
  dims[maps - 1] = ns;
  const strides = [1, dims[0], dims[0] * dims[1]];
  const strideC = strides[mapc - 1]!;
  const strideR = strides[mapr - 1]!;
  const strideS = strides[maps - 1]!;
  const out = new Float32Array(fileOrder.length);
  let i = 0;
  for (let s = 0; s < ns; s++) {
    for (let r = 0; r < nr; r++) {
      let o = s * strideS + r * strideR;
      for (let c = 0; c < nc; c++, o += strideC) out[o] = fileOrder[i++]!;
    }
  }
  return out;
}
