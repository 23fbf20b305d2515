import { irfft3d, rfft3d } from '../fft/index.js';
import type { Vec3, Volume, VoxelArray } from '../volume/index.js';
import { applyRadialFilter, type RadialResponse } from './applyRadialFilter.js';

export interface FilterOptions {
  /** Pass |f| in Å⁻¹ (per-axis voxel size) instead of digital frequency to the response. */
  physicalUnits?: boolean;
  /** FFT worker threads (default: core/fft's default). */
  threads?: number;
}

/**
 * Filters a map by a radial transfer function: r2c FFT, multiply, c2r FFT (periodic boundary, as
 * Xmipp's Fourier filters). Returns a new float32 volume with the same geometry.
 */
export async function filterVolume(volume: Volume<VoxelArray>, response: RadialResponse, opts: FilterOptions = {}): Promise<Volume<Float32Array>> {
  const dims: Vec3 = volume.dims;
  const real = volume.data instanceof Float32Array || volume.data instanceof Float64Array ? volume.data : Float32Array.from(volume.data);
  const fftOpts = opts.threads === undefined ? {} : { threads: opts.threads };
  const spectrum = await rfft3d(real, dims, fftOpts);
  applyRadialFilter(spectrum, dims, response, opts.physicalUnits ? { voxelSize: volume.voxelSize } : {});
  const filtered = await irfft3d(spectrum, dims, { ...fftOpts, overwriteInput: true });
  return volume.withData(Float32Array.from(filtered));
}
