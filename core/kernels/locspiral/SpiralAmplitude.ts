import { digitalFrequency, halfSpectrumDims, ifft3dSync, irfft3d, irfft3dSync, rfft3d } from '../../fft/index.js';
import { sharedFloat64Array } from '../../parallel/index.js';
import type { Vec3 } from '../../volume/index.js';

/** Per-axis Nyquist-plane remainders u_k (2-D, already divided by n_k), null for odd axes. */
interface NyquistRemainders {
  ux: Float64Array | null;
  uy: Float64Array | null;
  uz: Float64Array | null;
}

export interface SpiralAmplitudeOptions {
  /**
   * What to do with the Riesz terms on the Nyquist planes of even axes. 'numpy' (default): as the
   * original's complex `ifftn`, whose filter −i·f_k/|f| labels bin n/2 as −½ and so is not
   * Hermitian there; the plane leaves a purely imaginary remainder whose square is added to the
   * amplitude (computed exactly, with one 2-D transform per axis). 'real': drop it, i.e. keep
   * only real Riesz maps (what a c2r-only implementation gives).
   */
  nyquist?: 'numpy' | 'real';
  /** FFT worker threads; default VRS_THREADS or the CPU count. */
  threads?: number;
}

/**
 * Monogenic ("spiral") amplitude of a map band-passed by a normalised Gaussian frequency shell,
 * the core of LocBFactor and LocOccupancy (algorithms §2.8 steps 1–5):
 *   S_φ(f) = exp(−(|f| − φ)²/(2σ²)) / Σ_grid exp(…),   v0 = IFFT(S_φ·F),   v_k = IFFT(−i·(f_k/|f|)·S_φ·F),
 *   m_φ = √(v0² + vx² + vy² + vz²),
 * with numpy's scaling (inverse divided by N) and frequencies in Å⁻¹. The forward transform is done
 * once; each amplitude map costs four c2r transforms (v0 and v_k are real: the shell is radial and
 * the Riesz filters are odd and imaginary), plus three 2-D transforms for the Nyquist remainder.
 */
export class SpiralAmplitude {
  readonly dims: Vec3;
  readonly voxelSize: Vec3;
  private readonly half: Vec3;
  private readonly spectrum: Float64Array;
  /**
   * Bins are grouped by their distance |f| to the origin ("radius classes"): the shell and the
   * 1/|f| of the Riesz filters are computed once per class, not per bin. On a cubic grid of cubic
   * voxels a class is k_x² + k_y² + k_z² (≈ 3n²/4 classes instead of n³/2 bins).
   */
  private readonly radiusClass: Uint32Array;
  /** |f| (Å⁻¹) of each class. */
  private readonly classRadius: Float64Array;
  /** Number of full-grid bins in each class (a half-spectrum bin also stands for its Hermitian partner). */
  private readonly classWeight: Float64Array;
  /** Per frequency: the normalised shell S of each class, and S/|f| (0 at DC). */
  private readonly classShell: Float64Array;
  private readonly classShellOverRadius: Float64Array;
  /** Frequencies (Å⁻¹) along each axis of the half spectrum. */
  private readonly axisFrequency: [Float64Array, Float64Array, Float64Array];
  private readonly scratch: Float64Array;
  private readonly real: Float64Array;
  private readonly nyquist: 'numpy' | 'real';
  private readonly threads: number | undefined;

  private constructor(spectrum: Float64Array, dims: Vec3, voxelSize: Vec3, opts: SpiralAmplitudeOptions) {
    this.dims = [...dims];
    this.voxelSize = [...voxelSize];
    this.half = halfSpectrumDims(dims);
    this.spectrum = spectrum;
    this.nyquist = opts.nyquist ?? 'numpy';
    this.threads = opts.threads;
    const axis = (count: number, n: number, ts: number) => Float64Array.from({ length: count }, (_, i) => digitalFrequency(i, n) / ts);
    const [hx, ny, nz] = this.half;
    this.axisFrequency = [axis(hx, dims[0], voxelSize[0]), axis(ny, dims[1], voxelSize[1]), axis(nz, dims[2], voxelSize[2])];
    const classes = radiusClasses(dims, voxelSize, this.axisFrequency);
    this.radiusClass = classes.radiusClass;
    this.classRadius = classes.classRadius;
    this.classWeight = classes.classWeight;
    this.classShell = new Float64Array(this.classRadius.length);
    this.classShellOverRadius = new Float64Array(this.classRadius.length);
    this.scratch = sharedFloat64Array(2 * hx * ny * nz);
    this.real = sharedFloat64Array(dims[0] * dims[1] * dims[2]);
  }

  /** Transforms the map once (r2c) and prepares the frequency grid. */
  static async create(data: Float32Array | Float64Array, dims: Vec3, voxelSize: Vec3, opts: SpiralAmplitudeOptions = {}): Promise<SpiralAmplitude> {
    if (data.length !== dims[0] * dims[1] * dims[2]) throw new RangeError(`SpiralAmplitude: map has ${data.length} voxels, dims ${dims.join('×')} need ${dims[0] * dims[1] * dims[2]}`);
    if (!voxelSize.every((s) => s > 0 && Number.isFinite(s))) throw new RangeError(`SpiralAmplitude: voxel size must be positive, got ${voxelSize.join('×')}`);
    const spectrum = await rfft3d(data, dims, opts.threads === undefined ? {} : { threads: opts.threads });
    return new SpiralAmplitude(spectrum, dims, voxelSize, opts);
  }

  /**
   * The normalised shell S = G/ΣG per radius class, G = exp(−(|f| − φ)²/2σ²), the sum running over
   * the full grid; and S/|f| for the Riesz filters.
   */
  private fillShell(frequency: number, width: number): void {
    const { classRadius, classWeight, classShell, classShellOverRadius } = this;
    const scale = 1 / (2 * width * width);
    let sum = 0;
    for (let c = 0; c < classRadius.length; c++) {
      const d = classRadius[c]! - frequency;
      const g = Math.exp(-d * d * scale);
      classShell[c] = g;
      sum += classWeight[c]! * g;
    }
    for (let c = 0; c < classRadius.length; c++) {
      const s = classShell[c]! / sum;
      classShell[c] = s;
      classShellOverRadius[c] = classRadius[c]! === 0 ? 0 : s / classRadius[c]!;
    }
  }

  /**
   * The amplitude map m_φ at frequency φ (Å⁻¹) with shell standard deviation σ (Å⁻¹), written to
   * `out` (numpy voxel order, length nx·ny·nz).
   */
  async amplitude(frequency: number, width: number, out: Float64Array = new Float64Array(this.real.length)): Promise<Float64Array> {
    if (!(Number.isFinite(frequency) && width > 0 && Number.isFinite(width))) throw new RangeError(`SpiralAmplitude: frequency must be finite and width positive, got ${frequency}, ${width}`);
    if (out.length !== this.real.length) throw new RangeError(`SpiralAmplitude: out has ${out.length} values, expected ${this.real.length}`);
    this.fillShell(frequency, width);
    const { spectrum, radiusClass, classShell, scratch, real, dims } = this;
    const fftOpts = { out: real, overwriteInput: true, ...(this.threads === undefined ? {} : { threads: this.threads }) };

    for (let p = 0, c = 0; p < radiusClass.length; p++, c += 2) {
      const s = classShell[radiusClass[p]!]!;
      scratch[c] = s * spectrum[c]!;
      scratch[c + 1] = s * spectrum[c + 1]!;
    }
    await irfft3d(scratch, dims, fftOpts);
    for (let i = 0; i < out.length; i++) out[i] = real[i]! * real[i]!;

    for (const axis of [0, 1] as const) {
      this.rieszSpectrum(axis);
      await irfft3d(scratch, dims, fftOpts);
      for (let i = 0; i < out.length; i++) out[i]! += real[i]! * real[i]!;
    }
    const remainders = this.nyquist === 'numpy' ? this.nyquistRemainders() : { ux: null, uy: null, uz: null };
    this.rieszSpectrum(2);
    await irfft3d(scratch, dims, fftOpts);
    this.finish(out, remainders);
    return out;
  }

  /**
   * scratch = −i·(f_k/|f|)·S·F, 0 at DC and on the k-Nyquist plane (whose contribution to the real
   * map is 0 for either labelling of that bin; see nyquistRemainders).
   */
  private rieszSpectrum(axis: 0 | 1 | 2): void {
    const [hx, ny, nz] = this.half;
    const { spectrum, scratch, radiusClass, classShellOverRadius } = this;
    const f = this.axisFrequency[axis];
    const nyquistIndex = this.dims[axis] % 2 === 0 ? this.dims[axis] / 2 : -1;
    let p = 0;
    for (let kz = 0; kz < nz; kz++) {
      for (let ky = 0; ky < ny; ky++) {
        // −i·h·(a + i·b) = h·b − i·h·a, with a + i·b = F and h = (f_k/|f|)·S.
        if (axis === 0) {
          for (let kx = 0; kx < hx; kx++, p++) {
            const g = kx === nyquistIndex ? 0 : f[kx]! * classShellOverRadius[radiusClass[p]!]!;
            scratch[2 * p] = g * spectrum[2 * p + 1]!;
            scratch[2 * p + 1] = -g * spectrum[2 * p]!;
          }
        } else {
          const k = axis === 1 ? ky : kz;
          const fk = k === nyquistIndex ? 0 : f[k]!;
          for (let kx = 0; kx < hx; kx++, p++) {
            const g = fk * classShellOverRadius[radiusClass[p]!]!;
            scratch[2 * p] = g * spectrum[2 * p + 1]!;
            scratch[2 * p + 1] = -g * spectrum[2 * p]!;
          }
        }
      }
    }
  }

  /** out = √(out + real² + Nyquist remainders²): the last Riesz map and the amplitude in one pass. */
  private finish(out: Float64Array, { ux, uy, uz }: NyquistRemainders): void {
    const [nx, ny, nz] = this.dims;
    const { real } = this;
    for (let z = 0, i = 0; z < nz; z++) {
      for (let y = 0; y < ny; y++) {
        const ax = ux === null ? 0 : ux[z * ny + y]! ** 2;
        for (let x = 0; x < nx; x++, i++) {
          let extra = ax + real[i]! * real[i]!;
          if (uy !== null) extra += uy[z * nx + x]! ** 2;
          if (uz !== null) extra += uz[y * nx + x]! ** 2;
          out[i] = Math.sqrt(out[i]! + extra);
        }
      }
    }
  }

  /**
   * On the Nyquist plane of an even axis k, numpy's filter is −i·(−½/Ts_k)/|f|: the plane's part of
   * IFFT(H_k·S·F) is i·u with u real (the plane of a real map's spectrum is Hermitian in itself).
   * A spectrum confined to plane k = n_k/2 inverts to (−1)^{x_k}/n_k times the 2-D inverse of the
   * plane, so u² needs one 2-D transform; the sign vanishes in the square.
   */
  private nyquistRemainders(): NyquistRemainders {
    const [nx, ny, nz] = this.dims;
    const [hx] = this.half;
    const { spectrum, radiusClass, classShellOverRadius } = this;
    const [tx, ty, tz] = this.voxelSize;
    // x: plane kx = nx/2 is the last column of the half spectrum, a full complex (ky, kz) grid.
    let ux: Float64Array | null = null;
    if (nx % 2 === 0) {
      const plane = new Float64Array(2 * ny * nz);
      for (let kz = 0; kz < nz; kz++) {
        for (let ky = 0; ky < ny; ky++) {
          const p = (kz * ny + ky) * hx + hx - 1;
          const g = (0.5 / tx) * classShellOverRadius[radiusClass[p]!]!;
          const q = 2 * (kz * ny + ky);
          plane[q] = g * spectrum[2 * p]!;
          plane[q + 1] = g * spectrum[2 * p + 1]!;
        }
      }
      const complex = ifft3dSync(plane, [ny, nz, 1], { overwriteInput: true });
      ux = new Float64Array(ny * nz);
      for (let i = 0; i < ux.length; i++) ux[i] = complex[2 * i]! / nx;
    }
    // y: plane ky = ny/2, a 2-D half spectrum (kx, kz) of a real (x, z) grid.
    let uy: Float64Array | null = null;
    if (ny % 2 === 0) {
      const plane = new Float64Array(2 * hx * nz);
      for (let kz = 0; kz < nz; kz++) {
        for (let kx = 0; kx < hx; kx++) {
          const p = (kz * ny + ny / 2) * hx + kx;
          const g = (0.5 / ty) * classShellOverRadius[radiusClass[p]!]!;
          const q = 2 * (kz * hx + kx);
          plane[q] = g * spectrum[2 * p]!;
          plane[q + 1] = g * spectrum[2 * p + 1]!;
        }
      }
      uy = irfft3dSync(plane, [nx, nz, 1], { overwriteInput: true }).map((v) => v / ny);
    }
    // z: plane kz = nz/2, a 2-D half spectrum (kx, ky) of a real (x, y) grid.
    let uz: Float64Array | null = null;
    if (nz % 2 === 0) {
      const plane = new Float64Array(2 * hx * ny);
      const base = (nz / 2) * ny * hx;
      for (let i = 0; i < hx * ny; i++) {
        const p = base + i;
        const g = (0.5 / tz) * classShellOverRadius[radiusClass[p]!]!;
        plane[2 * i] = g * spectrum[2 * p]!;
        plane[2 * i + 1] = g * spectrum[2 * p + 1]!;
      }
      uz = irfft3dSync(plane, [nx, ny, 1], { overwriteInput: true }).map((v) => v / nz);
    }
    return { ux, uy, uz };
  }
}

interface RadiusClasses {
  radiusClass: Uint32Array;
  classRadius: Float64Array;
  classWeight: Float64Array;
}

/**
 * Groups half-spectrum bins by |f|. Cubic grid of cubic voxels: class = k_x² + k_y² + k_z² with
 * signed indices (exact integers). Otherwise bins with bit-identical |f| share a class.
 */
function radiusClasses(dims: Vec3, voxelSize: Vec3, [fx, fy, fz]: [Float64Array, Float64Array, Float64Array]): RadiusClasses {
  const [nx, ny, nz] = dims;
  const hx = fx.length;
  const xNyquist = nx % 2 === 0 ? hx - 1 : -1;
  const radiusClass = new Uint32Array(hx * ny * nz);
  const weights: number[] = [];
  const radii: number[] = [];
  const cubic = nx === ny && ny === nz && voxelSize[0] === voxelSize[1] && voxelSize[1] === voxelSize[2];
  const signed = (i: number, n: number) => (i <= Math.floor(n / 2) ? i : i - n);
  const byRadius = new Map<number, number>();
  let p = 0;
  for (let kz = 0; kz < nz; kz++) {
    const z = signed(kz, nz);
    for (let ky = 0; ky < ny; ky++) {
      const y = signed(ky, ny);
      const yz2 = fz[kz]! * fz[kz]! + fy[ky]! * fy[ky]!;
      for (let kx = 0; kx < hx; kx++, p++) {
        const r = Math.sqrt(yz2 + fx[kx]! * fx[kx]!);
        let c: number;
        if (cubic) {
          c = kx * kx + y * y + z * z;
        } else {
          const known = byRadius.get(r);
          c = known ?? byRadius.size;
          if (known === undefined) byRadius.set(r, c);
        }
        radiusClass[p] = c;
        while (radii.length <= c) {
          radii.push(NaN);
          weights.push(0);
        }
        radii[c] = r;
        weights[c]! += kx === 0 || kx === xNyquist ? 1 : 2;
      }
    }
  }
  // Integer keys leave gaps (sums of three squares miss some integers): those classes stay empty.
  return {
    radiusClass,
    classRadius: Float64Array.from(radii, (r) => (Number.isNaN(r) ? 0 : r)),
    classWeight: Float64Array.from(weights),
  };
}
