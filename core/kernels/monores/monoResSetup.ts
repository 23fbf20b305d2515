// The steps the single-map and half-map modes of MonoRes take alike before their own noise model:
// the options, the frequencies to test and the voxels of the mask; and how both end.
import type { Vec3 } from '../../volume/index.js';
import { MonoResFailure, type MonoResOptions, type MonoResResult } from './monoResSingleMap.js';
import { monoResSweep, type AmplitudeSources } from './monoResSweep.js';
import { postProcessLocalResolution } from './postProcessLocalResolution.js';
import { resolutionSweep, type SweepFrequency } from './resolutionSweep.js';

/** Voxel size, step and significance with their defaults; a RangeError names `caller` for bad ones. */
export function monoResSettings(caller: string, opts: MonoResOptions): { ts: number; step: number; significance: number } {
  const ts = opts.voxelSize;
  const step = opts.step ?? 0.5;
  const significance = opts.significance ?? 0.95;
  if (!(ts > 0) || !(step > 0) || !(significance > 0 && significance < 1) || !(opts.maxResolution > 0)) {
    throw new RangeError(`${caller}: bad options ${JSON.stringify({ voxelSize: ts, step, significance, maxResolution: opts.maxResolution })}`);
  }
  return { ts, step, significance };
}

/** The frequencies from maxResolution down to minResolution (Nyquist by default); none is a failure. */
export function frequenciesToTest(opts: MonoResOptions, ts: number, step: number, boxSize: number): SweepFrequency[] {
  const nyquist = 2 * ts;
  const sweep = resolutionSweep({ voxelSize: ts, boxSize, maxResolution: opts.maxResolution, minResolution: opts.minResolution ?? nyquist, step });
  if (sweep.length === 0) throw new MonoResFailure(`no frequency to test between ${opts.maxResolution} Å and Nyquist (${nyquist.toFixed(2)} Å)`);
  return sweep;
}

/** Mask states with 1 at the mask voxels (≥ 0.5), 0 elsewhere; an empty mask is a failure. */
export function maskStates(mask: ArrayLike<number>, voxels: number): { state: Int8Array; maskVoxels: number } {
  const state = new Int8Array(voxels);
  let maskVoxels = 0;
  for (let i = 0; i < voxels; i++) {
    if (mask[i]! >= 0.5) {
      state[i] = 1;
      maskVoxels++;
    }
  }
  if (maskVoxels === 0) throw new MonoResFailure('the mask is empty');
  return { state, maskVoxels };
}

/** What each mode found before its sweep. */
export interface MonoResPrepared {
  maskVoxels: number;
  maskRadius: number;
  cliffRadius: number;
  evaluatedVoxels: number;
  /** Voxels the noise amplitude is read at. */
  noiseVoxels: number;
  prepareMs: number;
}

/**
 * The sweep and the post-processing, as both modes end. `afterSweep` lets the single-map mode free
 * its amplitudes before the post-processing needs memory of its own.
 */
export async function sweepAndPostProcess(
  sweep: SweepFrequency[], sources: AmplitudeSources, state: Int8Array, significance: number,
  dims: Vec3, ts: number, opts: MonoResOptions, prepared: MonoResPrepared, afterSweep?: () => Promise<void>,
): Promise<Omit<MonoResResult, 'refinementThreshold'>> {
  const sweepStarted = performance.now();
  const raw = new Float32Array(state.length);
  const { records, stopReason } = await monoResSweep(sweep, sources, state, raw, prepared.evaluatedVoxels, significance, opts);
  const sweepMs = performance.now() - sweepStarted;
  await afterSweep?.();

  const postStarted = performance.now();
  const last = records[records.length - 1]!.resolution;
  const post = await postProcessLocalResolution(raw, dims, last, 2 * ts, { threads: opts.threads });
  if (post === null) throw new MonoResFailure('no voxel of the mask was resolved at any frequency');
  return {
    resolution: post.resolution,
    display: post.display,
    mask: post.mask,
    rawResolution: raw,
    frequencies: records,
    stopReason,
    maskVoxels: prepared.maskVoxels,
    maskRadius: prepared.maskRadius,
    cliffRadius: prepared.cliffRadius,
    evaluatedVoxels: prepared.evaluatedVoxels,
    noiseVoxels: prepared.noiseVoxels,
    fillValue: post.fillValue,
    timings: { prepareMs: prepared.prepareMs, sweepMs, postProcessMs: performance.now() - postStarted },
  };
}
