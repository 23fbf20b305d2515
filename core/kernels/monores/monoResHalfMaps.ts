import type { Vec3 } from '../../volume/index.js';
import { excludeBeyondRadius, findCliffRadius, maskRadius } from './findCliffRadius.js';
import { MonoResAmplitudes } from './MonoResAmplitudes.js';
import { MonoResFailure, type MonoResOptions, type MonoResResult } from './monoResSingleMap.js';
import { frequenciesToTest, maskStates, monoResSettings, sweepAndPostProcess } from './monoResSetup.js';

/** A half-map MonoRes result: no mask refinement; the noise voxels are the evaluated mask voxels. */
export type MonoResHalfMapsResult = Omit<MonoResResult, 'refinementThreshold'>;

/**
 * MonoRes local resolution from two half maps (algorithms §3.5; Xmipp
 * `resolution_monogenic_signal` with `--vol2` and `--noiseonlyinhalves`, the VRS settings; Vilas
 * et al., Structure 26, 337, 2018). Signal: the monogenic amplitude of the halves' mean
 * V = (H1 + H2)/2; noise: the same amplitude of their half difference N = (H1 − H2)/2, which holds
 * the noise of V without its signal, read at the voxels of the mask — so no background is needed
 * and there is no mask refinement. Voxels beyond the noise-cliff radius of V are left out. The
 * sweep and the post-processing are those of the single-map mode (monoResSweep,
 * postProcessLocalResolution).
 */
export async function monoResHalfMaps(
  half1: Float32Array, half2: Float32Array, mask: ArrayLike<number>, dims: Vec3, opts: MonoResOptions,
): Promise<MonoResHalfMapsResult> {
  const started = performance.now();
  const voxels = dims[0] * dims[1] * dims[2];
  for (const [name, array] of [['half1', half1], ['half2', half2], ['mask', mask]] as const) {
    if (array.length !== voxels) throw new RangeError(`monoResHalfMaps: ${name} has ${array.length} values, dims ${dims.join('×')} need ${voxels}`);
  }
  const { ts, step, significance } = monoResSettings('monoResHalfMaps', opts);
  const mean = new Float32Array(voxels);
  const difference = new Float32Array(voxels);
  let differs = false;
  for (let i = 0; i < voxels; i++) {
    const a = half1[i]!;
    const b = half2[i]!;
    if (!Number.isFinite(a)) throw new MonoResFailure(`half map 1 has a non-finite value (${a}) at voxel ${i}`);
    if (!Number.isFinite(b)) throw new MonoResFailure(`half map 2 has a non-finite value (${b}) at voxel ${i}`);
    mean[i] = (a + b) / 2;
    difference[i] = (a - b) / 2;
    if (a !== b) differs = true;
  }
  if (!differs) throw new MonoResFailure('the two half maps are identical: their difference holds no noise to compare with');
  const sweep = frequenciesToTest(opts, ts, step, dims[2]);

  const { state, maskVoxels } = maskStates(mask, voxels);
  const radius = maskRadius(state, dims);
  const cliff = findCliffRadius(mean, dims, radius);
  excludeBeyondRadius(state, dims, cliff);
  let evaluated = 0;
  for (let i = 0; i < voxels; i++) if (state[i] === 1) evaluated++;
  if (evaluated === 0) throw new MonoResFailure(`every mask voxel lies beyond ${cliff} voxels from the box centre, where the map holds no noise`);
  // The noise is read at every evaluated voxel, finished or not, for the whole sweep.
  const noiseIndex = new Int32Array(evaluated);
  for (let i = 0, k = 0; i < voxels; i++) if (state[i] === 1) noiseIndex[k++] = i;

  const maxFrequency = sweep[sweep.length - 1]!.frequency;
  const signalAmplitudes = await MonoResAmplitudes.create(mean, dims, { threads: opts.threads, maxFrequency });
  let noiseAmplitudes: MonoResAmplitudes | null = null;
  try {
    noiseAmplitudes = await MonoResAmplitudes.create(difference, dims, { threads: opts.threads, maxFrequency });
    const prepared = { maskVoxels, maskRadius: radius, cliffRadius: cliff, evaluatedVoxels: evaluated, noiseVoxels: evaluated, prepareMs: performance.now() - started };
    return await sweepAndPostProcess(sweep, { signal: signalAmplitudes, noise: noiseAmplitudes, noiseIndex }, state, significance, dims, ts, opts, prepared);
  } finally {
    await signalAmplitudes.close();
    await noiseAmplitudes?.close();
  }
}
