import { VrsInputError } from '../../errors/index.js';
import type { Vec3 } from '../../volume/index.js';

export const MRC_HEADER_BYTES = 1024;

/** IMOD writes this at word 39 ("IMOD" read as a little-endian int). */
const IMOD_STAMP = 1146047817;

/** The 1024-byte MRC/CCP4 header, field by field, in the byte order the file uses. */
export interface RawMrcHeader {
  littleEndian: boolean;
  /** NX, NY, NZ: columns, rows, sections. */
  ncrs: Vec3;
  mode: number;
  nstart: Vec3;
  mxyz: Vec3;
  cellA: Vec3;
  cellB: Vec3;
  axisOrder: [number, number, number];
  dmin: number;
  dmax: number;
  dmean: number;
  ispg: number;
  nsymbt: number;
  exttyp: string | undefined;
  nversion: number | undefined;
  /** IMOD flags word when the IMOD stamp is present. */
  imodFlags: number | undefined;
  originField: Vec3;
  hasMapStamp: boolean;
  /** The four MACHST bytes. */
  machineStamp: [number, number, number, number];
  rms: number;
  nlabl: number;
  labels: string[];
  /** Oddities met while decoding the header words (byte order, stamp, labels). */
  notes: string[];
}

/** Modes the field may plausibly hold; anything else means the byte order guess is wrong or the file is not MRC. */
function isPlausibleMode(mode: number): boolean {
  return (mode >= 0 && mode <= 16) || mode === 101;
}

function plausibleWithByteOrder(view: DataView, little: boolean): boolean {
  const limit = 1 << 24;
  for (let word = 0; word < 3; word++) {
    const n = view.getInt32(word * 4, little);
    if (n <= -limit || n >= limit) return false;
  }
  return isPlausibleMode(view.getInt32(12, little));
}

function printable(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b >= 32 && b < 127 ? String.fromCharCode(b) : ' ';
  return s.trimEnd();
}

function formatBytes(bytes: readonly number[]): string {
  return bytes.map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ');
}

/**
 * Decodes the fixed MRC2014/CCP4 header. Byte order comes from MACHST when it agrees with a sane
 * NX/NY/NZ/MODE, otherwise from the sanity test alone (old files have no or wrong stamps).
 * Throws VrsInputError when the bytes cannot be an MRC header at all.
 */
export function parseMrcHeader(bytes: Uint8Array, source: string): RawMrcHeader {
  if (bytes.length < MRC_HEADER_BYTES) {
    throw new VrsInputError(
      `file is ${bytes.length} bytes, shorter than the 1024-byte MRC header (truncated or not an MRC file)`,
      source,
      'header',
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, MRC_HEADER_BYTES);
  const notes: string[] = [];
  const machineStamp: [number, number, number, number] = [bytes[212]!, bytes[213]!, bytes[214]!, bytes[215]!];
  // 0x44 (0x44 or 0x41) marks little-endian, 0x11 0x11 big-endian; the last two bytes vary between writers.
  const stampSays: 'little' | 'big' | undefined =
    machineStamp[0] === 0x44 && (machineStamp[1] === 0x44 || machineStamp[1] === 0x41)
      ? 'little'
      : machineStamp[0] === 0x11 && machineStamp[1] === 0x11
        ? 'big'
        : undefined;
  const hasMapStamp = bytes[208] === 0x4d && bytes[209] === 0x41 && bytes[210] === 0x50; // "MAP"

  const saneLittle = plausibleWithByteOrder(view, true);
  const saneBig = plausibleWithByteOrder(view, false);
  let littleEndian: boolean;
  if (saneLittle && saneBig) {
    littleEndian = stampSays !== 'big';
  } else if (saneLittle || saneBig) {
    littleEndian = saneLittle;
    const found = littleEndian ? 'little' : 'big';
    if (stampSays === undefined) {
      notes.push(`no machine stamp (MACHST = ${formatBytes(machineStamp)}); byte order ${found}-endian inferred from NX/NY/NZ/MODE`);
    } else if (stampSays !== found) {
      notes.push(`machine stamp MACHST says ${stampSays}-endian but the header only makes sense as ${found}-endian; read as ${found}-endian`);
    }
  } else {
    const modeLe = view.getInt32(12, true);
    if (hasMapStamp || stampSays !== undefined) {
      // With a valid MODE in the stamped order, the fault is a grid size: name that field.
      const little = stampSays !== 'big';
      if (isPlausibleMode(view.getInt32(12, little))) {
        const limit = 1 << 24;
        for (const [word, name] of ['NX', 'NY', 'NZ'].entries()) {
          const n = view.getInt32(word * 4, little);
          if (n <= -limit || n >= limit) {
            throw new VrsInputError(`${name} reads ${n}${n < 0 ? ` (${n >>> 0} unsigned)` : ''}: not a possible grid size (at most ${limit - 1} voxels along an axis); corrupt header`, source, name);
          }
        }
      }
      throw new VrsInputError(
        `header words NX/NY/NZ/MODE are not valid in either byte order (MODE reads ${modeLe} little-endian); corrupt header or unknown mode`,
        source,
        'MODE',
      );
    }
    throw new VrsInputError('not an MRC/CCP4 map: no MAP stamp, no machine stamp and no sane NX/NY/NZ/MODE in either byte order', source, 'header');
  }
  if (!littleEndian) notes.push('big-endian file: bytes swapped on read');

  const i32 = (word: number): number => view.getInt32(word * 4, littleEndian);
  const f32 = (word: number): number => view.getFloat32(word * 4, littleEndian);
  const triple = (word: number, read: (w: number) => number): Vec3 => [read(word), read(word + 1), read(word + 2)];

  const exttypBytes = bytes.subarray(104, 108);
  const exttyp = exttypBytes.some((b) => b !== 0) ? printable(exttypBytes) || undefined : undefined;
  const nversionRaw = i32(27);
  const imodFlags = i32(38) === IMOD_STAMP ? i32(39) : undefined;

  let nlabl = i32(55);
  if (nlabl < 0 || nlabl > 10) {
    notes.push(`NLABL = ${nlabl} is outside 0–10; labels read as all non-empty of the 10 label slots`);
    nlabl = -1;
  }
  const labels: string[] = [];
  for (let k = 0; k < 10; k++) {
    const text = printable(bytes.subarray(224 + 80 * k, 304 + 80 * k)).trim();
    if (nlabl >= 0 ? k < nlabl : text.length > 0) labels.push(text);
  }

  return {
    littleEndian,
    ncrs: triple(0, i32),
    mode: i32(3),
    nstart: triple(4, i32),
    mxyz: triple(7, i32),
    cellA: triple(10, f32),
    cellB: triple(13, f32),
    axisOrder: [i32(16), i32(17), i32(18)],
    dmin: f32(19),
    dmax: f32(20),
    dmean: f32(21),
    ispg: i32(22),
    nsymbt: i32(23),
    exttyp,
    nversion: nversionRaw > 0 ? nversionRaw : undefined,
    imodFlags,
    originField: triple(49, f32),
    hasMapStamp,
    machineStamp,
    rms: f32(54),
    nlabl: nlabl < 0 ? labels.length : nlabl,
    labels,
    notes,
  };
}
