// Helpers shared by the hand tests: crop a map to its thresholded region and map that region onto
// the Fourier-resampled working grid. Internal to core/kernels/hand (not re-exported by index.ts).
import { type Vec3, Volume, type VolumeGeometry } from '../../volume/index.js';
import { fftFriendlySize } from './fftFriendlySize.js';

/** A copy of a grid's geometry (fresh arrays). */
export function cloneGeometry(g: VolumeGeometry): VolumeGeometry {
  return { dims: [...g.dims], voxelSize: [...g.voxelSize], origin: [...g.origin] };
}

/** A copy of the box [start, start + dims) of a map, with its origin. */
export function cropVolume(volume: Volume<Float32Array>, start: Vec3, dims: Vec3): Volume<Float32Array> {
  const [nx, ny] = volume.dims;
  const [cx, cy, cz] = dims;
  const out = new Float32Array(cx * cy * cz);
  for (let z = 0; z < cz; z++)
    for (let y = 0; y < cy; y++) {
      const from = ((start[2] + z) * ny + start[1] + y) * nx + start[0];
      out.set(volume.data.subarray(from, from + cx), (z * cy + y) * cx);
    }
  const origin = volume.origin.map((o, a) => o + start[a]! * volume.voxelSize[a]!) as Vec3;
  return new Volume(out, { dims: [...dims], voxelSize: [...volume.voxelSize], origin });
}

/** 1 where the original map's nearest voxel to the working-grid voxel reaches the threshold. */
export function thresholdRegion(volume: Volume<Float32Array>, threshold: number, grid: VolumeGeometry): Uint8Array {
  const [mx, my, mz] = grid.dims;
  const [nx, ny, nz] = volume.dims;
  const index = (a: 0 | 1 | 2, m: number, n: number): Int32Array =>
    Int32Array.from({ length: m }, (_, i) => {
      const k = Math.round((grid.origin[a] + i * grid.voxelSize[a] - volume.origin[a]) / volume.voxelSize[a]);
      return k < 0 || k >= n ? -1 : k;
    });
  const ix = index(0, mx, nx);
  const iy = index(1, my, ny);
  const iz = index(2, mz, nz);
  const out = new Uint8Array(mx * my * mz);
  const d = volume.data;
  for (let z = 0, p = 0; z < mz; z++) {
    const kz = iz[z]!;
    for (let y = 0; y < my; y++) {
      const ky = iy[y]!;
      for (let x = 0; x < mx; x++, p++) {
        const kx = ix[x]!;
        if (kz < 0 || ky < 0 || kx < 0) continue;
        if (d[(kz * ny + ky) * nx + kx]! >= threshold) out[p] = 1;
      }
    }
  }
  return out;
}

/** Voxels at or above the threshold and the box [first, last] (inclusive) that holds them. */
export function thresholdBox(volume: Volume<Float32Array>, threshold: number): { count: number; first: Vec3; last: Vec3 } {
  const [nx, ny, nz] = volume.dims;
  const src = volume.data;
  const first: Vec3 = [nx, ny, nz];
  const last: Vec3 = [-1, -1, -1];
  let count = 0;
  for (let z = 0, i = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        const v = src[i]!;
        if (v - v !== 0) throw new RangeError(`map voxel (${x}, ${y}, ${z}) is ${v}, not a finite number`);
        if (v < threshold) continue;
        count++;
        if (x < first[0]) first[0] = x;
        if (x > last[0]) last[0] = x;
        if (y < first[1]) first[1] = y;
        if (y > last[1]) last[1] = y;
        if (z < first[2]) first[2] = z;
        if (z > last[2]) last[2] = z;
      }
  return { count, first, last };
}

/** The crop around the thresholded region and the working grid both hand tests resample it to. */
export interface CroppedWorkingGrid {
  crop: Volume<Float32Array>;
  cropDims: Vec3;
  /** Highest frequency (Å⁻¹) kept: the low-pass edge plus its roll-off, below the map's Nyquist. */
  fMax: number;
  workDims: Vec3;
  grid: VolumeGeometry;
}

/**
 * Crops the map to the box holding the thresholded voxels plus `margin` Å (sizes rounded up to
 * FFT-friendly lengths, never beyond the box), then picks the working grid: about `sampling` Å
 * per voxel and enough samples for every frequency up to fMax = 1/lowPassResolution + rollOff.
 */
export function croppedWorkingGrid(
  volume: Volume<Float32Array>, box: { first: Vec3; last: Vec3 }, opts: { margin: number; sampling: number; lowPassResolution: number; rollOff: number },
): CroppedWorkingGrid {
  const ts = volume.voxelSize;
  const cropStart: Vec3 = [0, 0, 0];
  const cropDims: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const n = volume.dims[a]!;
    const pad = Math.ceil(opts.margin / ts[a]!);
    const lo = Math.max(0, box.first[a]! - pad);
    const hi = Math.min(n - 1, box.last[a]! + pad);
    let size = fftFriendlySize(hi - lo + 1);
    if (size > n) size = n;
    cropDims[a] = size;
    cropStart[a] = Math.min(n - size, Math.max(0, Math.round((lo + hi + 1 - size) / 2)));
  }
  const crop = cropVolume(volume, cropStart, cropDims);
  const nyquist = 0.5 / Math.max(...ts);
  const fMax = Math.min(1 / opts.lowPassResolution + opts.rollOff, nyquist * (1 - 1e-6));
  const workDims = cropDims.map((n, a) => {
    const boxLength = n * ts[a]!;
    const kMax = Math.floor(fMax * boxLength + 1e-9);
    return fftFriendlySize(Math.max(Math.ceil(boxLength / opts.sampling), 2 * kMax + 2));
  }) as Vec3;
  const workVoxel = workDims.map((m, a) => (cropDims[a]! * ts[a]!) / m) as Vec3;
  return { crop, cropDims, fMax, workDims, grid: { dims: workDims, voxelSize: workVoxel, origin: [...crop.origin] } };
}
