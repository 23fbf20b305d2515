import { orthonormalFrame } from '../../phantom/index.js';
import type { Vec3, Volume } from '../../volume/index.js';
import { type AxisFrame, type CylinderGrid, sampleCylinder } from './CylinderGrid.js';

export interface HelixMatchOptions {
  /** Ring radii (Å) of the compared cylinder. */
  radii: number[];
  /** Samples per ring. */
  angles: number;
  /** Plane spacing along the axis (Å). */
  zStep: number;
  /** Highest angular harmonic kept (the density on a ring of radius r low-passed at f has |n| ≲ 2πrf). */
  maxHarmonic: number;
  /** Rotation search step about the axis (degrees). */
  rotationStep: number;
  /** Axis tilts tried around the refined axis: angle (degrees) and number of tilt directions. */
  tiltAngle: number;
  tiltDirections: number;
  /** Tilts are tried only when the untilted fit of either hand reaches this NCC (saves time on non-helices). */
  tiltScreen: number;
  /** Slab-centroid axis refinement passes (0 = keep the segment's axis). */
  refinePasses: number;
  /** Rings up to this radius (Å) enter the slab centroids. */
  refineRadius: number;
  /** Extra length (Å) compared beyond each end of the segment. */
  endPadding: number;
  /** Longest segment (Å) the template must cover. */
  maxLength: number;
}

export const DEFAULT_HELIX_MATCH: HelixMatchOptions = {
  radii: [0.5, 1.5, 2.5, 3.5, 4.5],
  angles: 24,
  zStep: 1,
  maxHarmonic: 10,
  rotationStep: 5,
  tiltAngle: 5,
  tiltDirections: 6,
  tiltScreen: -Infinity,
  refinePasses: 2,
  refineRadius: 4,
  endPadding: 1,
  maxLength: 24,
};

/** The best fit of both hands on one segment. */
export interface HelixMatch {
  ccRight: number;
  ccLeft: number;
  /** Rotation (degrees) of the best right- and left-handed template about the axis. */
  rotationRight: number;
  rotationLeft: number;
  /** The refined axis (before tilts): a point on it and its unit direction. */
  centre: Vec3;
  axis: Vec3;
}

/**
 * Normalised cross-correlation of a map with right- and left-handed ideal α-helix templates on a
 * cylinder about a candidate axis, maximised over the rotation about the axis and small axis tilts.
 *
 * Both are sampled on the same cylinder grid (rings × angles × planes, ring weight ∝ r for equal
 * area). A rotation of the template by Δ about the axis multiplies its angular harmonics by e^(−inΔ),
 * so with the per-line harmonics M̂_n (map) and T̂_n (template) the correlation at every Δ is
 * (1/N_θ)·Σ_lines w·[M̂₀T̂₀ + 2·Re Σ_{n≥1} M̂_n·conj(T̂_n)·e^(inΔ)], evaluated at `rotationStep`
 * steps. The template is endless (whole repeats in a periodic box), so its rotation also stands for
 * every shift along the axis (screw symmetry: 100° per 1.5 Å; at ≥ 5 Å the residue-level detail that
 * breaks the continuous symmetry is invisible). The left-handed template is the right one mirrored
 * through the plane z = 0 (z → −z): the same samples with the planes in reverse order.
 *
 * Allocates its buffers once; `match` is called per candidate segment.
 */
export class HelixHandMatcher {
  private readonly grid: CylinderGrid;
  private readonly maxPlanes: number;
  private readonly lines: number;
  private readonly cosTable: Float64Array;
  private readonly sinTable: Float64Array;
  private readonly cosDelta: Float64Array;
  private readonly sinDelta: Float64Array;
  private readonly deltas: number;
  /** Template harmonics per (ring, plane): re/im of n = 0..maxHarmonic. */
  private readonly tplRe: Float64Array;
  private readonly tplIm: Float64Array;
  /** Template sums per (ring, plane): Σ_j t and Σ_j t². */
  private readonly tplSum: Float64Array;
  private readonly tplSum2: Float64Array;
  private readonly samples: Float64Array;
  private readonly mapRe: Float64Array;
  private readonly mapIm: Float64Array;
  private readonly nh: number;
  /** Σ_lines w·M̂_n·conj(T̂_n) for n = 0..maxHarmonic, right hand then left hand. */
  private readonly crossRe: Float64Array;
  private readonly crossIm: Float64Array;

  constructor(
    template: Volume<Float32Array>,
    private readonly opts: HelixMatchOptions = DEFAULT_HELIX_MATCH,
  ) {
    this.grid = { radii: Float64Array.from(opts.radii), angles: opts.angles, zStep: opts.zStep };
    this.maxPlanes = this.planesFor(opts.maxLength);
    this.nh = opts.maxHarmonic + 1;
    if (2 * opts.maxHarmonic >= opts.angles) throw new RangeError(`maxHarmonic ${opts.maxHarmonic} needs more than ${2 * opts.maxHarmonic} angles, got ${opts.angles}`);
    this.lines = opts.radii.length * this.maxPlanes;
    const a = opts.angles;
    this.cosTable = new Float64Array(this.nh * a);
    this.sinTable = new Float64Array(this.nh * a);
    for (let n = 0; n < this.nh; n++)
      for (let j = 0; j < a; j++) {
        this.cosTable[n * a + j] = Math.cos((2 * Math.PI * n * j) / a);
        this.sinTable[n * a + j] = Math.sin((2 * Math.PI * n * j) / a);
      }
    this.deltas = Math.round(360 / opts.rotationStep);
    this.cosDelta = new Float64Array(this.deltas * this.nh);
    this.sinDelta = new Float64Array(this.deltas * this.nh);
    for (let q = 0; q < this.deltas; q++)
      for (let n = 0; n < this.nh; n++) {
        const angle = (2 * Math.PI * q * n) / this.deltas;
        this.cosDelta[q * this.nh + n] = Math.cos(angle);
        this.sinDelta[q * this.nh + n] = Math.sin(angle);
      }
    this.crossRe = new Float64Array(2 * this.nh);
    this.crossIm = new Float64Array(2 * this.nh);
    this.samples = new Float64Array(this.lines * a);
    this.mapRe = new Float64Array(this.lines * this.nh);
    this.mapIm = new Float64Array(this.lines * this.nh);
    this.tplRe = new Float64Array(this.lines * this.nh);
    this.tplIm = new Float64Array(this.lines * this.nh);
    this.tplSum = new Float64Array(this.lines);
    this.tplSum2 = new Float64Array(this.lines);
    const axisFrame: AxisFrame = { centre: [0, 0, 0], u: [1, 0, 0], v: [0, 1, 0], w: [0, 0, 1] };
    sampleCylinder(template, axisFrame, this.grid, this.maxPlanes, this.samples);
    this.harmonics(this.samples, this.lines, this.tplRe, this.tplIm);
    for (let l = 0; l < this.lines; l++) {
      let s1 = 0;
      let s2 = 0;
      for (let j = 0; j < a; j++) {
        const t = this.samples[l * a + j]!;
        s1 += t;
        s2 += t * t;
      }
      this.tplSum[l] = s1;
      this.tplSum2[l] = s2;
    }
  }

  /** Odd number of planes covering a segment of `length` Å plus the end padding. */
  planesFor(length: number): number {
    return 2 * Math.ceil((Math.min(length, this.opts.maxLength) / 2 + this.opts.endPadding) / this.opts.zStep) + 1;
  }

  /** Fits both hands on the segment with axis `direction` through `centre`, `length` Å long. */
  match(volume: Volume<Float32Array>, centre: Vec3, direction: Vec3, length: number): HelixMatch {
    const planes = this.planesFor(length);
    let frame = frameAt(centre, direction);
    for (let pass = 0; pass < this.opts.refinePasses; pass++) {
      const refined = this.refineAxis(volume, frame, planes);
      if (refined === null) break;
      frame = refined;
    }
    const best = { ccRight: -Infinity, ccLeft: -Infinity, rotationRight: 0, rotationLeft: 0 };
    const tilt = (this.opts.tiltAngle * Math.PI) / 180;
    const tilts = this.opts.tiltAngle > 0 ? this.opts.tiltDirections : 0;
    for (let t = -1; t < tilts; t++) {
      let axis = frame.w;
      if (t >= 0) {
        const phi = (2 * Math.PI * t) / tilts;
        const c = Math.sin(tilt) * Math.cos(phi);
        const s = Math.sin(tilt) * Math.sin(phi);
        axis = [0, 1, 2].map((k) => Math.cos(tilt) * frame.w[k]! + c * frame.u[k]! + s * frame.v[k]!) as Vec3;
      }
      const r = this.correlate(volume, frameAt(frame.centre, axis), planes);
      if (r.ccRight > best.ccRight) {
        best.ccRight = r.ccRight;
        best.rotationRight = r.rotationRight;
      }
      if (r.ccLeft > best.ccLeft) {
        best.ccLeft = r.ccLeft;
        best.rotationLeft = r.rotationLeft;
      }
      if (t < 0 && Math.max(r.ccRight, r.ccLeft) < this.opts.tiltScreen) break;
    }
    return { ...best, centre: frame.centre, axis: frame.w };
  }

  /** Best NCC over the rotations, for both hands, with the axis frame fixed. */
  private correlate(volume: Volume<Float32Array>, frame: AxisFrame, planes: number) {
    const a = this.opts.angles;
    const nh = this.nh;
    const rings = this.grid.radii.length;
    const lines = rings * planes;
    sampleCylinder(volume, frame, this.grid, planes, this.samples);
    this.harmonics(this.samples, lines, this.mapRe, this.mapIm);
    const offset = (this.maxPlanes - planes) / 2;
    let weightSum = 0;
    let m1 = 0;
    let m2 = 0;
    let t1 = 0;
    let t2 = 0;
    const pr = this.crossRe.fill(0);
    const pi = this.crossIm.fill(0);
    for (let i = 0; i < rings; i++) {
      const w = this.grid.radii[i]!;
      for (let k = 0; k < planes; k++) {
        const l = i * planes + k;
        const lr = i * this.maxPlanes + offset + k;
        // mirror through z = 0: plane k ↔ planes − 1 − k
        const ll = i * this.maxPlanes + offset + (planes - 1 - k);
        let s1 = 0;
        let s2 = 0;
        for (let j = 0; j < a; j++) {
          const m = this.samples[l * a + j]!;
          s1 += m;
          s2 += m * m;
        }
        weightSum += w * a;
        m1 += w * s1;
        m2 += w * s2;
        t1 += w * this.tplSum[lr]!;
        t2 += w * this.tplSum2[lr]!;
        for (let n = 0; n < nh; n++) {
          const mr = this.mapRe[l * nh + n]!;
          const mi = this.mapIm[l * nh + n]!;
          const rr = this.tplRe[lr * nh + n]!;
          const ri = this.tplIm[lr * nh + n]!;
          const lre = this.tplRe[ll * nh + n]!;
          const lim = this.tplIm[ll * nh + n]!;
          pr[n] += w * (mr * rr + mi * ri);
          pi[n] += w * (mi * rr - mr * ri);
          pr[nh + n] += w * (mr * lre + mi * lim);
          pi[nh + n] += w * (mi * lre - mr * lim);
        }
      }
    }
    const varM = m2 - (m1 * m1) / weightSum;
    const varT = t2 - (t1 * t1) / weightSum;
    const norm = Math.sqrt(Math.max(0, varM * varT));
    const meanTerm = (m1 * t1) / weightSum;
    const result = { ccRight: -Infinity, ccLeft: -Infinity, rotationRight: 0, rotationLeft: 0 };
    if (!(norm > 0)) return { ...result, ccRight: 0, ccLeft: 0 };
    for (let hand = 0; hand < 2; hand++) {
      const base = hand * nh;
      let bestValue = -Infinity;
      let bestQ = 0;
      for (let q = 0; q < this.deltas; q++) {
        let x = pr[base]!;
        for (let n = 1; n < nh; n++) x += 2 * (pr[base + n]! * this.cosDelta[q * nh + n]! - pi[base + n]! * this.sinDelta[q * nh + n]!);
        if (x > bestValue) {
          bestValue = x;
          bestQ = q;
        }
      }
      const cc = (bestValue / a - meanTerm) / norm;
      if (hand === 0) {
        result.ccRight = cc;
        result.rotationRight = bestQ * this.opts.rotationStep;
      } else {
        result.ccLeft = cc;
        result.rotationLeft = bestQ * this.opts.rotationStep;
      }
    }
    return result;
  }

  /**
   * One pass of axis refinement: per plane, the centroid (across the axis) of the density above
   * the cylinder's mean, within refineRadius; a straight line fitted through them (weighted by the
   * plane's mass) gives the new axis. A helix's centroids circle its axis once per 5.4 Å turn,
   * which the line fit averages out over the ≥ 10 Å of a segment. null when the fit is degenerate
   * or would move the axis implausibly far (then the previous axis stays).
   */
  private refineAxis(volume: Volume<Float32Array>, frame: AxisFrame, planes: number): AxisFrame | null {
    const a = this.opts.angles;
    const radii = this.grid.radii;
    sampleCylinder(volume, frame, this.grid, planes, this.samples);
    let rings = 0;
    while (rings < radii.length && radii[rings]! <= this.opts.refineRadius) rings++;
    if (rings === 0) return null;
    let sum = 0;
    let weight = 0;
    for (let i = 0; i < rings; i++)
      for (let p = i * planes * a; p < (i + 1) * planes * a; p++) {
        sum += radii[i]! * this.samples[p]!;
        weight += radii[i]!;
      }
    const floor = sum / weight;
    // weighted least squares x = x0 + ax·z, y = y0 + ay·z over the planes
    let sw = 0;
    let sz = 0;
    let szz = 0;
    let sx = 0;
    let sxz = 0;
    let sy = 0;
    let syz = 0;
    const half = (planes - 1) / 2;
    for (let k = 0; k < planes; k++) {
      let mass = 0;
      let mx = 0;
      let my = 0;
      for (let i = 0; i < rings; i++) {
        const r = radii[i]!;
        const base = (i * planes + k) * a;
        for (let j = 0; j < a; j++) {
          const rho = this.samples[base + j]! - floor;
          if (rho <= 0) continue;
          const wr = r * rho;
          mass += wr;
          mx += wr * r * this.cosTable[a + j]!;
          my += wr * r * this.sinTable[a + j]!;
        }
      }
      if (!(mass > 0)) continue;
      const z = (k - half) * this.opts.zStep;
      const cx = mx / mass;
      const cy = my / mass;
      sw += mass;
      sz += mass * z;
      szz += mass * z * z;
      sx += mass * cx;
      sxz += mass * cx * z;
      sy += mass * cy;
      syz += mass * cy * z;
    }
    const det = sw * szz - sz * sz;
    if (!(sw > 0) || !(det > 1e-12 * sw * sw)) return null;
    const ax = (sw * sxz - sz * sx) / det;
    const ay = (sw * syz - sz * sy) / det;
    const x0 = (sx - ax * sz) / sw;
    const y0 = (sy - ay * sz) / sw;
    if (Math.hypot(x0, y0) > 2.5 || Math.hypot(ax, ay) > 0.35) return null;
    const { centre, u, v, w } = frame;
    const newCentre = [0, 1, 2].map((k) => centre[k]! + x0 * u[k]! + y0 * v[k]!) as Vec3;
    const newAxis = [0, 1, 2].map((k) => w[k]! + ax * u[k]! + ay * v[k]!) as Vec3;
    return frameAt(newCentre, newAxis);
  }

  /** Angular harmonics n = 0..maxHarmonic of each line: re = Σ v·cos(nθ), im = −Σ v·sin(nθ). */
  private harmonics(values: Float64Array, lines: number, re: Float64Array, im: Float64Array): void {
    const a = this.opts.angles;
    const nh = this.nh;
    for (let l = 0; l < lines; l++) {
      const base = l * a;
      for (let n = 0; n < nh; n++) {
        let sr = 0;
        let si = 0;
        const tb = n * a;
        for (let j = 0; j < a; j++) {
          const v = values[base + j]!;
          sr += v * this.cosTable[tb + j]!;
          si -= v * this.sinTable[tb + j]!;
        }
        re[l * nh + n] = sr;
        im[l * nh + n] = si;
      }
    }
  }
}

/** A right-handed frame with w along `direction` (normalised) at `centre`. */
function frameAt(centre: Vec3, direction: Vec3): AxisFrame {
  const [u, v, w] = orthonormalFrame(direction);
  return { centre: [...centre], u, v, w };
}
