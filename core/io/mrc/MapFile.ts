import type { Vec3, Volume } from '../../volume/index.js';

/** min / max / mean / rms of a map; rms is the population standard deviation (MRC2014 RMS). */
export interface MapStatistics {
  min: number;
  max: number;
  mean: number;
  rms: number;
}

/** Where `origin` came from: the ORIGIN words, N[XYZ]START × voxel size, the caller, or nothing. */
export type OriginSource = 'ORIGIN' | 'NSTART' | 'caller' | 'zero';

/**
 * The MRC/CCP4 header as written in the file. Triples indexed by axis (cellA, mxyz, originField) are
 * in x, y, z order as the format defines them; `nstart` is in file order (column, row, section) as
 * stored, because its meaning depends on `axisOrder`.
 */
export interface MapHeaderInfo {
  /** File grid size: columns, rows, sections (NX, NY, NZ words), before any axis permutation. */
  fileDims: Vec3;
  mode: number;
  endianness: 'little' | 'big';
  /** MAPC, MAPR, MAPS: which axis (1 = x, 2 = y, 3 = z) columns, rows and sections run along. */
  axisOrder: [number, number, number];
  cellA: Vec3;
  /** α, β, γ in degrees. */
  cellB: Vec3;
  /** MX, MY, MZ: grid sampling of the unit cell along x, y, z. */
  mxyz: Vec3;
  /** NXSTART, NYSTART, NZSTART as stored (column, row, section order). */
  nstart: Vec3;
  /** ORIGIN words 50–52 in Å (x, y, z). */
  originField: Vec3;
  originSource: OriginSource;
  spaceGroup: number;
  /** Bytes of extended header (symmetry records or EXTTYP data) after the 1024-byte header. */
  nsymbt: number;
  exttyp?: string;
  nversion?: number;
  /** True when the MAP stamp (word 53) is present. */
  hasMapStamp: boolean;
  labels: string[];
  headerStats: MapStatistics;
}

/** A map after parsing: the volume in our [z][y][x] layout, the header as stored and what was normalised. */
export interface ParsedMap {
  volume: Volume<Float32Array>;
  header: MapHeaderInfo;
  /** Every normalisation or oddity, as sentences the report can show. */
  notes: string[];
  /** Statistics of `volume.data` (float64 accumulation). */
  dataStats: MapStatistics;
}

/** A map read from disk: the parsed map plus the digests of the bytes used. */
export interface MapFile extends ParsedMap {
  path: string;
  /** SHA-256 (hex) of the file bytes as stored on disk. */
  sha256: string;
  /** For gzip input: SHA-256 of the decompressed MRC bytes (what the original service hashes). */
  sha256Decompressed?: string;
}

export interface MapReadOptions {
  /**
   * Replace NaN/±Inf voxels by 0 and record a note instead of refusing the file. Off by default:
   * the level-0 checks want a clear refusal.
   */
  allowNonFinite?: boolean;
  /**
   * Voxel size in Å from the caller (one number or per axis). Used when given; it is the only way to
   * read a file whose header cell is zero (common in particle stacks).
   */
  voxelSize?: number | Vec3;
}
