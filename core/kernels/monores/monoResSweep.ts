import { normalCdf } from '../../stats/index.js';
import type { MonoResAmplitudes } from './MonoResAmplitudes.js';
import type { MonoResFrequencyRecord, MonoResOptions, MonoResStopReason } from './monoResSingleMap.js';
import type { SweepFrequency } from './resolutionSweep.js';
import { selectKth } from './selectKth.js';

/**
 * Where the sweep reads its amplitudes: the signal amplitude at the active voxels from `signal`,
 * the noise amplitude at `noiseIndex` from `noise` — the same map in single-map mode (noise
 * outside the mask), the half maps' difference in half-map mode (noise inside the mask).
 */
export interface AmplitudeSources {
  signal: MonoResAmplitudes;
  noise: MonoResAmplitudes;
  noiseIndex: Int32Array;
}

/**
 * The MonoRes frequency sweep (algorithms §3.5 steps 7–10). `state` holds 1 for the voxels to
 * evaluate (anything else is ignored); `raw` receives their resolutions. At each frequency the
 * noise threshold is the noise amplitude at index floor(n·significance) of its sorted values; the
 * sweep stops when fewer than 2.5 % of the evaluated voxels are active, the mean signal amplitude
 * vanishes (below 0.1 % of its maximum) or the signal is no longer significantly above the noise
 * (one-sided z-test at `significance`). A voxel above the threshold takes the current resolution;
 * one that fails twice in a row is finished with the resolution two steps back.
 */
export async function monoResSweep(
  sweep: SweepFrequency[], sources: AmplitudeSources, state: Int8Array, raw: Float32Array,
  evaluated: number, significance: number, opts: Pick<MonoResOptions, 'signal' | 'onFrequency'>,
): Promise<{ records: MonoResFrequencyRecord[]; stopReason: MonoResStopReason }> {
  const { noiseIndex } = sources;
  const criticalZ = normalQuantile(significance);
  const noiseValues = new Float32Array(noiseIndex.length);
  const noiseRank = Math.floor(noiseIndex.length * significance);
  // Indices of the voxels still active, compacted as voxels finish.
  let active = new Int32Array(evaluated);
  for (let i = 0, k = 0; i < state.length; i++) if (state[i]! >= 1) active[k++] = i;
  let activeCount = evaluated;
  const records: MonoResFrequencyRecord[] = [];
  let maxMeanSignal = -Infinity;
  let stopReason: MonoResStopReason = 'end-of-sweep';

  for (let iter = 0; iter < sweep.length; iter++) {
    const frequencyStarted = performance.now();
    const here = sweep[iter]!;
    const twoBack = records.length < 2 ? (records[0]?.resolution ?? here.resolution) : records[records.length - 2]!.resolution;
    const amplitude = await sources.signal.atFrequency(here.frequency, opts.signal);
    // A separate noise map (half-map mode) fills its own buffer; the same map is read once.
    const noiseAmplitude = sources.noise === sources.signal ? amplitude : await sources.noise.atFrequency(here.frequency, opts.signal);

    let sumN = 0;
    let sumN2 = 0;
    for (let k = 0; k < noiseIndex.length; k++) {
      const v = noiseAmplitude[noiseIndex[k]!]!;
      noiseValues[k] = v;
      sumN += v;
      sumN2 += v * v;
    }
    let sumS = 0;
    let sumS2 = 0;
    for (let k = 0; k < activeCount; k++) {
      const v = amplitude[active[k]!]!;
      sumS += v;
      sumS2 += v * v;
    }
    const ns = activeCount;
    const nn = noiseIndex.length;
    const threshold = selectKth(noiseValues, noiseRank);
    const meanS = sumS / ns;
    const meanN = sumN / nn;
    const record: MonoResFrequencyRecord = {
      ...here, activeVoxels: ns, noiseVoxels: nn, threshold, meanSignal: meanS, meanNoise: meanN, z: NaN, passed: 0, finished: 0, milliseconds: 0,
    };
    records.push(record);
    const done = (reason: MonoResStopReason) => {
      stopReason = reason;
      record.milliseconds = performance.now() - frequencyStarted;
      opts.onFrequency?.(record, sweep.length);
    };
    if (ns / evaluated < 0.025) {
      done('mask-completed');
      break;
    }
    if (ns === 0) {
      done('no-active-voxels');
      break;
    }
    if (meanS > maxMeanSignal) maxMeanSignal = meanS;
    if (meanS < 0.001 * maxMeanSignal) {
      done('signal-vanished');
      break;
    }

    // Pass: this resolution, counter back to 1. Second failure in a row: finished with the
    // resolution two steps back (the last one it may be trusted to have).
    let kept = 0;
    for (let k = 0; k < activeCount; k++) {
      const i = active[k]!;
      if (amplitude[i]! > threshold) {
        raw[i] = here.resolution;
        state[i] = 1;
        record.passed++;
      } else if (state[i]! >= 2) {
        raw[i] = twoBack;
        state[i] = -1;
        record.finished++;
        continue;
      } else {
        state[i] = 2;
      }
      active[kept++] = i;
    }
    activeCount = kept;
    if (kept < active.length / 2) active = active.slice(0, kept);

    const sdS2 = sumS2 / ns - meanS * meanS;
    const sdN2 = sumN2 / nn - meanN * meanN;
    record.z = (meanS - meanN) / Math.sqrt(sdS2 / ns + sdN2 / nn);
    if (record.z < criticalZ) {
      done('not-significant');
      break;
    }
    done('end-of-sweep');
  }
  return { records, stopReason };
}

/** Φ⁻¹(p) by bisection on the normal CDF (the critical z of the one-sided test; 1.6449 at 0.95). */
function normalQuantile(p: number): number {
  let lo = -40;
  let hi = 40;
  for (let k = 0; k < 200 && hi - lo > 1e-13; k++) {
    const mid = 0.5 * (lo + hi);
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
