import { irfft3d, rfft3d } from '../../fft/index.js';
import { dilate, gaussianBlur, raisedCosineLowPass } from '../index.js';
import { type Vec3, Volume, type VolumeGeometry } from '../../volume/index.js';
import { axisSegments } from './axisSegments.js';
import { DEFAULT_HELIX_MATCH, HelixHandMatcher, type HelixMatchOptions } from './HelixHandMatcher.js';
import { helixTemplateVolume } from './helixTemplateVolume.js';
import { resampleHalfSpectrum } from './resampleHalfSpectrum.js';
import { cloneGeometry, croppedWorkingGrid, thresholdBox, thresholdRegion } from './workingGrid.js';
import { DEFAULT_TUBE_CRITERIA, type TubeCriteria, tubeVoxels } from './tubeVoxels.js';

export interface HelixHandOptions {
  /** Contour level of the map: candidates must lie where the map reaches it. */
  threshold: number;
  /** Reported resolution (Å). */
  resolution: number;
  /** Working voxel size (Å), default 1 (each axis gets the nearest FFT-friendly grid at or below it). */
  sampling?: number;
  /** Resolution (Å) of the raised-cosine low-pass; default max(resolution, 5). */
  lowPassResolution?: number;
  /** Roll-off width of the low-pass (Å⁻¹), default 0.02 (Xmipp's digital 0.02 at 1 Å/px). */
  rollOff?: number;
  /** Gaussian σ (Å) of the extra smoothing for the Hessian (tube scale), default 2. */
  hessianSigma?: number;
  tube?: Partial<TubeCriteria>;
  /** Straight segments shorter than this (Å) are no candidates, default 10. */
  minLength?: number;
  /** Longer segments are cut into equal pieces no longer than this (Å), default 24. */
  maxLength?: number;
  /** RMS distance (Å) of a segment's centre-line voxels from its axis above which it is split, default 1.2. */
  maxWidth?: number;
  /**
   * A candidate counts when max(cc_R, cc_L) reaches this, default 0.7: on real maps helix segments
   * (checked against their atomic models) fit at 0.7–0.9, other tubes (strands, loops) at ≤ 0.66.
   */
  minCorrelation?: number;
  match?: Partial<HelixMatchOptions>;
  /**
   * The thresholded region is grown by this much (Å, 18-neighbour passes on the working grid) before
   * candidates are looked for: at high resolution a helix axis lies inside its backbone ring, below
   * a contour level that only follows the atoms. Default 2 (the VRS hard-mask dilation).
   */
  maskDilation?: number;
  /** Margin (Å) kept around the thresholded region when cropping, default 12. */
  margin?: number;
  threads?: number;
  signal?: AbortSignal;
  progress?: (fraction: number, message: string) => void;
}

export interface HelixCandidate {
  /** A point on the refined axis (Å, map frame) and its unit direction. */
  centre: Vec3;
  axis: Vec3;
  /** Length (Å) of the straight centre-line segment. */
  length: number;
  ccRight: number;
  ccLeft: number;
  /** max(cc_R, cc_L) ≥ minCorrelation. */
  accepted: boolean;
}

export interface HelixHandResult {
  /**
   * Length-weighted fraction of accepted candidates that fit the left-handed template better:
   * 0 = right-handed helices (correct hand), 1 = mirrored; null without an accepted candidate.
   */
  score: number | null;
  /** Every straight tube segment tried, in the order found. */
  candidates: HelixCandidate[];
  acceptedCount: number;
  /** Total length (Å) of the accepted candidates, and of those voting left. */
  acceptedLength: number;
  leftLength: number;
  /** Length-weighted mean of cc_R − cc_L over the accepted candidates (> 0 favours the right hand). */
  meanDifference: number | null;
  /** Voxels at or above the threshold (original grid). */
  maskVoxels: number;
  /** Centre-line voxels of tubes found inside the mask (working grid). */
  tubeVoxels: number;
  /** The working grid (cropped box at ≈ `sampling`). */
  grid: VolumeGeometry;
  lowPassResolution: number;
  /** Low-passed map on the working grid (for figures). */
  lowPassed: Volume<Float32Array> | null;
}

/**
 * Non-neural α-helix handedness test (algorithms §5.2): at ≤ 5 Å α-helices are the common chiral
 * feature of a map, and a mirrored map holds left-handed ones.
 * 1. The region where the map reaches the threshold is cropped (with a margin), resampled in Fourier
 *    space to ≈ 1 Å voxels and low-passed (raised cosine) to max(R, 5 Å); a second copy is also
 *    blurred by a Gaussian of σ ≈ 2 Å for the Hessian.
 * 2. Helix candidates: centre-line voxels of tubular density inside the thresholded region
 *    (tubeVoxels), grouped into straight segments ≥ 10 Å (axisSegments).
 * 3. Each segment is compared with an endless ideal α-helix rendered with the same filter, right-
 *    and left-handed, maximising the NCC over rotation about the refined axis and small tilts
 *    (HelixHandMatcher).
 * 4. Score = length-weighted fraction of accepted candidates with cc_L > cc_R.
 */
export async function helixHandedness(volume: Volume<Float32Array>, opts: HelixHandOptions): Promise<HelixHandResult> {
  const { threshold, resolution } = opts;
  if (!Number.isFinite(threshold)) throw new RangeError(`threshold must be finite, got ${threshold}`);
  if (!(resolution > 0)) throw new RangeError(`resolution must be > 0, got ${resolution}`);
  const sampling = opts.sampling ?? 1;
  const lowPassResolution = opts.lowPassResolution ?? Math.max(resolution, 5);
  const rollOff = opts.rollOff ?? 0.02;
  const sigma = opts.hessianSigma ?? 2;
  const minLength = opts.minLength ?? 10;
  const maxLength = opts.maxLength ?? 24;
  const minCorrelation = opts.minCorrelation ?? 0.7;
  const margin = opts.margin ?? 12;
  const progress = opts.progress ?? (() => {});
  const fftOpts = opts.threads === undefined ? {} : { threads: opts.threads };

  // 1. threshold region and crop box on the original grid
  const [nx, ny, nz] = volume.dims;
  const ts = volume.voxelSize;
  const { count: maskVoxels, first, last } = thresholdBox(volume, threshold);
  const empty = (grid: VolumeGeometry): HelixHandResult => ({
    score: null, candidates: [], acceptedCount: 0, acceptedLength: 0, leftLength: 0, meanDifference: null,
    maskVoxels, tubeVoxels: 0, grid, lowPassResolution, lowPassed: null,
  });
  if (maskVoxels === 0) return empty({ dims: [0, 0, 0], voxelSize: [sampling, sampling, sampling], origin: [...volume.origin] });

  const { crop, cropDims, fMax, workDims, grid } = croppedWorkingGrid(volume, { first, last }, { margin, sampling, lowPassResolution, rollOff });
  const workVoxel = grid.voxelSize;
  if (opts.signal?.aborted) throw opts.signal.reason;
  progress(0.05, 'spectrum');

  // 2. Fourier resampling to ≈ sampling, low-pass, and the smoothed copy for the Hessian
  const lowPass = raisedCosineLowPass(1 / lowPassResolution, rollOff);
  const blur = gaussianBlur(sigma);
  const spectrum = await rfft3d(crop.data, cropDims, fftOpts);
  const lowSpec = resampleHalfSpectrum(spectrum, cropDims, ts, workDims, lowPass, fMax);
  const smoothSpec = resampleHalfSpectrum(spectrum, cropDims, ts, workDims, (f) => lowPass(f) * blur(f), fMax);
  const lowPassed = new Volume(Float32Array.from(await irfft3d(lowSpec, workDims, { ...fftOpts, overwriteInput: true })), cloneGeometry(grid));
  if (opts.signal?.aborted) throw opts.signal.reason;
  const smooth = new Volume(Float32Array.from(await irfft3d(smoothSpec, workDims, { ...fftOpts, overwriteInput: true })), cloneGeometry(grid));
  progress(0.35, 'tubes');

  // 3. candidates: tube centre lines where the original map reaches the threshold
  const passes = Math.round((opts.maskDilation ?? 2) / Math.min(...workVoxel));
  const region = dilate(new Volume(thresholdRegion(volume, threshold, grid), cloneGeometry(grid)), passes, 18).data;
  progress(0.38, 'region');
  const tube = tubeVoxels(smooth, region, { ...DEFAULT_TUBE_CRITERIA, ...opts.tube });
  progress(0.42, 'tube voxels');
  let tubeCount = 0;
  for (let i = 0; i < tube.length; i++) tubeCount += tube[i]!;
  const segments = axisSegments(new Volume(tube, cloneGeometry(grid)), { minLength, maxLength, maxWidth: opts.maxWidth ?? 1.2, minSeparation: 4 });
  if (opts.signal?.aborted) throw opts.signal.reason;
  progress(0.45, `${segments.length} candidate segments`);

  // 4. template matching
  const matchOpts: HelixMatchOptions = { ...DEFAULT_HELIX_MATCH, maxLength, tiltScreen: minCorrelation - 0.1, ...opts.match };
  const template = helixTemplateVolume({ voxelSize: workVoxel, response: lowPass, fMax });
  const matcher = new HelixHandMatcher(template, matchOpts);
  const candidates: HelixCandidate[] = [];
  for (let s = 0; s < segments.length; s++) {
    if (s % 16 === 0) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      progress(0.45 + (0.55 * s) / segments.length, `matching ${s}/${segments.length}`);
    }
    const seg = segments[s]!;
    const m = matcher.match(lowPassed, seg.centre, seg.direction, seg.length);
    candidates.push({
      centre: m.centre,
      axis: m.axis,
      length: seg.length,
      ccRight: m.ccRight,
      ccLeft: m.ccLeft,
      accepted: Math.max(m.ccRight, m.ccLeft) >= minCorrelation,
    });
  }

  let acceptedLength = 0;
  let leftLength = 0;
  let diff = 0;
  let acceptedCount = 0;
  for (const c of candidates) {
    if (!c.accepted) continue;
    acceptedCount++;
    acceptedLength += c.length;
    if (c.ccLeft > c.ccRight) leftLength += c.length;
    diff += c.length * (c.ccRight - c.ccLeft);
  }
  progress(1, 'done');
  if (acceptedCount === 0) return { ...empty(grid), candidates, tubeVoxels: tubeCount, lowPassed };
  return {
    score: leftLength / acceptedLength,
    candidates,
    acceptedCount,
    acceptedLength,
    leftLength,
    meanDifference: diff / acceptedLength,
    maskVoxels,
    tubeVoxels: tubeCount,
    grid,
    lowPassResolution,
    lowPassed,
  };
}
