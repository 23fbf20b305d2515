import type { RadialResponse } from './applyRadialFilter.js';

/**
 * Radial filter shapes for applyRadialFilter. Frequencies are in the unit the filter is applied
 * with: digital (cycles/voxel) or Å⁻¹. Each is the gain as a function of |f|.
 */

/** exp(−|f|²/(2σ_f²)): a Gaussian low-pass of standard deviation σ_f in frequency. */
export function gaussianLowPass(sigmaFrequency: number): RadialResponse {
  if (!(sigmaFrequency > 0)) throw new RangeError(`Gaussian low-pass sigma must be > 0, got ${sigmaFrequency}`);
  const k = -1 / (2 * sigmaFrequency * sigmaFrequency);
  return (f) => Math.exp(k * f * f);
}

/**
 * exp(−2π²σ²|f|²): the transfer function of convolution with a normalised Gaussian of standard
 * deviation σ (voxels for digital frequencies, Å for Å⁻¹). Blurring a Gaussian of σ₀ gives σ₀² + σ².
 */
export function gaussianBlur(sigma: number): RadialResponse {
  if (!(sigma >= 0)) throw new RangeError(`Gaussian blur sigma must be >= 0, got ${sigma}`);
  const k = -2 * Math.PI * Math.PI * sigma * sigma;
  return (f) => Math.exp(k * f * f);
}

/**
 * Xmipp `--fourier real_gaussian σ` (fourier_filter.cpp, REALGAUSSIAN): exp(−π²σ²|w|²) with |w|
 * digital. This is gaussianBlur(σ/√2), not a blur of σ voxels (Xmipp's own comment says the factor
 * should be 2π²); the VRS soft mask uses σ = 2, a real-space std of √2 voxels.
 */
export function xmippRealGaussian(sigma: number): RadialResponse {
  const k = -Math.PI * Math.PI * sigma * sigma;
  return (f) => Math.exp(k * f * f);
}

/**
 * Raised-cosine low-pass (Xmipp `low_pass` with raised_w): 1 up to `cutoff`, then
 * ½(1 + cos(π(|f| − cutoff)/width)) down to 0 at cutoff + width, 0 beyond. Xmipp's default width
 * is 0.02 (digital). Width 0 gives a hard cut (gain 1 at |f| ≤ cutoff).
 */
export function raisedCosineLowPass(cutoff: number, width = 0.02): RadialResponse {
  if (!(cutoff >= 0) || !(width >= 0)) throw new RangeError(`raised-cosine low-pass needs cutoff, width >= 0, got ${cutoff}, ${width}`);
  const end = cutoff + width;
  return (f) => (f <= cutoff ? 1 : f >= end ? 0 : 0.5 * (1 + Math.cos((Math.PI * (f - cutoff)) / width)));
}

/**
 * Raised-cosine high-pass: 0 below `start`, ½(1 + cos(π(|f| − end)/(end − start))) rising from 0 at
 * `start` to 1 at `end`, 1 above (MonoRes: start = f − 0.02, end = f).
 */
export function raisedCosineHighPass(start: number, end: number): RadialResponse {
  if (!(end >= start && start >= 0)) throw new RangeError(`raised-cosine high-pass needs 0 <= start <= end, got ${start}, ${end}`);
  const width = end - start;
  return (f) => (f >= end ? 1 : f <= start ? 0 : 0.5 * (1 + Math.cos((Math.PI * (f - end)) / width)));
}
