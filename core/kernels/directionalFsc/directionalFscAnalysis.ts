import { firstCrossing } from '../fsc/firstCrossing.js';
import type { ConeSpectrumPoints } from './coneSpectrumPoints.js';
import { coneFscCurve, conicalFsc } from './conicalFsc.js';
import { nearestDirectionRadius, starBodySphericity, thresholdRadius } from './fscSphericity.js';
import { directionsFromVectors, hemisphereDirections, type Directions } from './geodesicSphere.js';
import { shellFsc } from './shellFsc.js';

export interface DirectionalFscOptions {
  /** Cone half-angle in degrees (VRS: `--dthetaInDegrees 20`). */
  halfAngle?: number;
  /** FSC threshold of the resolutions (VRS: `--FSCCutoff 0.143`). */
  threshold?: number;
  /** FSC level whose region's shape is the sphericity (VRS: `--ThresholdForSphericity 0.5`). */
  sphericityThreshold?: number;
  /** Shells below this resolution (Å) are inside the sphericity region whatever their FSC (VRS: `--HighPassFilter 200`). */
  highPassResolution?: number;
  /** Subdivision level of the geodesic sphere of directions: 3 gives 321 double cones. */
  sphereLevel?: number;
}

export interface DirectionalFscResult {
  /** Shells 1 … floor(Nx/2), frequency i/(Nx·Ts) in 1/Å. */
  frequency: Float64Array;
  /** Conical FSC about the x, y and z axes, and the FSC over the whole sphere. */
  fscX: Float64Array;
  fscY: Float64Array;
  fscZ: Float64Array;
  globalFsc: Float64Array;
  /** 1/f at the first crossing of the threshold (firstCrossing rule, the original service's reading of 3DFSC's table), Å; null if the curve does not cross. */
  resolutionX: number | null;
  resolutionY: number | null;
  resolutionZ: number | null;
  resolutionGlobal: number | null;
  directions: Directions;
  /** Per direction, 1/f at the first crossing of the threshold with the shells below the high-pass counted as 1; null if none. */
  directionalResolution: (number | null)[];
  /** Per direction, the radius (in shells) where its FSC first drops below the sphericity threshold. */
  sphericityRadius: Float64Array;
  /** Wadell sphericity of the region where the directional FSC ≥ the sphericity threshold. */
  sphericity: number;
  halfAngle: number;
  threshold: number;
  sphericityThreshold: number;
  /** First shell whose FSC counts for the sphericity region (shells below are the high-pass). */
  firstTestedShell: number;
}

/**
 * Directional FSC in cones, the method of 3DFSC (Tan et al. 2017; algorithms §3.8): FSC over the
 * points of a shell within a cone of half-angle 20° about a direction, unweighted; along the x, y
 * and z axes (3DFSC's Plots csv columns), over the whole sphere (global), and about the directions
 * of a geodesic hemisphere for the histogram of directional resolutions and the sphericity.
 * 3DFSC computes a cone about every Fourier voxel (its 3-D FSC volume) and measures the sphericity
 * on that volume thresholded at 0.5, blurred and meshed by marching cubes; here the sphericity is
 * that of the body whose radius along each direction is where that direction's FSC falls below
 * 0.5 (same definition, Ψ = π^{1/3}(6V)^{2/3}/A, measured on a direction mesh instead of voxels).
 */
export function directionalFscAnalysis(points: ConeSpectrumPoints, voxelSize: number, options: DirectionalFscOptions = {}): DirectionalFscResult {
  if (!(voxelSize > 0)) throw new RangeError(`directionalFscAnalysis: voxel size must be positive, got ${voxelSize}`);
  const halfAngle = options.halfAngle ?? 20;
  const threshold = options.threshold ?? 0.143;
  const sphericityThreshold = options.sphericityThreshold ?? 0.5;
  const highPass = options.highPassResolution ?? 200;
  const nx = points.dims[0];
  const m = points.shellCount;

  const axes = conicalFsc(points, directionsFromVectors([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), { halfAngle, weighting: 'uniform' });
  const directions = hemisphereDirections(options.sphereLevel ?? 3);
  const cones = conicalFsc(points, directions, { halfAngle, weighting: 'uniform' });
  const global = shellFsc(points);

  const frequency = Float64Array.from({ length: m - 1 }, (_, k) => (k + 1) / (nx * voxelSize));
  const dropDc = (curve: Float64Array) => curve.slice(1);
  const resolutionOf = (curve: Float64Array): number | null => {
    const f = firstCrossing(frequency, curve, threshold, 'lesser');
    return f === null ? null : 1 / f;
  };
  const [fscX, fscY, fscZ] = [0, 1, 2].map((axis) => dropDc(coneFscCurve(axes, axis))) as [Float64Array, Float64Array, Float64Array];
  const globalFsc = dropDc(global);

  const firstTestedShell = Math.max(1, Math.ceil((nx * voxelSize) / highPass));
  const directionalResolution: (number | null)[] = [];
  const sphericityRadius = new Float64Array(directions.count);
  for (let d = 0; d < directions.count; d++) {
    const curve = coneFscCurve(cones, d);
    // As 3DFSC's histogram, shells below the high-pass count as 1: a narrow cone holds only a few
    // points there, and a chance dip would otherwise end the curve (or, by the first-crossing rule,
    // leave the direction without a resolution).
    const tested = curve.slice(1).map((v, k) => (k + 1 < firstTestedShell ? 1 : v));
    directionalResolution.push(resolutionOf(tested));
    sphericityRadius[d] = thresholdRadius(curve, sphericityThreshold, firstTestedShell);
  }
  const { sphericity } = starBodySphericity(nearestDirectionRadius(directions, sphericityRadius), options.sphereLevel ?? 3);

  return {
    frequency,
    fscX,
    fscY,
    fscZ,
    globalFsc,
    resolutionX: resolutionOf(fscX),
    resolutionY: resolutionOf(fscY),
    resolutionZ: resolutionOf(fscZ),
    resolutionGlobal: resolutionOf(globalFsc),
    directions,
    directionalResolution,
    sphericityRadius,
    sphericity,
    halfAngle,
    threshold,
    sphericityThreshold,
    firstTestedShell,
  };
}
