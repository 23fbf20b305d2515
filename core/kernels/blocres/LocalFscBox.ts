import { FftPlan } from '../../fft/index.js';
import type { Vec3 } from '../../volume/index.js';
import { bsoftCrossing, type CrossingRule } from './bsoftCrossing.js';

/** Bsoft's LORESLIM: local resolutions are clamped to at most this (Å). */
export const BLOCRES_LOW_RESOLUTION_LIMIT = 200;

export interface LocalFscOptions {
  /** Box edge in voxels (blocres -box; default 20). */
  box?: number;
  /** The box is padded to box·(pad + 1) (blocres -pad; default 1). */
  pad?: number;
  /** Voxel size Ts (Å). */
  voxelSize: number;
  /** Requested high-resolution limit in Å (blocres -maxresolution; default 2); raised to Nyquist 2·Ts. */
  maxResolution?: number;
  /** FSC threshold (blocres -cutoff; default 0.5). */
  cutoff?: number;
  /** Which downward crossing counts (default Bsoft's 'last', see bsoftCrossing). */
  crossing?: CrossingRule;
}

/** The settled parameters of a LocalFscBox (what workers need to build the same one). */
export interface LocalFscConfig {
  box: number;
  pad: number;
  voxelSize: number;
  maxResolution: number;
  cutoff: number;
  crossing: CrossingRule;
}

export function localFscConfig(opts: LocalFscOptions): LocalFscConfig {
  const config: LocalFscConfig = {
    box: opts.box ?? 20,
    pad: opts.pad ?? 1,
    voxelSize: opts.voxelSize,
    maxResolution: opts.maxResolution ?? 2,
    cutoff: opts.cutoff ?? 0.5,
    crossing: opts.crossing ?? 'last',
  };
  if (!Number.isInteger(config.box) || config.box < 4) throw new RangeError(`blocres box must be an integer ≥ 4, got ${config.box}`);
  if (!Number.isInteger(config.pad) || config.pad < 0 || config.pad > 3) throw new RangeError(`blocres pad must be an integer in [0, 3], got ${config.pad}`);
  if (!(config.voxelSize > 0)) throw new RangeError(`blocres needs a positive voxel size, got ${config.voxelSize}`);
  if (!(config.maxResolution >= 0)) throw new RangeError(`blocres maxResolution must be ≥ 0, got ${config.maxResolution}`);
  if (!(config.cutoff > 0 && config.cutoff < 1)) throw new RangeError(`blocres cutoff must be in (0, 1), got ${config.cutoff}`);
  return config;
}

/** Bsoft's tiny-denominator guard (SMALLFLOAT): shells with no power keep their raw sum. */
const SMALL = 1e-30;

/**
 * The local FSC of one box of two half maps, as Bsoft's blocres computes it for one voxel
 * (algorithms §3.3, Bsoft fsc_local_voxel + fsc_dpr): the box³ windows starting box/2 before the
 * voxel are Hann-tapered towards their own mean a, v' = a + (v − a)·h(i)h(j)h(k) with
 * h(i) = ½(1 − cos(2πi/(box − 1))), padded with a to P = box·(pad + 1) and Fourier transformed;
 * every half-spectrum point (x index < P/2) at radius r = |k| in Fourier voxels of the padded box
 * (r = rad_scale·|f|, rad_scale = P·Ts) adds (1 − frac) of |F1|², |F2|², Re F1·F̄2 to shell
 * floor(r) and frac to floor(r) + 1, up to shell maxrad − 1 = floor(1 + P·Ts/hiRes). The FSC of
 * shell i (frequency i/(P·Ts)) is clamped to [−1, 1], shell 0 is 1; the local resolution is 1/the
 * frequency where it drops below the cutoff, clamped to [hiRes, 200 Å].
 *
 * Padding with the box mean only changes the DC term (shell 0, which is set to 1), and where the
 * box sits in the padded grid only multiplies both spectra by the same phase: so the padded box is
 * the tapered box minus its mean, zero-padded, and the transform is pruned accordingly — lines
 * along x (both halves in one complex transform, split afterwards), then along y for the x bins
 * kept, then along z only for the (x, y) bins that reach a counted shell, each over the non-zero
 * part of its input. The y and z stages run in blocks of a few x bins so that their buffers stay
 * in cache. The Hann window and the shell index and weight of every Fourier point are computed
 * once. Not re-entrant (it owns its scratch): one per thread.
 */
export class LocalFscBox {
  readonly config: LocalFscConfig;
  /** Padded size P. */
  readonly padded: number;
  /** High-resolution limit actually used: max(maxResolution, 2·Ts). */
  readonly hiRes: number;
  /** Number of shells maxrad (0 … maxrad − 1). */
  readonly shells: number;
  /** Frequency of each shell, i/(P·Ts) in Å⁻¹. */
  readonly frequency: Float64Array;

  private readonly plan: FftPlan;
  private readonly window: Float64Array;
  private readonly blocks: KxBlock[];
  private readonly raw1: Float64Array;
  private readonly raw2: Float64Array;
  private readonly xa: Float64Array;
  private readonly xb: Float64Array;
  private readonly ya1: Float64Array;
  private readonly yb1: Float64Array;
  private readonly ya2: Float64Array;
  private readonly yb2: Float64Array;
  private readonly za1: Float64Array;
  private readonly zb1: Float64Array;
  private readonly za2: Float64Array;
  private readonly zb2: Float64Array;
  private readonly num: Float64Array;
  private readonly pow1: Float64Array;
  private readonly pow2: Float64Array;
  private readonly fscCurve: Float64Array;

  constructor(options: LocalFscOptions | LocalFscConfig) {
    const config = localFscConfig(options);
    this.config = config;
    const { box, pad, voxelSize } = config;
    const P = pad > 0 ? box * (pad + 1) : box;
    const K = Math.floor(P / 2);
    this.padded = P;
    this.hiRes = Math.max(config.maxResolution, 2 * voxelSize);
    const radScale = P * voxelSize;
    // The epsilon keeps P·Ts/(2·Ts) = P/2 from flooring one shell short in floating point.
    this.shells = Math.floor(2 + radScale / this.hiRes + 1e-9);
    this.frequency = Float64Array.from({ length: this.shells }, (_, i) => i / radScale);
    this.plan = new FftPlan(P);

    const h = new Float64Array(box);
    for (let i = 0; i < box; i++) h[i] = 0.5 * (1 - Math.cos((2 * Math.PI * i) / (box - 1)));
    this.window = new Float64Array(box * box * box);
    for (let z = 0, p = 0; z < box; z++) for (let y = 0; y < box; y++) for (let x = 0; x < box; x++, p++) this.window[p] = h[x]! * h[y]! * h[z]!;

    this.blocks = kxBlocks(P, K, this.shells);
    const widest = Math.max(...this.blocks.map((b) => b.count));
    const lines = Math.max(1, ...this.blocks.map((b) => b.lines.length));
    this.raw1 = new Float64Array(box * box * box);
    this.raw2 = new Float64Array(box * box * box);
    // Batch layouts of FftPlan.transformBatch: element j of line t at complex index j·batch + t.
    // x stage: lines t = z·box + y, element x (the tail x ≥ box is the zero padding).
    this.xa = new Float64Array(2 * P * box * box);
    this.xb = new Float64Array(2 * P * box * box);
    // y stage of one block: lines t = (kx − k0)·box + z, element y.
    this.ya1 = new Float64Array(2 * P * widest * box);
    this.yb1 = new Float64Array(2 * P * widest * box);
    this.ya2 = new Float64Array(2 * P * widest * box);
    this.yb2 = new Float64Array(2 * P * widest * box);
    // z stage of one block: lines t = the block's (ky, kx) pairs, element z.
    this.za1 = new Float64Array(2 * P * lines);
    this.zb1 = new Float64Array(2 * P * lines);
    this.za2 = new Float64Array(2 * P * lines);
    this.zb2 = new Float64Array(2 * P * lines);
    this.num = new Float64Array(this.shells);
    this.pow1 = new Float64Array(this.shells);
    this.pow2 = new Float64Array(this.shells);
    this.fscCurve = new Float64Array(this.shells);
  }

  /**
   * The local FSC per shell (index 0 … shells − 1, frequencies in `frequency`) of the boxes whose
   * corner is (x0, y0, z0) in the two maps (same dims; the box must lie inside). The returned array
   * is reused by the next call.
   */
  fscAtCorner(half1: ArrayLike<number>, half2: ArrayLike<number>, dims: Vec3, x0: number, y0: number, z0: number): Float64Array {
    const { box } = this.config;
    const P = this.padded;
    const [nx, ny, nz] = dims;
    if (x0 < 0 || y0 < 0 || z0 < 0 || x0 + box > nx || y0 + box > ny || z0 + box > nz) {
      throw new RangeError(`blocres box at (${x0}, ${y0}, ${z0}) of size ${box} leaves the ${nx}×${ny}×${nz} map`);
    }
    const { raw1, raw2, window, xa, xb, plan } = this;
    const plane = box * box;

    let s1 = 0;
    let s2 = 0;
    for (let z = 0, p = 0; z < box; z++) {
      for (let y = 0; y < box; y++) {
        let i = ((z0 + z) * ny + y0 + y) * nx + x0;
        for (let x = 0; x < box; x++, p++, i++) {
          const a = half1[i]!;
          const b = half2[i]!;
          raw1[p] = a;
          raw2[p] = b;
          s1 += a;
          s2 += b;
        }
      }
    }
    const a1 = s1 / (plane * box);
    const a2 = s2 / (plane * box);
    // Both halves in one complex transform: b1 + i·b2.
    for (let t = 0, p = 0; t < plane; t++) {
      for (let x = 0, q = 2 * t; x < box; x++, p++, q += 2 * plane) {
        const w = window[p]!;
        xa[q] = (raw1[p]! - a1) * w;
        xa[q + 1] = (raw2[p]! - a2) * w;
      }
    }
    xa.fill(0, 2 * box * plane);
    const spectrum = plan.transformBatch(xa, 0, xb, 0, plane, -1) ? xb : xa;

    const { num, pow1, pow2 } = this;
    num.fill(0);
    pow1.fill(0);
    pow2.fill(0);
    for (const block of this.blocks) this.accumulateBlock(block, spectrum);

    const fsc = this.fscCurve;
    fsc[0] = 1;
    for (let i = 1; i < this.shells; i++) {
      const d = pow1[i]! * pow2[i]!;
      let v = d > SMALL ? num[i]! / Math.sqrt(d) : num[i]!;
      if (v < -1) v = -1;
      else if (v > 1) v = 1;
      fsc[i] = v;
    }
    return fsc;
  }

  /** y and z transforms of one block of x bins, and its shell sums. */
  private accumulateBlock(block: KxBlock, spectrum: Float64Array): void {
    const { box } = this.config;
    const P = this.padded;
    const plane = box * box;
    const { plan, ya1, yb1, ya2, yb2, za1, zb1, za2, zb2, num, pow1, pow2 } = this;
    const { k0, count, lines, shellLow, shellFrac } = block;
    const yBatch = count * box;

    // Split the x transform into the two halves' spectra: F1 ∝ Z(k) + conj Z(−k), F2 ∝ −i·(Z(k) − conj Z(−k)).
    for (let y = 0; y < box; y++) {
      for (let b = 0; b < count; b++) {
        const kx = k0 + b;
        const c0 = 2 * (kx * plane + y);
        const d0 = 2 * (((P - kx) % P) * plane + y);
        let q = 2 * (y * yBatch + b * box);
        for (let z = 0; z < box; z++, q += 2) {
          const c = c0 + 2 * z * box;
          const d = d0 + 2 * z * box;
          const cr = spectrum[c]!, ci = spectrum[c + 1]!, dr = spectrum[d]!, di = spectrum[d + 1]!;
          ya1[q] = cr + dr;
          ya1[q + 1] = ci - di;
          ya2[q] = ci + di;
          ya2[q + 1] = dr - cr;
        }
      }
    }
    const yEnd = 2 * P * yBatch;
    ya1.fill(0, 2 * box * yBatch, yEnd);
    ya2.fill(0, 2 * box * yBatch, yEnd);
    const y1 = plan.transformBatch(ya1, 0, yb1, 0, yBatch, -1) ? yb1 : ya1;
    const y2 = plan.transformBatch(ya2, 0, yb2, 0, yBatch, -1) ? yb2 : ya2;

    const T = lines.length >> 1;
    if (T === 0) return;
    for (let t = 0; t < T; t++) {
      const from = 2 * (lines[2 * t]! * yBatch + (lines[2 * t + 1]! - k0) * box);
      for (let z = 0, q = 2 * t, r = from; z < box; z++, q += 2 * T, r += 2) {
        za1[q] = y1[r]!;
        za1[q + 1] = y1[r + 1]!;
        za2[q] = y2[r]!;
        za2[q + 1] = y2[r + 1]!;
      }
    }
    const zEnd = 2 * P * T;
    za1.fill(0, 2 * box * T, zEnd);
    za2.fill(0, 2 * box * T, zEnd);
    const f1 = plan.transformBatch(za1, 0, zb1, 0, T, -1) ? zb1 : za1;
    const f2 = plan.transformBatch(za2, 0, zb2, 0, T, -1) ? zb2 : za2;

    for (let p = 0, q = 0; p < P * T; p++, q += 2) {
      const low = shellLow[p]!;
      if (low < 0) continue;
      const f = shellFrac[p]!;
      const ar = f1[q]!, ai = f1[q + 1]!, br = f2[q]!, bi = f2[q + 1]!;
      const p1 = ar * ar + ai * ai;
      const p2 = br * br + bi * bi;
      const c = ar * br + ai * bi;
      const g = 1 - f;
      num[low] += g * c;
      num[low + 1] += f * c;
      pow1[low] += g * p1;
      pow1[low + 1] += f * p1;
      pow2[low] += g * p2;
      pow2[low + 1] += f * p2;
    }
  }

  /** Local resolution (Å) from an FSC curve of this box geometry: crossing, then clamp. */
  resolutionFromCurve(fsc: ArrayLike<number>): number {
    const f = bsoftCrossing(this.frequency, fsc, this.config.cutoff, this.config.crossing);
    const r = 1 / f;
    return Math.min(BLOCRES_LOW_RESOLUTION_LIMIT, Math.max(this.hiRes, r));
  }

  /** Local resolution (Å) at voxel (x, y, z): the box runs from (x − ⌊box/2⌋, …) for box voxels. */
  resolutionAt(half1: ArrayLike<number>, half2: ArrayLike<number>, dims: Vec3, x: number, y: number, z: number): number {
    const e = Math.floor(this.config.box / 2);
    return this.resolutionFromCurve(this.fscAtCorner(half1, half2, dims, x - e, y - e, z - e));
  }
}

/** A few consecutive x bins whose y and z transforms run together. */
interface KxBlock {
  k0: number;
  count: number;
  /** (ky, kx) of every z line that reaches a counted shell, interleaved. */
  lines: Int32Array;
  /** Per (kz, line), [kz][line]: lower shell (−1 when not counted) and its fraction. */
  shellLow: Int16Array;
  shellFrac: Float64Array;
}

/** x bins per block: small enough for the y and z buffers of both halves to stay in L2. */
const BLOCK_KX = 5;

/**
 * The Fourier points Bsoft counts: x index kx < P/2 (the x = P/2 plane is left out), y and z
 * indices wrapped to k − P above (P − 1)/2, radius r = |k| with floor(r) + 1 < shells.
 */
function kxBlocks(P: number, K: number, shells: number): KxBlock[] {
  const wrap = (k: number) => (k > Math.floor((P - 1) / 2) ? k - P : k);
  const blocks: KxBlock[] = [];
  for (let k0 = 0; k0 < K; k0 += BLOCK_KX) {
    const count = Math.min(BLOCK_KX, K - k0);
    const pairs: number[] = [];
    for (let ky = 0; ky < P; ky++) {
      const fy = wrap(ky);
      for (let kx = k0; kx < k0 + count; kx++) {
        // The nearest point of the z line is kz = 0.
        if (Math.floor(Math.sqrt(kx * kx + fy * fy)) + 1 < shells) pairs.push(ky, kx);
      }
    }
    const T = pairs.length / 2;
    const shellLow = new Int16Array(P * T).fill(-1);
    const shellFrac = new Float64Array(P * T);
    for (let kz = 0; kz < P; kz++) {
      const fz = wrap(kz);
      for (let t = 0; t < T; t++) {
        const fy = wrap(pairs[2 * t]!);
        const kx = pairs[2 * t + 1]!;
        const r = Math.sqrt(kx * kx + fy * fy + fz * fz);
        const low = Math.floor(r);
        if (low + 1 >= shells) continue;
        shellLow[kz * T + t] = low;
        shellFrac[kz * T + t] = r - low;
      }
    }
    blocks.push({ k0, count, lines: Int32Array.from(pairs), shellLow, shellFrac });
  }
  return blocks;
}
