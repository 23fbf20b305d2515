import { describe, expect, it } from 'vitest';
import { irfft3dSync } from '../../fft/index.js';
import { applyRadialFilter, raisedCosineLowPass } from '../index.js';
import { idealAlphaHelix, orthonormalFrame, pointMassSpectrum } from '../../phantom/index.js';
import { type Vec3, Volume } from '../../volume/index.js';
import { type AxisFrame, sampleCylinder } from './CylinderGrid.js';
import { DEFAULT_HELIX_MATCH, HelixHandMatcher } from './HelixHandMatcher.js';
import { electronFormFactor, helixTemplateVolume } from './helixTemplateVolume.js';

const lowPass = raisedCosineLowPass(0.2, 0.02);
const fMax = 0.22;

/** An ideal α-helix of `residues` along `axis` through `start`, rendered like the template, in a 1 Å box. */
function helixMap(dims: Vec3, start: Vec3, axis: Vec3, residues: number, handedness: 'right' | 'left', phase: number): Volume<Float32Array> {
  const voxel: Vec3 = [1, 1, 1];
  const atoms = idealAlphaHelix({ start, axis, residues, handedness, phase });
  const total = new Float64Array(2 * (Math.floor(dims[0] / 2) + 1) * dims[1] * dims[2]);
  for (const element of ['C', 'N', 'O'] as const) {
    const spec = pointMassSpectrum(atoms.filter((a) => a.element === element).map((a) => ({ position: a.position, weight: 1 })), dims, voxel, [0, 0, 0], fMax);
    applyRadialFilter(spec, dims, (f) => electronFormFactor(element, f) * lowPass(f), { voxelSize: voxel });
    for (let i = 0; i < total.length; i++) total[i]! += spec[i]!;
  }
  return new Volume(Float32Array.from(irfft3dSync(total, dims)), { dims, voxelSize: voxel, origin: [0, 0, 0] });
}

function frameAt(centre: Vec3, w: Vec3): AxisFrame {
  const [u, v, ww] = orthonormalFrame(w);
  return { centre, u, v, w: ww };
}

function rotateAboutZ(p: Vec3, degrees: number): Vec3 {
  const a = (degrees * Math.PI) / 180;
  return [Math.cos(a) * p[0] - Math.sin(a) * p[1], Math.sin(a) * p[0] + Math.cos(a) * p[1], p[2]];
}

describe('helixTemplateVolume', () => {
  it('uses the Peng factors of algorithms §4.2 (f(0) = Σ a_i) and holds the mass of its atoms', () => {
    // hand sums of the tabulated a_i
    expect(electronFormFactor('C', 0)).toBeCloseTo(0.0489 + 0.2091 + 0.7537 + 1.142 + 0.3555, 12);
    expect(electronFormFactor('N', 0)).toBeCloseTo(2.2131, 12);
    expect(electronFormFactor('O', 0)).toBeCloseTo(1.9834, 12);
    // s = f/2: f_C(f = 1 Å⁻¹) = Σ a_i·exp(−b_i/4)
    const byHand = [0.0489, 0.2091, 0.7537, 1.142, 0.3555].reduce((s, a, i) => s + a * Math.exp(-[0.114, 1.0825, 5.4281, 17.8811, 51.1341][i]! / 4), 0);
    expect(electronFormFactor('C', 1)).toBeCloseTo(byHand, 12);

    const t = helixTemplateVolume({ voxelSize: [1, 1, 1], response: lowPass, fMax });
    // 2 repeats = 36 residues of N, CA, C, O, CB: (3·f_C + f_N + f_O)(0) each; the DC bin passes the filter
    const expected = 36 * (3 * 2.5092 + 2.2131 + 1.9834);
    const [sx, sy, sz] = t.voxelSize;
    let sum = 0;
    for (const v of t.data) sum += v;
    expect(sum * sx * sy * sz).toBeCloseTo(expected, 6);
    expect(sz * t.dims[2]).toBeCloseTo(54, 9); // whole repeats along z
  });

  it('is a right-handed helix: invariant under the screw (+100°, +1.5 Å), not under (−100°, +1.5 Å)', () => {
    const t = helixTemplateVolume({ voxelSize: [0.5, 0.5, 0.5], response: lowPass, fMax });
    const grid = { radii: Float64Array.from([1, 2.3, 3.3]), angles: 24, zStep: 1 };
    const planes = 9;
    const base = sampleCylinder(t, { centre: [0, 0, 0], u: [1, 0, 0], v: [0, 1, 0], w: [0, 0, 1] }, grid, planes, new Float64Array(3 * 24 * planes));
    const screwed = (deg: number) =>
      sampleCylinder(t, { centre: [0, 0, 1.5], u: rotateAboutZ([1, 0, 0], deg), v: rotateAboutZ([0, 1, 0], deg), w: [0, 0, 1] }, grid, planes, new Float64Array(3 * 24 * planes));
    const rms = (a: Float64Array, b: Float64Array) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0) / a.length);
    const scale = Math.sqrt(base.reduce((s, v) => s + v * v, 0) / base.length);
    expect(rms(base, screwed(100)) / scale).toBeLessThan(0.02);
    expect(rms(base, screwed(-100)) / scale).toBeGreaterThan(0.2);
  });
});

describe('HelixHandMatcher', () => {
  it('gives the NCC of a direct computation over rotations, for both hands (harmonics, mirror convention)', () => {
    // "Map": the right-handed template on another grid (0.9 Å); known axis z through the origin.
    const map = helixTemplateVolume({ voxelSize: [0.9, 0.9, 0.9], response: lowPass, fMax });
    const template = helixTemplateVolume({ voxelSize: [1, 1, 1], response: lowPass, fMax });
    const opts = { ...DEFAULT_HELIX_MATCH, refinePasses: 0, tiltAngle: 0 };
    const matcher = new HelixHandMatcher(template, opts);
    const length = 16;
    const m = matcher.match(map, [0.3, -0.2, 0.7], [0, 0, 1], length);

    // Direct: sample the map once, the template at every rotation (and mirrored: w → −w), NCC with ring weights r.
    const grid = { radii: Float64Array.from(opts.radii), angles: opts.angles, zStep: opts.zStep };
    const planes = matcher.planesFor(length);
    const size = opts.radii.length * planes * opts.angles;
    const mapSamples = sampleCylinder(map, { centre: [0.3, -0.2, 0.7], u: [1, 0, 0], v: [0, 1, 0], w: [0, 0, 1] }, grid, planes, new Float64Array(size));
    const weights = Float64Array.from({ length: size }, (_, p) => opts.radii[Math.floor(p / (planes * opts.angles))]!);
    const ncc = (a: Float64Array, b: Float64Array) => {
      let w = 0, sa = 0, sb = 0;
      for (let p = 0; p < size; p++) { w += weights[p]!; sa += weights[p]! * a[p]!; sb += weights[p]! * b[p]!; }
      const ma = sa / w, mb = sb / w;
      let ab = 0, aa = 0, bb = 0;
      for (let p = 0; p < size; p++) {
        ab += weights[p]! * (a[p]! - ma) * (b[p]! - mb);
        aa += weights[p]! * (a[p]! - ma) ** 2;
        bb += weights[p]! * (b[p]! - mb) ** 2;
      }
      return ab / Math.sqrt(aa * bb);
    };
    let bestRight = -Infinity;
    let bestLeft = -Infinity;
    for (let deg = 0; deg < 360; deg += opts.rotationStep) {
      const u = rotateAboutZ([1, 0, 0], deg);
      const v = rotateAboutZ([0, 1, 0], deg);
      const right = sampleCylinder(template, { centre: [0, 0, 0], u, v, w: [0, 0, 1] }, grid, planes, new Float64Array(size));
      const left = sampleCylinder(template, { centre: [0, 0, 0], u, v, w: [0, 0, -1] }, grid, planes, new Float64Array(size));
      bestRight = Math.max(bestRight, ncc(mapSamples, right));
      bestLeft = Math.max(bestLeft, ncc(mapSamples, left));
    }
    expect(m.ccRight).toBeCloseTo(bestRight, 2);
    expect(m.ccLeft).toBeCloseTo(bestLeft, 2);
    expect(m.ccRight).toBeGreaterThan(0.9); // 0.36 Å off the axis, no refinement
    expect(m.ccRight - m.ccLeft).toBeGreaterThan(0.03);
  });

  it('recognises an oblique right-handed helix from a rough axis, and its mirror image as left-handed', () => {
    const dims: Vec3 = [48, 48, 48];
    const axis: Vec3 = [0.35, -0.25, 0.9];
    const len = Math.hypot(...axis);
    const dir = axis.map((a) => a / len) as Vec3;
    const centre: Vec3 = [24.3, 23.6, 24.2];
    const residues = 16; // 22.5 Å
    const start = centre.map((c, k) => c - dir[k]! * 11.25) as Vec3;
    const template = helixTemplateVolume({ voxelSize: [1, 1, 1], response: lowPass, fMax });
    const matcher = new HelixHandMatcher(template);
    // a rough start: 1 Å off the axis, 4° off its direction
    const [u] = orthonormalFrame(dir);
    const roughCentre = centre.map((c, k) => c + u[k]!) as Vec3;
    const roughAxis = dir.map((d, k) => d + Math.tan((4 * Math.PI) / 180) * u[k]!) as Vec3;
    const right = matcher.match(helixMap(dims, start, dir, residues, 'right', 37), roughCentre, roughAxis, 18);
    expect(right.ccRight).toBeGreaterThan(0.95);
    expect(right.ccRight - right.ccLeft).toBeGreaterThan(0.03);
    // the refined axis is back on the helix axis
    const angle = (Math.acos(Math.min(1, Math.abs(right.axis[0] * dir[0] + right.axis[1] * dir[1] + right.axis[2] * dir[2]))) * 180) / Math.PI;
    expect(angle).toBeLessThan(2);
    const off = right.centre.map((c, k) => c - centre[k]!);
    const along = off[0]! * dir[0] + off[1]! * dir[1] + off[2]! * dir[2];
    expect(Math.hypot(off[0]! - along * dir[0], off[1]! - along * dir[1], off[2]! - along * dir[2])).toBeLessThan(0.5);

    // idealAlphaHelix's left-handed helix runs the other way from `start`
    const leftStart = centre.map((c, k) => c + dir[k]! * 11.25) as Vec3;
    const left = matcher.match(helixMap(dims, leftStart, dir, residues, 'left', 211), roughCentre, roughAxis, 18);
    expect(left.ccLeft).toBeGreaterThan(0.95);
    expect(left.ccLeft - left.ccRight).toBeGreaterThan(0.03);
  });
});
