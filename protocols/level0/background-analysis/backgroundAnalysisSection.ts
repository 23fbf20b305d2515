import { formatPrintf, normalCdf, sliceFigure, studentTTwoSidedP, type BinaryMask, type SectionResult, type Volume } from '../../../core/index.js';
import { VRS_2022 } from '../../shared/methodReferences.js';

/** 2·Φ(−5): the fraction of a zero-mean Gaussian beyond ±5σ. */
export const GAUSSIAN_FRACTION_BEYOND_5_SIGMA = 2 * normalCdf(-5);
const MIN_P_VALUE = 0.001;
const MAX_CDF5_RATIO = 20;

const BASE = {
  id: '0.c',
  level: '0',
  title: 'Background analysis',
  summaryLabel: '0.c Background analysis',
  references: [VRS_2022],
  explanation:
    'The background is the region outside the mask with hard borders. Its mean should be zero, and voxels with very low or very high values (beyond 5 standard deviations of the noise) should be very few and scattered without structure; the symmetry of the molecule sometimes shows in them.',
  criteria:
    'OK when 1) the p-value of the test that the background mean is 0 is at least 0.001, and 2) the number of voxels beyond ±5σ is at most 20 times what a zero-mean Gaussian with the same σ would give.',
} as const;

export interface BackgroundAnalysisResult {
  section: SectionResult;
  files: Record<string, Uint8Array>;
}

/**
 * 0.c Background analysis (vrs-spec §6.3): the voxels outside the hard mask; a one-sample Student
 * t-test of mean 0 (s with ddof 1, two-sided p, n − 1 degrees of freedom), mean and σ (ddof 0), the
 * fraction of voxels with |v| > 5σ (raw values, not centred: §19 B30) against 2Φ(−5), and the
 * max-variance slices of those outliers. Float64 sums in sweeps over the map: no copy of the
 * background is made.
 */
export function backgroundAnalysisSection(map: Volume, mask: BinaryMask): BackgroundAnalysisResult {
  const method = "One-sample Student's t-test of the background mean; fraction of background voxels beyond 5σ";
  const v = map.data;
  const m = mask.data;
  let n = 0;
  let sum = 0;
  let first = Number.NaN;
  let constant = true;
  for (let i = 0; i < v.length; i++) {
    if (m[i] !== 0) continue;
    const value = v[i]!;
    if (n === 0) first = value;
    else if (value !== first) constant = false;
    sum += value;
    n++;
  }
  const failed = (reason: string, metrics: Record<string, unknown>): BackgroundAnalysisResult => ({
    section: { ...BASE, method, status: 'not-applicable', reason, warnings: [], metrics },
    files: {},
  });
  if (n === v.length) {
    return {
      section: {
        ...BASE,
        method,
        status: 'failed',
        reason: 'The mask with hard borders is empty (no voxel reaches the threshold), so the background cannot be told apart from the molecule. Lower the threshold.',
        warnings: [],
        metrics: { backgroundVoxels: n },
      },
      files: {},
    };
  }
  if (n < 2) {
    return failed(`The mask with hard borders covers ${n === 0 ? 'the whole box' : 'all of the box but one voxel'}: there is no background to analyse. The threshold may be too low.`, {
      backgroundVoxels: n,
    });
  }
  if (constant) {
    return failed(
      `Every background voxel has the same value (${first}): the map seems to have been masked, so the noise outside the molecule is not available and the background cannot be analysed.`,
      { backgroundVoxels: n, mean: first, std: 0 },
    );
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < v.length; i++) {
    if (m[i] !== 0) continue;
    const d = v[i]! - mean;
    ss += d * d;
  }
  const std = Math.sqrt(ss / n);
  const sd1 = Math.sqrt(ss / (n - 1));
  const tStatistic = mean / (sd1 / Math.sqrt(n));
  const pValue = studentTTwoSidedP(tStatistic, n - 1);
  const limit = 5 * std;
  const outliers = new Float32Array(v.length);
  let outlierCount = 0;
  for (let i = 0; i < v.length; i++) {
    if (m[i] !== 0) continue;
    const value = v[i]!;
    if (Math.abs(value) > limit) {
      outliers[i] = value;
      outlierCount++;
    }
  }
  const outlierFraction = outlierCount / n;
  const cdf5Ratio = outlierFraction / GAUSSIAN_FRACTION_BEYOND_5_SIGMA;
  const figure = sliceFigure(map.withData(outliers), {
    id: 'background_5sigma',
    kind: 'maxVariance',
    caption: 'Slices of maximum variance of the background voxels beyond 5σ (every other voxel set to 0).',
  });

  const warnings: string[] = [];
  if (pValue < MIN_P_VALUE) warnings.push('The null hypothesis that the background mean is 0 is rejected: the p-value of the test is smaller than 0.001.');
  if (cdf5Ratio > MAX_CDF5_RATIO) warnings.push(`There is a significant proportion of outlier values in the background (cdf5 ratio = ${f(cdf5Ratio, '%5.2f')}).`);
  const section: SectionResult = {
    ...BASE,
    method,
    status: warnings.length === 0 ? 'ok' : 'warnings',
    warnings,
    metrics: {
      backgroundVoxels: n,
      mean,
      std,
      tStatistic,
      pValue,
      outlierVoxels: outlierCount,
      outlierPercent: 100 * outlierFraction,
      gaussianOutlierPercent: 100 * GAUSSIAN_FRACTION_BEYOND_5_SIGMA,
      cdf5Ratio,
    },
    results: [
      `The null hypothesis that the background mean is 0 was tested with a one-sample Student's t-test over ${n} voxels: t = ${f(tStatistic, '%5.2f')}, p = ${f(pValue, '%f')}.`,
      `The mean and standard deviation (σ) of the background are ${f(mean, '%f')} and ${f(std, '%f')}. ${f(100 * outlierFraction, '%5.2f')} % of the background voxels have an absolute value larger than 5σ; a Gaussian would give ${f(100 * GAUSSIAN_FRACTION_BEYOND_5_SIGMA, '%f')} % (ratio between the two: ${f(cdf5Ratio, '%f')}).`,
    ],
    figures: [figure.figure],
    abstract: warnings.length === 0 ? "There seems to be no problem with the map's background." : "There seems to be a problem with the map's background.",
  };
  return { section, files: figure.files };
}

function f(value: number, format: string): string {
  return formatPrintf(value, format).trim();
}
