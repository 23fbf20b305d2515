import { irfft3d, rfft3d } from '../../fft/index.js';
import { dilate, gaussianBlur, raisedCosineLowPass } from '../index.js';
import { type Vec3, Volume, type VolumeGeometry } from '../../volume/index.js';
import { resampleHalfSpectrum } from './resampleHalfSpectrum.js';
import { symmetricEigen3 } from './symmetricEigen3.js';
import { cloneGeometry, croppedWorkingGrid, thresholdBox, thresholdRegion } from './workingGrid.js';

/**
 * Twist of neighbouring strands in natural β-sheets, as measured by `pairTwist` (rad/Å, negative):
 * across the strands, each strand is rotated by about −20° about the cross-strand axis relative to
 * the one before it, 4.8 Å away (Chothia 1973: a right-handed twist seen along the strands, hence
 * left-handed seen across them). Checked on the atomic models of ../shared/data: 7cec chain A gives
 * −0.061 rad/Å (−17° per 4.8 Å; 89 % of 119 strand pairs negative), 6gyn −23° per 4.8 Å (95 %).
 */
export const NATURAL_TWIST_SIGN = -1;

/**
 * Handedness of a pair of nearly parallel lines: points p, q with unit directions s_p, s_q (signs
 * arbitrary), d = q − p. τ = sign(s_p·s_q)·((s_p × s_q)·d)/|d|² is the rotation (rad) of the second
 * line relative to the first about d, per Å of |d|, right-handed positive; it does not change when
 * either direction is reversed or p and q are swapped, and changes sign in a mirror image. For the
 * strands of a twisted sheet, d runs across the strands and τ is the twist per Å.
 */
export function pairTwist(sp: ArrayLike<number>, sq: ArrayLike<number>, d: ArrayLike<number>): number {
  const c = sp[0]! * sq[0]! + sp[1]! * sq[1]! + sp[2]! * sq[2]!;
  const x = sp[1]! * sq[2]! - sp[2]! * sq[1]!;
  const y = sp[2]! * sq[0]! - sp[0]! * sq[2]!;
  const z = sp[0]! * sq[1]! - sp[1]! * sq[0]!;
  const d2 = d[0]! * d[0]! + d[1]! * d[1]! + d[2]! * d[2]!;
  return (Math.sign(c) * (x * d[0]! + y * d[1]! + z * d[2]!)) / d2;
}

export interface SheetTwistOptions {
  /** Contour level: strands are looked for where the map reaches it. */
  threshold: number;
  /** Reported resolution (Å). */
  resolution: number;
  /** Working voxel size (Å), default 1. */
  sampling?: number;
  /** Raised-cosine low-pass (Å), default max(resolution, 4): keeps the 4.8 Å spacing of strands. */
  lowPassResolution?: number;
  rollOff?: number;
  /** Extra Gaussian σ (Å) for the Hessian, default 1. */
  hessianSigma?: number;
  /** Strand ridge: |λ_along| ≤ maxAxialRatio·|λ_cross,weak| (default 0.5) and within maxRidgeDistance Å (default 0.7) of the ridge. */
  maxAxialRatio?: number;
  maxRidgeDistance?: number;
  /**
   * Sheet scale: Gaussian σ (Å, default 2) that blurs neighbouring strands into one slab. At that
   * scale a sheet voxel's Hessian has one strong negative curvature (the sheet normal n) and two weak
   * ones (|λ| ≤ maxPlateRatio·|λ_n|, default 0.5); the strand and the pair separation must lie in
   * the sheet (|cos| with n ≤ maxNormalCosine, default 0.35). sheetSigma 0 turns the check off.
   */
  sheetSigma?: number;
  maxPlateRatio?: number;
  maxNormalCosine?: number;
  /** Neighbouring strands lie this far apart (Å), default [4.2, 5.8] around the 4.8 Å of a sheet. */
  minPairDistance?: number;
  maxPairDistance?: number;
  /** Largest angle (degrees) between neighbouring strand directions, default 40. */
  maxStrandAngle?: number;
  /** Largest |cos| between the pair's separation and either strand (across, not along), default 0.35. */
  maxAlongCosine?: number;
  /** Edge (Å) of the cubic patches whose mean twists are the independent votes, default 12. */
  patchSize?: number;
  /** Patches with fewer strand pairs do not vote, default 10. */
  minPatchPairs?: number;
  /** Growth (Å) of the thresholded region, default 1. */
  maskDilation?: number;
  margin?: number;
  /** A verdict needs |z| ≥ minZ (default 3), agreement ≥ minAgreement (default 0.7) and minPatches patches (default 4). */
  minZ?: number;
  minAgreement?: number;
  minPatches?: number;
  /** Only strand pairs whose midpoint (Å, map frame) passes count (diagnostics: e.g. near a model's strands). */
  pairFilter?: (midpoint: Vec3) => boolean;
  threads?: number;
  signal?: AbortSignal;
  progress?: (fraction: number, message: string) => void;
}

export interface SheetPatch {
  /** Centre of the patch's strand pairs (Å, map frame). */
  centre: Vec3;
  pairs: number;
  /** Mean pair twist (rad/Å). */
  twist: number;
}

export type SheetTwistVerdict = 'natural' | 'mirrored' | 'undecided';

export interface SheetTwistResult {
  verdict: SheetTwistVerdict;
  /** Why the verdict is undecided (null when decided). */
  undecidedReason: string | null;
  /** Pair-weighted mean twist over the voting patches (rad/Å; natural sheets ≈ −0.07), null without patches. */
  meanTwist: number | null;
  /** meanTwist / its standard error over patches (effective count (Σw)²/Σw²). */
  zScore: number | null;
  /** Pair-weighted fraction of the voting patches whose twist has the sign of meanTwist. */
  agreement: number | null;
  /** Pair-weighted fraction of the voting patches twisted like a mirrored sheet (0 natural … 1 mirrored). */
  mirroredFraction: number | null;
  patches: SheetPatch[];
  /** Voxels at or above the threshold (original grid). */
  maskVoxels: number;
  /** Strand-ridge voxels, and those with a neighbouring parallel strand (β-sheet voxels), working grid. */
  ridgeVoxels: number;
  sheetVoxels: number;
  /** Strand pairs measured (each unordered pair of sheet voxels once). */
  pairs: number;
  /** 1 on the β-sheet voxels of the working grid. */
  sheetMask: Uint8Array;
  grid: VolumeGeometry;
  lowPassResolution: number;
}

/**
 * β-sheet twist test of a map's hand. β-sheets are twisted the same way in every protein (L-amino
 * acids); a mirrored map holds sheets twisted the other way.
 * 1. The thresholded region is cropped, resampled in Fourier space to ≈ 1 Å voxels and low-passed to
 *    max(R, 4 Å), plus a Gaussian of σ = 1 Å for the Hessian.
 * 2. Strand ridges: voxels where the density falls off in two directions (λa ≤ λb < 0) and runs on
 *    along the third (|λc| ≤ 0.5|λb|), within 0.7 Å of the ridge line; the third eigenvector is the
 *    local strand direction.
 * 3. β-sheet: two ridge voxels 4.2–5.8 Å apart, their directions within 40° of each other, their
 *    separation across both (|cos| ≤ 0.35), both on a plate of density at the sheet scale (σ = 2 Å)
 *    and the separation within that plate, are neighbouring strands; each such pair gives a twist τ
 *    (`pairTwist`).
 * 4. Pairs are grouped by their midpoint into 12 Å cubes (patches); each patch with ≥ 10 pairs votes
 *    with its mean τ, weighted by its pair count. The verdict is natural or mirrored when the
 *    weighted mean is ≥ 3 standard errors from 0, at least 70 % of the weight agrees with its sign and
 *    at least 4 patches vote; otherwise undecided.
 */
export async function sheetTwist(volume: Volume<Float32Array>, opts: SheetTwistOptions): Promise<SheetTwistResult> {
  const { threshold, resolution } = opts;
  if (!Number.isFinite(threshold)) throw new RangeError(`threshold must be finite, got ${threshold}`);
  if (!(resolution > 0)) throw new RangeError(`resolution must be > 0, got ${resolution}`);
  const sampling = opts.sampling ?? 1;
  const lowPassResolution = opts.lowPassResolution ?? Math.max(resolution, 4);
  const rollOff = opts.rollOff ?? 0.02;
  const sigma = opts.hessianSigma ?? 1;
  const margin = opts.margin ?? 8;
  const progress = opts.progress ?? (() => {});
  const fftOpts = opts.threads === undefined ? {} : { threads: opts.threads };

  const box = thresholdBox(volume, threshold);
  const emptyResult = (grid: VolumeGeometry, reason: string): SheetTwistResult => ({
    verdict: 'undecided', undecidedReason: reason, meanTwist: null, zScore: null, agreement: null, mirroredFraction: null,
    patches: [], maskVoxels: box.count, ridgeVoxels: 0, sheetVoxels: 0, pairs: 0, sheetMask: new Uint8Array(0), grid, lowPassResolution,
  });
  if (box.count === 0) return emptyResult({ dims: [0, 0, 0], voxelSize: [sampling, sampling, sampling], origin: [...volume.origin] }, 'no voxel reaches the threshold');

  // 1. crop, resample, low-pass
  const { crop, cropDims, fMax, workDims, grid } = croppedWorkingGrid(volume, box, { margin, sampling, lowPassResolution, rollOff });
  const ts = volume.voxelSize;
  const workVoxel = grid.voxelSize;
  const lowPass = raisedCosineLowPass(1 / lowPassResolution, rollOff);
  const blur = gaussianBlur(sigma);
  progress(0.05, 'spectrum');
  const spectrum = await rfft3d(crop.data, cropDims, fftOpts);
  const smoothSpec = resampleHalfSpectrum(spectrum, cropDims, ts, workDims, (f) => lowPass(f) * blur(f), fMax);
  const smooth = Float32Array.from(await irfft3d(smoothSpec, workDims, { ...fftOpts, overwriteInput: true }));
  if (opts.signal?.aborted) throw opts.signal.reason;
  const sheetSigma = opts.sheetSigma ?? 2;
  const coarse = sheetSigma > 0
    ? Float32Array.from(await irfft3d(resampleHalfSpectrum(spectrum, cropDims, ts, workDims, (f) => lowPass(f) * gaussianBlur(sheetSigma)(f), fMax), workDims, { ...fftOpts, overwriteInput: true }))
    : null;
  progress(0.4, 'strand ridges');

  // 2. strand ridges and their directions
  const passes = Math.round((opts.maskDilation ?? 1) / Math.min(...workVoxel));
  const region = dilate(new Volume(thresholdRegion(volume, threshold, grid), cloneGeometry(grid)), passes, 18).data;
  const ridges = strandRidges(smooth, grid, region, opts.maxAxialRatio ?? 0.5, opts.maxRidgeDistance ?? 0.7);
  // sheet normals at the ridge voxels (NaN where the coarse density is no plate or the strand leaves it)
  const normal = new Float64Array(3 * ridges.count).fill(Number.NaN);
  if (coarse !== null) {
    const eig = new Float64Array(12);
    const maxPlate = opts.maxPlateRatio ?? 0.5;
    const maxCos = opts.maxNormalCosine ?? 0.35;
    for (let r = 0; r < ridges.count; r++) {
      hessianAt(coarse, grid, ridges.voxel[r]!, eig);
      const la = eig[0]!;
      if (!(la < 0) || Math.max(Math.abs(eig[1]!), Math.abs(eig[2]!)) > maxPlate * -la) continue;
      const cos = eig[3]! * ridges.direction[3 * r]! + eig[4]! * ridges.direction[3 * r + 1]! + eig[5]! * ridges.direction[3 * r + 2]!;
      if (Math.abs(cos) > maxCos) continue;
      normal[3 * r] = eig[3]!;
      normal[3 * r + 1] = eig[4]!;
      normal[3 * r + 2] = eig[5]!;
    }
  }
  progress(0.55, `${ridges.count} ridge voxels`);

  // 3. neighbouring strand pairs
  const [mx, my] = workDims;
  const [hx, hy, hz] = workVoxel;
  const minD = opts.minPairDistance ?? 4.2;
  const maxD = opts.maxPairDistance ?? 5.8;
  const minCos = Math.cos(((opts.maxStrandAngle ?? 40) * Math.PI) / 180);
  const maxAlong = opts.maxAlongCosine ?? 0.35;
  const offsets: number[][] = [];
  const rx = Math.ceil(maxD / hx);
  const ry = Math.ceil(maxD / hy);
  const rz = Math.ceil(maxD / hz);
  for (let dz = 0; dz <= rz; dz++)
    for (let dy = -ry; dy <= ry; dy++)
      for (let dx = -rx; dx <= rx; dx++) {
        // each unordered pair once: the offset is lexicographically positive in (z, y, x)
        if (dz === 0 && (dy < 0 || (dy === 0 && dx <= 0))) continue;
        const d2 = (dx * hx) ** 2 + (dy * hy) ** 2 + (dz * hz) ** 2;
        if (d2 < minD * minD || d2 > maxD * maxD) continue;
        offsets.push([dx, dy, dz]);
      }
  const patchSize = opts.patchSize ?? 12;
  const patchSums = new Map<number, { n: number; t: number; x: number; y: number; z: number }>();
  const sheetMask = new Uint8Array(smooth.length);
  const dir = ridges.direction;
  const index = ridges.index;
  const d = [0, 0, 0];
  let pairs = 0;
  for (let r = 0; r < ridges.count; r++) {
    if (r % 4096 === 0 && opts.signal?.aborted) throw opts.signal.reason;
    const i = ridges.voxel[r]!;
    const x = i % mx;
    const y = Math.floor(i / mx) % my;
    const z = Math.floor(i / (mx * my));
    const spx = dir[3 * r]!;
    const spy = dir[3 * r + 1]!;
    const spz = dir[3 * r + 2]!;
    const npx = normal[3 * r]!;
    const npy = normal[3 * r + 1]!;
    const npz = normal[3 * r + 2]!;
    if (coarse !== null && Number.isNaN(npx)) continue;
    const maxNormalCos = opts.maxNormalCosine ?? 0.35;
    for (const [dx, dy, dz] of offsets) {
      const qx = x + dx!;
      const qy = y + dy!;
      const qz = z + dz!;
      if (qx < 0 || qy < 0 || qx >= mx || qy >= my || qz >= workDims[2]) continue;
      const j = (qz * my + qy) * mx + qx;
      const q = index[j]!;
      if (q < 0) continue;
      const sqx = dir[3 * q]!;
      const sqy = dir[3 * q + 1]!;
      const sqz = dir[3 * q + 2]!;
      const c = spx * sqx + spy * sqy + spz * sqz;
      if (Math.abs(c) < minCos) continue;
      d[0] = dx! * hx;
      d[1] = dy! * hy;
      d[2] = dz! * hz;
      const len = Math.hypot(d[0], d[1], d[2]);
      if (Math.abs(spx * d[0] + spy * d[1] + spz * d[2]) > maxAlong * len) continue;
      if (Math.abs(sqx * d[0] + sqy * d[1] + sqz * d[2]) > maxAlong * len) continue;
      if (coarse !== null) {
        if (Number.isNaN(normal[3 * q]!)) continue;
        if (Math.abs(npx * d[0] + npy * d[1] + npz * d[2]) > maxNormalCos * len) continue;
      }
      const cx = grid.origin[0] + (x + dx! / 2) * hx;
      const cy = grid.origin[1] + (y + dy! / 2) * hy;
      const cz = grid.origin[2] + (z + dz! / 2) * hz;
      if (opts.pairFilter !== undefined && !opts.pairFilter([cx, cy, cz])) continue;
      const t = pairTwist([spx, spy, spz], [sqx, sqy, sqz], d);
      pairs++;
      sheetMask[i] = 1;
      sheetMask[j] = 1;
      const key = (Math.floor(cz / patchSize) * 4096 + Math.floor(cy / patchSize)) * 4096 + Math.floor(cx / patchSize);
      let p = patchSums.get(key);
      if (p === undefined) {
        p = { n: 0, t: 0, x: 0, y: 0, z: 0 };
        patchSums.set(key, p);
      }
      p.n++;
      p.t += t;
      p.x += cx;
      p.y += cy;
      p.z += cz;
    }
  }
  let sheetVoxels = 0;
  for (let i = 0; i < sheetMask.length; i++) sheetVoxels += sheetMask[i]!;
  progress(0.9, `${pairs} strand pairs`);

  // 4. patch votes
  const minPatchPairs = opts.minPatchPairs ?? 10;
  const patches: SheetPatch[] = [...patchSums.values()]
    .filter((p) => p.n >= minPatchPairs)
    .map((p) => ({ centre: [p.x / p.n, p.y / p.n, p.z / p.n] as Vec3, pairs: p.n, twist: p.t / p.n }))
    .sort((a, b) => a.centre[2] - b.centre[2] || a.centre[1] - b.centre[1] || a.centre[0] - b.centre[0]);
  const base = { patches, maskVoxels: box.count, ridgeVoxels: ridges.count, sheetVoxels, pairs, sheetMask, grid, lowPassResolution };
  const stats = patchStatistics(patches);
  progress(1, 'done');
  if (stats === null) {
    return { ...base, verdict: 'undecided', undecidedReason: `no patch of ${patchSize} Å holds ${minPatchPairs} or more strand pairs`, meanTwist: null, zScore: null, agreement: null, mirroredFraction: null };
  }
  const minZ = opts.minZ ?? 3;
  const minAgreement = opts.minAgreement ?? 0.7;
  const minPatches = opts.minPatches ?? 4;
  let undecidedReason: string | null = null;
  if (patches.length < minPatches) undecidedReason = `only ${patches.length} patch${patches.length === 1 ? '' : 'es'} with strand pairs (at least ${minPatches} needed)`;
  else if (stats.zScore === null || !(Math.abs(stats.zScore) >= minZ)) undecidedReason = `the mean twist is ${Math.abs(stats.zScore ?? 0).toFixed(1)} standard errors from zero (at least ${minZ} needed)`;
  else if (!(stats.agreement >= minAgreement)) undecidedReason = `only ${(100 * stats.agreement).toFixed(0)} % of the patches agree on the sense of the twist (at least ${(100 * minAgreement).toFixed(0)} % needed)`;
  const verdict: SheetTwistVerdict = undecidedReason !== null ? 'undecided' : Math.sign(stats.meanTwist) === NATURAL_TWIST_SIGN ? 'natural' : 'mirrored';
  return { ...base, verdict, undecidedReason, ...stats };
}

/** Pair-weighted mean twist, its z score, the agreement with its sign, and the mirrored fraction. */
export function patchStatistics(patches: readonly SheetPatch[]): { meanTwist: number; zScore: number | null; agreement: number; mirroredFraction: number } | null {
  if (patches.length === 0) return null;
  let w = 0;
  let w2 = 0;
  let sum = 0;
  for (const p of patches) {
    w += p.pairs;
    w2 += p.pairs * p.pairs;
    sum += p.pairs * p.twist;
  }
  const mean = sum / w;
  let ss = 0;
  let agree = 0;
  let mirrored = 0;
  for (const p of patches) {
    ss += p.pairs * (p.twist - mean) ** 2;
    if (Math.sign(p.twist) === Math.sign(mean)) agree += p.pairs;
    if (Math.sign(p.twist) === -NATURAL_TWIST_SIGN) mirrored += p.pairs;
  }
  // weighted variance of the patch twists; the mean's standard error uses the effective count
  // (null with a single patch: no spread to judge the mean by)
  const nEff = (w * w) / w2;
  let zScore: number | null = null;
  if (patches.length > 1) {
    const se = Math.sqrt(((ss / w) * nEff) / (nEff - 1) / nEff);
    zScore = se > 0 ? mean / se : mean === 0 ? 0 : null;
  }
  return { meanTwist: mean, zScore, agreement: agree / w, mirroredFraction: mirrored / w };
}

/**
 * Ridge voxels of line-like density inside `region`: Hessian (central differences) eigenvalues
 * λa ≤ λb ≤ λc with λb < 0, |λc| ≤ maxAxialRatio·|λb|, and the Newton step to the ridge
 * (|g·e/λ| along ea and eb) ≤ maxRidgeDistance. Returns the voxels, their unit directions (ec) and
 * a grid-sized index (ridge number or −1).
 */
export function strandRidges(s: Float32Array, grid: VolumeGeometry, region: Uint8Array, maxAxialRatio: number, maxRidgeDistance: number): { count: number; voxel: Int32Array; direction: Float64Array; index: Int32Array } {
  const [nx, ny, nz] = grid.dims;
  const [hx, hy, hz] = grid.voxelSize;
  const index = new Int32Array(s.length).fill(-1);
  const voxels: number[] = [];
  const dirs: number[] = [];
  const eig = new Float64Array(12);
  const sy = nx;
  const sz = nx * ny;
  for (let z = 1; z < nz - 1; z++)
    for (let y = 1; y < ny - 1; y++)
      for (let x = 1; x < nx - 1; x++) {
        const i = (z * ny + y) * nx + x;
        if (region[i] === 0) continue;
        const c = s[i]!;
        const xp = s[i + 1]!;
        const xm = s[i - 1]!;
        const yp = s[i + sy]!;
        const ym = s[i - sy]!;
        const zp = s[i + sz]!;
        const zm = s[i - sz]!;
        const hxx = (xp - 2 * c + xm) / (hx * hx);
        const hyy = (yp - 2 * c + ym) / (hy * hy);
        const hzz = (zp - 2 * c + zm) / (hz * hz);
        if (hxx + hyy + hzz >= 0) continue;
        const hxy = (s[i + 1 + sy]! - s[i + 1 - sy]! - s[i - 1 + sy]! + s[i - 1 - sy]!) / (4 * hx * hy);
        const hxz = (s[i + 1 + sz]! - s[i + 1 - sz]! - s[i - 1 + sz]! + s[i - 1 - sz]!) / (4 * hx * hz);
        const hyz = (s[i + sy + sz]! - s[i + sy - sz]! - s[i - sy + sz]! + s[i - sy - sz]!) / (4 * hy * hz);
        symmetricEigen3(hxx, hxy, hxz, hyy, hyz, hzz, eig);
        const la = eig[0]!;
        const lb = eig[1]!;
        const lc = eig[2]!;
        if (!(lb < 0) || Math.abs(lc) > maxAxialRatio * -lb) continue;
        const gx = (xp - xm) / (2 * hx);
        const gy = (yp - ym) / (2 * hy);
        const gz = (zp - zm) / (2 * hz);
        if (Math.abs((gx * eig[3]! + gy * eig[4]! + gz * eig[5]!) / la) > maxRidgeDistance) continue;
        if (Math.abs((gx * eig[6]! + gy * eig[7]! + gz * eig[8]!) / lb) > maxRidgeDistance) continue;
        index[i] = voxels.length;
        voxels.push(i);
        dirs.push(eig[9]!, eig[10]!, eig[11]!);
      }
  return { count: voxels.length, voxel: Int32Array.from(voxels), direction: Float64Array.from(dirs), index };
}

/** Hessian (central differences) of a grid-sized map at voxel i (not on the border) → eigen-decomposition in `eig`. */
function hessianAt(s: Float32Array, grid: VolumeGeometry, i: number, eig: Float64Array): void {
  const [nx, ny] = grid.dims;
  const [hx, hy, hz] = grid.voxelSize;
  const sy = nx;
  const sz = nx * ny;
  const c = s[i]!;
  const hxx = (s[i + 1]! - 2 * c + s[i - 1]!) / (hx * hx);
  const hyy = (s[i + sy]! - 2 * c + s[i - sy]!) / (hy * hy);
  const hzz = (s[i + sz]! - 2 * c + s[i - sz]!) / (hz * hz);
  const hxy = (s[i + 1 + sy]! - s[i + 1 - sy]! - s[i - 1 + sy]! + s[i - 1 - sy]!) / (4 * hx * hy);
  const hxz = (s[i + 1 + sz]! - s[i + 1 - sz]! - s[i - 1 + sz]! + s[i - 1 - sz]!) / (4 * hx * hz);
  const hyz = (s[i + sy + sz]! - s[i + sy - sz]! - s[i - sy + sz]! + s[i - sy - sz]!) / (4 * hy * hz);
  symmetricEigen3(hxx, hxy, hxz, hyy, hyz, hzz, eig);
}
