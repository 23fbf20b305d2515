// How the local-resolution checks (0.e, 1.c–1.f) open: the volumes read and put on one grid, the
// sections that end a check early, the mask and voxel checks and the MonoRes evaluation grid.
import {
  checkSameGrid,
  evaluationGrid,
  MonoResFailure,
  resampleMaskNearest,
  summarizeLocalResolution,
  type BinaryMask,
  type EvaluationGrid,
  type LocalResolutionSummary,
  type MonoResFrequencyRecord,
  type ProtocolContext,
  type SectionResult,
  type Vec3,
  type Volume,
  type VoxelArray,
} from '../../core/index.js';
import { localResolutionValues } from './localResolutionReport.js';

/** The fixed part of a section (id, titles, method, explanation, criteria). */
export type SectionBase = Omit<SectionResult, 'status' | 'metrics' | 'reason'> & { warnings: string[] };

/** The outputs of a check that ends without measuring: only its section. */
export function sectionEnds(base: SectionBase) {
  const end = (section: SectionResult) => ({ section: { kind: 'section' as const, value: section } });
  return {
    notApplicable: (reason: string) => end({ ...base, status: 'not-applicable', reason, metrics: {} }),
    failed: (reason: string, metrics: Record<string, unknown> = {}) => end({ ...base, status: 'failed', reason, metrics }),
  };
}

export const EMPTY_HARD_MASK = 'The hard mask is empty: no voxel of the map reaches the threshold, which seems too high; there is no molecule to measure.';

/** Voxels of the molecule (mask ≥ 0.5). */
export function countMaskVoxels(mask: VoxelArray): number {
  let count = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]! >= 0.5) count++;
  return count;
}

export function firstNonFinite(volume: Volume): number {
  for (let i = 0; i < volume.data.length; i++) if (!Number.isFinite(volume.data[i]!)) return i;
  return -1;
}

export function hasCubicVoxels([vx, vy, vz]: Vec3): boolean {
  return Math.abs(vx - vy) <= 1e-4 * vx && Math.abs(vx - vz) <= 1e-4 * vx;
}

/** The single-map checks take the mask from the workflow, which made it from this very map. */
export function checkMaskFitsMap(protocolId: string, mask: BinaryMask, map: Volume): void {
  if (mask.dims.some((d, k) => d !== map.dims[k])) {
    throw new RangeError(`${protocolId}: the mask (${mask.dims.join('×')}) and the map (${map.dims.join('×')}) differ in size`);
  }
}

function checkOnHalf1Grid(half1: Volume, half2: Volume, mask: Volume | BinaryMask, maskName: string, map: Volume): void {
  checkSameGrid(half1, half2, { reference: 'half map 1', other: 'half map 2' });
  checkSameGrid(half1, mask, { reference: 'half map 1', other: maskName });
  checkSameGrid(half1, map, { reference: 'half map 1', other: 'the map' });
}

/** The half maps, the hard mask (port `mask`) and the map, on one grid. */
export async function halfMapsWithHardMask(inputs: {
  volume(port: 'half1' | 'half2' | 'map'): Promise<Volume<Float32Array>>;
  mask(port: 'mask'): Promise<BinaryMask>;
}) {
  const half1 = await inputs.volume('half1');
  const half2 = await inputs.volume('half2');
  const mask = await inputs.mask('mask');
  const map = await inputs.volume('map');
  checkOnHalf1Grid(half1, half2, mask, 'the hard mask', map);
  return { half1, half2, mask, map };
}

/** The half maps, the soft mask (port `softMask`) and the map, on one grid. */
export async function halfMapsWithSoftMask(inputs: { volume(port: 'half1' | 'half2' | 'softMask' | 'map'): Promise<Volume<Float32Array>> }) {
  const half1 = await inputs.volume('half1');
  const half2 = await inputs.volume('half2');
  const softMask = await inputs.volume('softMask');
  const map = await inputs.volume('map');
  checkOnHalf1Grid(half1, half2, softMask, 'the soft mask', map);
  return { half1, half2, softMask, map };
}

/**
 * The grid MonoRes and MonoDir run on: the volume's own, or the coarser one evaluationGrid picks
 * for `resolution` (its sampling aims at resolution/3).
 */
export function chooseEvaluationGrid(
  resample: 'auto' | 'never', volume: Volume, resolution: number, ctx: Pick<ProtocolContext, 'progress'>, opts: { fftPrimes?: readonly number[] } = {},
): EvaluationGrid {
  const grid: EvaluationGrid = resample === 'never'
    ? { dims: [...volume.dims], voxelSize: [...volume.voxelSize], resampled: false }
    : evaluationGrid(volume.dims, volume.voxelSize, resolution, opts);
  ctx.progress(0.02, grid.resampled ? `resampling to ${grid.dims.join('×')}` : 'preparing');
  return grid;
}

/** MonoRes's sweep as 0.e and 1.e run it: from max(10, 5·resolution) Å down to Nyquist. */
export function monoResSweepOptions(resolution: number, ts: number, params: { step: number; significance: number }) {
  return { maxResolution: Math.max(10, 5 * resolution), minResolution: 2 * ts, step: params.step, significance: params.significance };
}

/** MonoRes's per-frequency progress and log line. */
export function monoResFrequencyProgress(ctx: Pick<ProtocolContext, 'progress' | 'logger'>) {
  let done = 0;
  return (record: MonoResFrequencyRecord, candidates: number) => {
    done++;
    ctx.progress(0.1 + (0.8 * done) / Math.max(done, candidates), `${record.resolution.toFixed(2)} Å`);
    ctx.logger.info('frequency', { resolution: record.resolution, active: record.activeVoxels, passed: record.passed, finished: record.finished, seconds: record.milliseconds / 1000 });
  };
}

/** The hard mask on the evaluation grid (nearest neighbour, so it stays binary). */
export function maskOnEvaluationGrid(grid: EvaluationGrid, mask: BinaryMask, voxelSize: Vec3) {
  return grid.resampled ? resampleMaskNearest(mask.data, mask.dims, mask.voxelSize, grid.dims, voxelSize) : mask.data;
}

/**
 * Runs MonoRes (either mode) with its progress, and summarises its local resolutions over the
 * voxels it kept; `failure` is the reason of a 'failed' section when it measured nothing.
 */
export async function measureMonoRes<R extends { resolution: Float32Array; mask: ArrayLike<number> }>(
  measure: (onFrequency: ReturnType<typeof monoResFrequencyProgress>) => Promise<R>,
  resolution: number,
  ctx: Pick<ProtocolContext, 'progress' | 'logger'>,
): Promise<{ result: R; summary: LocalResolutionSummary; values: Float64Array } | { failure: string }> {
  let result: R;
  try {
    result = await measure(monoResFrequencyProgress(ctx));
  } catch (error) {
    if (error instanceof MonoResFailure) return { failure: `MonoRes could not measure the local resolution: ${error.message}.` };
    throw error;
  }
  const summary = summarizeLocalResolution(result.resolution, { mask: result.mask, reportedResolution: resolution });
  if (summary === null) return { failure: 'MonoRes assigned no local resolution inside the mask.' };
  return { result, summary, values: localResolutionValues(result.resolution, result.mask) };
}
