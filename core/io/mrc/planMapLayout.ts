import path from 'node:path';
import { VrsInputError } from '../../errors/index.js';
import type { Vec3 } from '../../volume/index.js';
import type { MapHeaderInfo, MapReadOptions, OriginSource } from './MapFile.js';
import { assertSupportedMode, mrcModeName, mrcRowBytes } from './mrcModes.js';
import { MRC_HEADER_BYTES, type RawMrcHeader } from './parseMrcHeader.js';

/**
 * How a file is to be cut into items: one volume, a stack of 2D images, or a stack of volumes
 * (MRC2014 ISPG 401+, MZ sections each).
 */
export type MapStackKind = 'volume' | 'images' | 'volumes';

/** Everything needed to turn the data block into volumes, decided from the header alone. */
export interface MapLayout {
  header: MapHeaderInfo;
  notes: string[];
  littleEndian: boolean;
  mode: number;
  /** Mode 0 only: bytes are unsigned (pre-2014 and IMOD-flagged files), not MRC2014's signed int8. */
  int8Unsigned: boolean;
  /** Byte offset of the voxel data (header + extended header). */
  dataOffset: number;
  /** Bytes of voxel data the header announces for the whole file. */
  dataBytes: number;
  stackKind: MapStackKind;
  itemCount: number;
  /** File-order grid of one item: columns, rows, sections. */
  itemFileDims: Vec3;
  itemBytes: number;
  /** One item's grid after permutation, [nx, ny, nz]. */
  itemDims: Vec3;
  voxelSize: Vec3;
  origin: Vec3;
  /** MAPC, MAPR, MAPS after validation (1,2,3 when the file left them zero). */
  axisOrder: [number, number, number];
}

const AXIS = ['x', 'y', 'z'] as const;

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

function fmtVec(v: readonly number[]): string {
  return v.map(fmt).join(', ');
}

function validateAxisOrder(raw: RawMrcHeader, source: string, notes: string[]): [number, number, number] {
  const [c, r, s] = raw.axisOrder;
  if (c === 0 && r === 0 && s === 0) {
    notes.push('MAPC/MAPR/MAPS are all 0 (old writer); standard order 1,2,3 assumed');
    return [1, 2, 3];
  }
  const sorted = [c, r, s].sort();
  if (sorted[0] !== 1 || sorted[1] !== 2 || sorted[2] !== 3) {
    throw new VrsInputError(`MAPC/MAPR/MAPS = ${c},${r},${s} is not a permutation of 1,2,3`, source, 'MAPC/MAPR/MAPS');
  }
  if (c !== 1 || r !== 2 || s !== 3) {
    notes.push(`axis order MAPC/MAPR/MAPS = ${c},${r},${s} permuted to x,y,z`);
  }
  return [c, r, s];
}

function decideStackKind(raw: RawMrcHeader, source: string, notes: string[]): MapStackKind {
  const ns = raw.ncrs[2];
  const base = path.basename(source).toLowerCase().replace(/\.gz$/, '');
  const mz = raw.mxyz[2];
  if (raw.ispg >= 401 && raw.ispg <= 630 && mz > 0 && ns % mz === 0 && ns / mz > 1) return 'volumes';
  if (base.endsWith('.mrcs')) return 'images';
  if (raw.ispg === 0 && ns > 1) {
    if (mz === 1) return 'images';
    notes.push(
      `ISPG = 0 (MRC2014: image stack) but MZ = ${mz} and the name is not .mrcs: read as one volume (Chimera and other writers use ISPG 0 for volumes)`,
    );
  }
  return 'volume';
}

function voxelSizeFromCell(raw: RawMrcHeader): { size: Vec3; badAxis: number | undefined } {
  const size: Vec3 = [0, 0, 0];
  let badAxis: number | undefined;
  for (let k = 0; k < 3; k++) {
    const m = raw.mxyz[k]!;
    const a = raw.cellA[k]!;
    size[k] = m > 0 ? a / m : Number.NaN;
    if (!(Number.isFinite(size[k]) && size[k]! > 0) && badAxis === undefined) badAxis = k;
  }
  return { size, badAxis };
}

function resolveVoxelSize(raw: RawMrcHeader, kind: MapStackKind, source: string, opts: MapReadOptions, notes: string[]): Vec3 {
  const fromCell = voxelSizeFromCell(raw);
  // A 2D image has no z spacing; only x and y must be meaningful.
  const badAxis = kind === 'images' && fromCell.badAxis === 2 ? undefined : fromCell.badAxis;
  const header = fromCell.size;
  if (kind === 'images' && !(header[2] > 0 && Number.isFinite(header[2]))) header[2] = header[0];

  if (opts.voxelSize !== undefined) {
    const given: Vec3 = typeof opts.voxelSize === 'number' ? [opts.voxelSize, opts.voxelSize, opts.voxelSize] : [...opts.voxelSize];
    if (!given.every((v) => Number.isFinite(v) && v > 0)) {
      throw new VrsInputError(`voxel size ${fmtVec(given)} given by the caller is not positive`, source, 'voxelSize');
    }
    if (badAxis !== undefined) {
      notes.push(`header cell gives no voxel size (CELLA = ${fmtVec(raw.cellA)}, MX/MY/MZ = ${fmtVec(raw.mxyz)}); voxel size ${fmtVec(given)} Å given by the caller used`);
    } else if (given.some((v, k) => (kind !== 'images' || k < 2) && Math.abs(v - header[k]!) > 1e-4 * v)) {
      notes.push(`voxel size ${fmtVec(given)} Å given by the caller overrides the header's ${fmtVec(header)} Å (CELLA / MX,MY,MZ)`);
    }
    return given;
  }
  if (badAxis !== undefined) {
    const field = raw.mxyz[badAxis]! <= 0 ? `M${AXIS[badAxis]!.toUpperCase()}` : 'CELLA';
    throw new VrsInputError(
      `voxel size along ${AXIS[badAxis]} is not a positive number (CELLA = ${fmtVec(raw.cellA)}, MX/MY/MZ = ${fmtVec(raw.mxyz)}); give the voxel size explicitly`,
      source,
      field,
    );
  }
  return header;
}

function describeCell(raw: RawMrcHeader, itemDims: Vec3, voxelSize: Vec3, kind: MapStackKind, notes: string[]): void {
  const [sx, sy, sz] = voxelSize;
  if (kind !== 'images' && (Math.abs(sx - sy) > 1e-6 * sx || Math.abs(sx - sz) > 1e-6 * sx)) {
    notes.push(`anisotropic voxel size ${fmtVec(voxelSize)} Å (x, y, z); kept per axis, not averaged`);
  }
  const angles = raw.cellB;
  if (angles.every((a) => a === 0)) {
    notes.push('cell angles are 0 (not set); treated as 90°');
  } else if (angles.some((a) => Math.abs(a - 90) > 1e-3)) {
    notes.push(
      `cell angles α, β, γ = ${fmtVec(angles)}° are not all 90°; the grid is treated as orthogonal with the voxel sizes along a, b, c`,
    );
  }
  const m = raw.mxyz;
  if (kind === 'volume' && (m[0] !== itemDims[0] || m[1] !== itemDims[1] || m[2] !== itemDims[2])) {
    notes.push(
      `sampling MX,MY,MZ = ${fmtVec(m)} differs from the grid ${fmtVec(itemDims)} (x, y, z); voxel size is CELLA / MX,MY,MZ`,
    );
  }
}

function resolveOrigin(
  raw: RawMrcHeader,
  axisOrder: [number, number, number],
  voxelSize: Vec3,
  source: string,
  notes: string[],
): { origin: Vec3; originSource: OriginSource } {
  if (!raw.originField.every(Number.isFinite)) {
    throw new VrsInputError(`ORIGIN = ${fmtVec(raw.originField)} is not finite`, source, 'ORIGIN');
  }
  const nstartXyz: Vec3 = [0, 0, 0];
  for (let k = 0; k < 3; k++) nstartXyz[axisOrder[k]! - 1] = raw.nstart[k]!;
  const hasOriginField = raw.originField.some((v) => v !== 0);
  const hasNstart = nstartXyz.some((v) => v !== 0);
  if (hasOriginField) {
    let nstartText = '';
    if (hasNstart) {
      const fromNstart = nstartXyz.map((v, k) => v * voxelSize[k]!);
      const agree = fromNstart.every((v, k) => Math.abs(v - raw.originField[k]!) <= 1e-3 * voxelSize[k]!);
      nstartText = agree
        ? `; N[XYZ]START = ${fmtVec(nstartXyz)} (x, y, z) agree with it`
        : `; N[XYZ]START = ${fmtVec(nstartXyz)} (x, y, z) would give ${fmtVec(fromNstart)} Å and are ignored`;
    }
    notes.push(`origin taken from the ORIGIN words: ${fmtVec(raw.originField)} Å${nstartText}`);
    return { origin: [...raw.originField], originSource: 'ORIGIN' };
  }
  if (hasNstart) {
    const origin: Vec3 = [nstartXyz[0] * voxelSize[0], nstartXyz[1] * voxelSize[1], nstartXyz[2] * voxelSize[2]];
    notes.push(`origin from N[XYZ]START × voxel size: (${fmtVec(nstartXyz)}) voxels = ${fmtVec(origin)} Å (ORIGIN words are 0)`);
    return { origin, originSource: 'NSTART' };
  }
  return { origin: [0, 0, 0], originSource: 'zero' };
}

function decideInt8Signedness(raw: RawMrcHeader, notes: string[]): boolean {
  if (raw.imodFlags !== undefined) {
    const signed = (raw.imodFlags & 1) === 1;
    notes.push(`mode 0 read as ${signed ? 'signed' : 'unsigned'} bytes, as the IMOD flags in the header say`);
    return !signed;
  }
  if (raw.dmin >= 0 && raw.dmax > 127.5 && raw.dmax <= 255) {
    notes.push(`mode 0 read as unsigned bytes (pre-MRC2014 convention): header DMIN/DMAX = ${fmt(raw.dmin)}/${fmt(raw.dmax)} exceed the int8 range`);
    return true;
  }
  notes.push('mode 0 read as signed int8 (MRC2014); some older writers meant unsigned bytes');
  return false;
}

/**
 * Decides geometry and data layout from the header, validating every field the result depends on.
 * `totalBytes` is the size of the (decompressed) file when known, to refuse a size mismatch before
 * reading any data.
 */
export function planMapLayout(
  raw: RawMrcHeader,
  source: string,
  opts: MapReadOptions = {},
  totalBytes?: number,
  intent: 'map' | 'stack' = 'map',
): MapLayout {
  const notes = [...raw.notes];
  const [nc, nr, ns] = raw.ncrs;
  (['NX', 'NY', 'NZ'] as const).forEach((field, k) => {
    if (!(raw.ncrs[k]! > 0)) throw new VrsInputError(`${field} = ${raw.ncrs[k]} is not a positive grid size`, source, field);
  });
  assertSupportedMode(raw.mode, source);
  if (raw.nsymbt < 0) throw new VrsInputError(`NSYMBT = ${raw.nsymbt} is negative`, source, 'NSYMBT');
  if (!raw.hasMapStamp) notes.push("no 'MAP ' stamp at word 53 (pre-2000 CCP4/MRC writer); the rest of the header is sane");
  if (raw.nsymbt > 0) {
    const what = raw.exttyp
      ? `EXTTYP ${raw.exttyp}`
      : raw.ispg > 1 && raw.ispg < 401
        ? `CCP4 symmetry records for space group ${raw.ispg}`
        : 'no EXTTYP';
    notes.push(`extended header of ${raw.nsymbt} bytes (NSYMBT; ${what}) skipped`);
  }

  const axisOrder = validateAxisOrder(raw, source, notes);
  let stackKind = decideStackKind(raw, source, notes);
  if (intent === 'stack' && stackKind === 'volume' && ns > 1) {
    notes.push(`header describes one volume; its ${ns} sections are returned as images`);
    stackKind = 'images';
  }
  const sectionsPerItem = stackKind === 'images' ? 1 : stackKind === 'volumes' ? raw.mxyz[2] : ns;
  const itemCount = ns / sectionsPerItem;
  const itemFileDims: Vec3 = [nc, nr, sectionsPerItem];
  const itemDims: Vec3 = [0, 0, 0];
  for (let k = 0; k < 3; k++) itemDims[axisOrder[k]! - 1] = itemFileDims[k]!;

  const rowBytes = mrcRowBytes(raw.mode, nc);
  const itemBytes = rowBytes * nr * sectionsPerItem;
  const dataBytes = itemBytes * itemCount;
  const dataOffset = MRC_HEADER_BYTES + raw.nsymbt;
  if (totalBytes !== undefined) {
    const expected = dataOffset + dataBytes;
    if (totalBytes < expected) {
      throw new VrsInputError(
        `file is ${totalBytes} bytes but the header (${nc}×${nr}×${ns} voxels, mode ${raw.mode} ${mrcModeName(raw.mode)}, ${raw.nsymbt} extended-header bytes) needs ${expected}: truncated file or wrong header`,
        source,
        'file size',
      );
    }
    if (totalBytes > expected) {
      throw new VrsInputError(
        `file is ${totalBytes} bytes, ${totalBytes - expected} more than the header (${nc}×${nr}×${ns} voxels, mode ${raw.mode}, NSYMBT ${raw.nsymbt}) accounts for: wrong header or wrong mode`,
        source,
        'file size',
      );
    }
  }

  const voxelSize = resolveVoxelSize(raw, stackKind, source, opts, notes);
  describeCell(raw, itemDims, voxelSize, stackKind, notes);
  const { origin, originSource } = resolveOrigin(raw, axisOrder, voxelSize, source, notes);
  const int8Unsigned = raw.mode === 0 ? decideInt8Signedness(raw, notes) : false;
  if (raw.mode !== 2 && raw.mode !== 0) notes.push(`mode ${raw.mode} (${mrcModeName(raw.mode)}) converted to float32`);

  const header: MapHeaderInfo = {
    fileDims: [nc, nr, ns],
    mode: raw.mode,
    endianness: raw.littleEndian ? 'little' : 'big',
    axisOrder: [...raw.axisOrder],
    cellA: [...raw.cellA],
    cellB: [...raw.cellB],
    mxyz: [...raw.mxyz],
    nstart: [...raw.nstart],
    originField: [...raw.originField],
    originSource,
    spaceGroup: raw.ispg,
    nsymbt: raw.nsymbt,
    ...(raw.exttyp !== undefined ? { exttyp: raw.exttyp } : {}),
    ...(raw.nversion !== undefined ? { nversion: raw.nversion } : {}),
    hasMapStamp: raw.hasMapStamp,
    labels: raw.labels,
    headerStats: { min: raw.dmin, max: raw.dmax, mean: raw.dmean, rms: raw.rms },
  };

  return {
    header,
    notes,
    littleEndian: raw.littleEndian,
    mode: raw.mode,
    int8Unsigned,
    dataOffset,
    dataBytes,
    stackKind,
    itemCount,
    itemFileDims,
    itemBytes,
    itemDims,
    voxelSize,
    origin,
    axisOrder,
  };
}
