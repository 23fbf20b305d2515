import type { ConeSpectrumPoints } from './coneSpectrumPoints.js';
import type { Directions } from './geodesicSphere.js';

export interface ConeOptions {
  /** Angle between the cone axis and its generatrix, degrees; ≥ 90 takes every point. */
  halfAngle: number;
  /**
   * 'uniform': every point inside weighs 1 (3DFSC). 'gaussian': Xmipp FSO's weight
   * g = exp(−(c − 1)²·4/(cos α − 1)²) with c = |d·u|, 1 on the axis and e⁻⁴ on the rim.
   */
  weighting: 'uniform' | 'gaussian';
}

/**
 * Sums of a conical FSC per direction and shell, flattened as [direction·shellCount + shell]:
 * FSC = num / √(den1·den2). `weight` is the summed weight of the points (their count for
 * 'uniform').
 */
export interface ConeSums {
  shellCount: number;
  directionCount: number;
  num: Float64Array;
  den1: Float64Array;
  den2: Float64Array;
  weight: Float64Array;
}

/**
 * Fourier shell correlation restricted to a double cone |d·u| ≥ cos α about each direction d
 * (the cone and its opposite: a half spectrum with each Friedel pair once holds one point of each
 * pair, so the double cone over it is the single cone over the full spectrum). Shells are the
 * points' Xmipp shells. The shared kernel of FSO (Gaussian weight, 17°) and 3DFSC (uniform, 20°).
 */
export function conicalFsc(points: ConeSpectrumPoints, directions: Directions, options: ConeOptions): ConeSums {
  const { halfAngle, weighting } = options;
  if (!(halfAngle > 0)) throw new RangeError(`conicalFsc: the cone half-angle must be positive, got ${halfAngle}`);
  const whole = halfAngle >= 90;
  const cosLimit = whole ? 0 : Math.cos((halfAngle * Math.PI) / 180);
  // Xmipp divides by (cos α − 1)²; a whole-sphere Gaussian cone uses cos α = 0 (weight e⁻⁴ at 90°).
  const gaussianScale = 4 / ((cosLimit - 1) * (cosLimit - 1));
  const gaussian = weighting === 'gaussian';
  const m = points.shellCount;
  const k = directions.count;
  const sums: ConeSums = {
    shellCount: m,
    directionCount: k,
    num: new Float64Array(k * m),
    den1: new Float64Array(k * m),
    den2: new Float64Array(k * m),
    weight: new Float64Array(k * m),
  };
  const { shell, ux, uy, uz, cross, power1, power2, count, bins } = points;
  const axes = bins.axes.vectors;
  const members = bins.members;
  for (let d = 0; d < k; d++) {
    const dx = directions.vectors[3 * d]!;
    const dy = directions.vectors[3 * d + 1]!;
    const dz = directions.vectors[3 * d + 2]!;
    const num = sums.num.subarray(d * m, (d + 1) * m);
    const den1 = sums.den1.subarray(d * m, (d + 1) * m);
    const den2 = sums.den2.subarray(d * m, (d + 1) * m);
    const weight = sums.weight.subarray(d * m, (d + 1) * m);
    // Every point in memory order for a whole-sphere cone (the sums are then a plain shell FSC's,
    // bit for bit); otherwise only the bins that can reach the cone.
    const ranges: number[] = [];
    if (whole) ranges.push(-1, count);
    else
      for (let b = 0; b < bins.axes.count; b++) {
        const axisCos = Math.abs(dx * axes[3 * b]! + dy * axes[3 * b + 1]! + dz * axes[3 * b + 2]!);
        const axisAngle = (Math.acos(Math.min(1, axisCos)) * 180) / Math.PI;
        if (axisAngle <= halfAngle + bins.radius[b]!) ranges.push(bins.start[b]!, bins.start[b + 1]!);
      }
    for (let r = 0; r < ranges.length; r += 2) {
      const direct = ranges[r] === -1;
      const from = direct ? 0 : ranges[r]!;
      const to = ranges[r + 1]!;
      for (let j = from; j < to; j++) {
        const n = direct ? j : members[j]!;
        const c = Math.abs(dx * ux[n]! + dy * uy[n]! + dz * uz[n]!);
        if (c < cosLimit) continue;
        const s = shell[n]!;
        if (gaussian) {
          const g = Math.exp(-(c - 1) * (c - 1) * gaussianScale);
          num[s]! += g * cross[n]!;
          den1[s]! += g * power1[n]!;
          den2[s]! += g * power2[n]!;
          weight[s]! += g;
        } else {
          num[s]! += cross[n]!;
          den1[s]! += power1[n]!;
          den2[s]! += power2[n]!;
          weight[s]!++;
        }
      }
    }
  }
  return sums;
}

/** FSC of one direction: num/√(den1·den2) per shell, NaN where the cone holds no power. */
export function coneFscCurve(sums: ConeSums, direction: number): Float64Array {
  const m = sums.shellCount;
  const out = new Float64Array(m);
  for (let s = 0; s < m; s++) {
    const i = direction * m + s;
    const denominator = Math.sqrt(sums.den1[i]! * sums.den2[i]!);
    out[s] = denominator > 0 ? sums.num[i]! / denominator : Number.NaN;
  }
  return out;
}
