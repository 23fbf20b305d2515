import type { Vec3 } from '../../../core/index.js';

/** The `info` output of vrs.importMap: what the map is and what the reader did to it. */
export interface MapInfo {
  /** File name as given (no folder: the cache key does not depend on where the file sits). */
  fileName: string;
  /** SHA-256 of the file bytes as stored on disk. */
  sha256: string;
  /** SHA-256 of the decompressed bytes, for a gzip file (what the original service hashes). */
  sha256Decompressed?: string;
  dims: Vec3;
  voxelSize: Vec3;
  origin: Vec3;
  header: {
    mode: number;
    endianness: 'little' | 'big';
    axisOrder: [number, number, number];
    cellA: Vec3;
    cellB: Vec3;
    spaceGroup: number;
    originSource: string;
    labels: string[];
    stats: { min: number; max: number; mean: number; rms: number };
  };
  /** Statistics of the data as read (float64 accumulation); rms is the population standard deviation. */
  dataStats: { min: number; max: number; mean: number; rms: number };
  /** Every normalisation the reader applied, as sentences for the report. */
  notes: string[];
}
