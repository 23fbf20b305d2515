import { checkSameGrid, coneSpectrumPoints, rfft3d, type ConeSpectrumPoints, type Volume } from '../../../core/index.js';
import { halfMapsProblem } from '../global-resolution/halfMapChecks.js';

/**
 * The two halves multiplied by the soft mask (as Xmipp FSO and 3DFSC do with the mask the original
 * service gives them), Fourier-transformed and packed for conical FSCs. A mask or half on another
 * grid is an input error naming the file; halves or a mask that cannot be measured give a reason.
 */
export async function softMaskedConePoints(
  half1: Volume,
  half2: Volume,
  softMask: Volume,
  opts: { threads?: number | undefined } = {},
): Promise<{ points: ConeSpectrumPoints; maskSum: number } | { problem: string }> {
  const problem = halfMapsProblem(half1, half2);
  if (problem !== null) return { problem };
  checkSameGrid(half1, softMask, { reference: 'half map 1', other: 'soft mask' });
  let nonFinite = 0;
  let maskSum = 0;
  for (const v of softMask.data) {
    if (!Number.isFinite(v)) nonFinite++;
    else maskSum += v;
  }
  if (nonFinite > 0) return { problem: `The soft mask has ${nonFinite} voxel${nonFinite === 1 ? '' : 's'} that are not finite numbers (NaN or infinite).` };
  if (!(maskSum > 0)) return { problem: 'The soft mask is empty (no positive voxel): nothing of the half maps is left to correlate.' };
  const masked = (half: Volume) => {
    const out = new Float32Array(half.data.length);
    for (let i = 0; i < out.length; i++) out[i] = half.data[i]! * softMask.data[i]!;
    return out;
  };
  const fftOptions = opts.threads !== undefined ? { threads: opts.threads } : {};
  const spectrum1 = await rfft3d(masked(half1), half1.dims, fftOptions);
  const spectrum2 = await rfft3d(masked(half2), half1.dims, fftOptions);
  return { points: coneSpectrumPoints(spectrum1, spectrum2, half1.dims), maskSum };
}
