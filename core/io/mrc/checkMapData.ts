import { VrsInputError } from '../../errors/index.js';
import type { Vec3 } from '../../volume/index.js';
import type { MapStatistics } from './MapFile.js';
import { replaceNonFinite, scanNonFinite } from './mapStatistics.js';

function g6(v: number): string {
  return String(Number(v.toPrecision(6)));
}

function statsText(s: MapStatistics): string {
  return `${g6(s.min)} / ${g6(s.max)} / ${g6(s.mean)} / ${g6(s.rms)}`;
}

/**
 * Refuses (or, when allowed, zeroes and notes) NaN/±Inf voxels. `dims` locates the first bad voxel
 * for the message; for stacks the flat index runs over all images.
 */
export function enforceFiniteVoxels(data: Float32Array, dims: Vec3, source: string, allowNonFinite: boolean, notes: string[]): void {
  const scan = scanNonFinite(data);
  if (scan.count === 0) return;
  const [nx, ny] = dims;
  const x = scan.firstIndex % nx;
  const y = Math.floor(scan.firstIndex / nx) % ny;
  const z = Math.floor(scan.firstIndex / (nx * ny));
  const where = `first at voxel (x, y, z) = (${x}, ${y}, ${z}), flat index ${scan.firstIndex}, value ${data[scan.firstIndex]}`;
  if (!allowNonFinite) {
    throw new VrsInputError(`${scan.count} voxel(s) are NaN or infinite; ${where}`, source, 'data');
  }
  replaceNonFinite(data, 0);
  notes.push(`${scan.count} NaN/infinite voxel(s) replaced by 0 (${where})`);
}

/** MRC2014 marks statistics it did not compute with DMAX < DMIN, DMEAN below both, or RMS < 0. */
function headerStatsUnset(h: MapStatistics): boolean {
  return !(h.max >= h.min) || h.mean < Math.min(h.min, h.max) || (h.min === 0 && h.max === 0 && h.mean === 0);
}

/** Compares the header statistics with the data's and notes what is missing or stale. */
export function compareHeaderStatistics(header: MapStatistics, data: MapStatistics, notes: string[]): void {
  if (headerStatsUnset(header)) {
    notes.push(`header DMIN/DMAX/DMEAN (${g6(header.min)} / ${g6(header.max)} / ${g6(header.mean)}) are not set; statistics computed from the data`);
    return;
  }
  const range = Math.max(Math.abs(data.min), Math.abs(data.max), Number.MIN_VALUE);
  const spread = Math.max(data.rms, Number.MIN_VALUE);
  const rmsRecorded = header.rms > 0;
  const stale =
    Math.abs(header.min - data.min) > 1e-4 * range ||
    Math.abs(header.max - data.max) > 1e-4 * range ||
    Math.abs(header.mean - data.mean) > 1e-3 * spread ||
    (rmsRecorded && Math.abs(header.rms - data.rms) > 1e-3 * spread);
  if (stale) {
    notes.push(
      `header statistics are stale: header min / max / mean / rms = ${statsText(header)}, data = ${statsText(data)}; the data values are used`,
    );
  } else if (!rmsRecorded && data.rms > 0) {
    notes.push(`header RMS is ${g6(header.rms)} (not recorded by the writer); data rms ${g6(data.rms)}`);
  }
}
