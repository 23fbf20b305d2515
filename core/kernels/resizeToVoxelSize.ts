import { type Vec3, Volume, type VoxelArray } from '../volume/index.js';
import { bsplineResize } from './bsplineResize.js';
import { filterVolume } from './filterVolume.js';
import { raisedCosineLowPass } from './radialResponses.js';
import { window } from './window.js';

export interface ResizeToVoxelSizeResult {
  volume: Volume<Float32Array>;
  /** Ts/Ts' per axis. */
  factor: Vec3;
  /** Dims after the B-spline resize, before windowing: floor(n·factor). */
  resizedDims: Vec3;
  /** Whether the anti-alias low-pass ran (only when some axis is down-sampled). */
  lowPassed: boolean;
}

/** Box sizes of the VRS resize (vrs-spec §3.4): resized floor(n·Ts/Ts'), final 2·floor(n·Ts/Ts'/2). */
export function resizedBoxSize(n: number, voxelSize: number, newVoxelSize: number): { resized: number; final: number } {
  const factor = voxelSize / newVoxelSize;
  return { resized: Math.floor(n * factor), final: 2 * Math.floor((n * voxelSize) / newVoxelSize / 2) };
}

/**
 * The VRS "resized map" (vrs-spec §3.4, algorithms §2.1: Scipion crop/resize with Xmipp):
 * 1. when down-sampling, a raised-cosine low-pass with pass band up to Ts/(2·Ts') (the new Nyquist)
 *    and cosine roll-off over 0.02 (digital, Xmipp's default);
 * 2. cubic B-spline resize by Ts/Ts' about the box centre to floor(n·Ts/Ts') voxels;
 * 3. centred window to the even box 2·floor(n·Ts/Ts'/2).
 * Choices: the sampling is exactly Ts' (scaleRule 'factor'); Xmipp instead stretches by the integer
 * size ratio floor(n·f)/n while labelling the result Ts' (up to 1/n' relative, ≤ ½ voxel at the box
 * edge) — `scaleRule: 'sizeRatio'` reproduces that, still labelled Ts'. Anisotropic input is handled
 * per axis; the low-pass is then radial in Å⁻¹ (cut-off 1/(2·Ts'), roll-off 0.02/min(Ts) Å⁻¹), which
 * equals Xmipp's digital filter for isotropic voxels.
 */
export async function resizeToVoxelSize(
  volume: Volume<VoxelArray>,
  newVoxelSize: number,
  opts: { scaleRule?: 'factor' | 'sizeRatio'; threads?: number } = {},
): Promise<ResizeToVoxelSizeResult> {
  if (!(newVoxelSize > 0 && Number.isFinite(newVoxelSize))) throw new RangeError(`new voxel size must be positive, got ${newVoxelSize}`);
  const ts = volume.voxelSize;
  const factor = ts.map((s) => s / newVoxelSize) as Vec3;
  const boxes = volume.dims.map((n, k) => resizedBoxSize(n, ts[k]!, newVoxelSize));
  const resizedDims = boxes.map((b) => b.resized) as Vec3;
  const finalDims = boxes.map((b) => b.final) as Vec3;
  if (!finalDims.every((d) => d >= 2)) throw new RangeError(`resizing ${volume.dims.join('×')} to ${newVoxelSize} Å gives a box of ${finalDims.join('×')}`);
  const lowPassed = factor.some((f) => f < 1);
  let source: Volume<VoxelArray> = volume;
  if (lowPassed) {
    const width = 0.02 / Math.min(...ts);
    source = await filterVolume(volume, raisedCosineLowPass(1 / (2 * newVoxelSize), width), { physicalUnits: true, ...(opts.threads === undefined ? {} : { threads: opts.threads }) });
  }
  const resized = bsplineResize(source, factor, { dims: resizedDims, scaleRule: opts.scaleRule ?? 'factor' });
  const windowed = window(resized, finalDims);
  const labelled = new Volume(windowed.data, { dims: windowed.dims, voxelSize: [newVoxelSize, newVoxelSize, newVoxelSize], origin: windowed.origin });
  return { volume: labelled, factor, resizedDims, lowPassed };
}
