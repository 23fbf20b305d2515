/**
 * Builds MRC bytes field by field for tests, independently of the reader and the writer, so
 * synthetic good and bad files can be made with exactly the header a case needs.
 */
export interface RawMrcSpec {
  ncrs: [number, number, number];
  mode?: number;
  nstart?: [number, number, number];
  mxyz?: [number, number, number];
  cellA?: [number, number, number];
  cellB?: [number, number, number];
  axisOrder?: [number, number, number];
  stats?: { min: number; max: number; mean: number; rms: number };
  ispg?: number;
  /** Bytes of extended header to insert (filled with 0xAB). */
  nsymbt?: number;
  nversion?: number;
  originField?: [number, number, number];
  mapStamp?: boolean;
  /** Four MACHST bytes; default matches `littleEndian`. */
  machineStamp?: [number, number, number, number];
  littleEndian?: boolean;
  labels?: string[];
  /** IMOD stamp and flags words (mode 0 signedness). */
  imodFlags?: number;
  /** Voxel values in file order, encoded per mode; or the raw data block as is. */
  data?: ArrayLike<number> | Uint8Array;
  rawData?: Uint8Array;
}

export function buildRawMrc(spec: RawMrcSpec): Uint8Array {
  const le = spec.littleEndian ?? true;
  const mode = spec.mode ?? 2;
  const [nc, nr, ns] = spec.ncrs;
  const n = Math.max(nc, 0) * Math.max(nr, 0) * Math.max(ns, 0);
  const nsymbt = spec.nsymbt ?? 0;
  const body = spec.rawData ?? encode(spec.data ?? new Float32Array(n), mode, le, nc, nr * ns);
  const bytes = new Uint8Array(1024 + nsymbt + body.length);
  const view = new DataView(bytes.buffer);
  const i32 = (word: number, v: number) => view.setInt32(word * 4, v, le);
  const f32 = (word: number, v: number) => view.setFloat32(word * 4, v, le);
  i32(0, nc);
  i32(1, nr);
  i32(2, ns);
  i32(3, mode);
  const nstart = spec.nstart ?? [0, 0, 0];
  nstart.forEach((v, k) => i32(4 + k, v));
  const mxyz = spec.mxyz ?? [nc, nr, ns];
  mxyz.forEach((v, k) => i32(7 + k, v));
  const cellA = spec.cellA ?? [mxyz[0], mxyz[1], mxyz[2]];
  cellA.forEach((v, k) => f32(10 + k, v));
  (spec.cellB ?? [90, 90, 90]).forEach((v, k) => f32(13 + k, v));
  (spec.axisOrder ?? [1, 2, 3]).forEach((v, k) => i32(16 + k, v));
  const stats = spec.stats ?? { min: 0, max: 0, mean: 0, rms: 0 };
  f32(19, stats.min);
  f32(20, stats.max);
  f32(21, stats.mean);
  i32(22, spec.ispg ?? 1);
  i32(23, nsymbt);
  if (spec.imodFlags !== undefined) {
    i32(38, 1146047817);
    i32(39, spec.imodFlags);
  }
  i32(27, spec.nversion ?? 20140);
  (spec.originField ?? [0, 0, 0]).forEach((v, k) => f32(49 + k, v));
  if (spec.mapStamp ?? true) bytes.set([77, 65, 80, 32], 208);
  bytes.set(spec.machineStamp ?? (le ? [0x44, 0x44, 0, 0] : [0x11, 0x11, 0, 0]), 212);
  f32(54, stats.rms);
  const labels = spec.labels ?? ['test file'];
  i32(55, labels.length);
  labels.forEach((label, k) => {
    for (let c = 0; c < Math.min(80, label.length); c++) bytes[224 + 80 * k + c] = label.charCodeAt(c);
  });
  bytes.fill(0xab, 1024, 1024 + nsymbt);
  bytes.set(body, 1024 + nsymbt);
  return bytes;
}

function encode(values: ArrayLike<number>, mode: number, le: boolean, columns: number, rows: number): Uint8Array {
  const n = values.length;
  if (mode === 101) {
    const rowBytes = Math.ceil(columns / 2);
    const out = new Uint8Array(rowBytes * rows);
    for (let i = 0; i < n; i++) {
      const row = Math.floor(i / columns);
      const c = i % columns;
      out[row * rowBytes + (c >> 1)]! |= (values[i]! & 0xf) << (c & 1 ? 4 : 0);
    }
    return out;
  }
  const width = mode === 0 ? 1 : mode === 2 ? 4 : 2;
  const out = new Uint8Array(n * width);
  const view = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (mode === 0) view.setUint8(i, v & 0xff);
    else if (mode === 1) view.setInt16(2 * i, v, le);
    else if (mode === 6 || mode === 12) view.setUint16(2 * i, v, le); // mode 12: caller passes half-float bit patterns
    else view.setFloat32(4 * i, v, le);
  }
  return out;
}
