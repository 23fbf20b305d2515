import { irfft3d, rfft3d } from '../../fft/index.js';
import { Volume, type VolumeGeometry } from '../../volume/index.js';
import { applyRadialFilter } from '../applyRadialFilter.js';
import { atomGaussians, type ScatteringStyle } from './pengScattering.js';

/** The columns of an atom table a model map needs (core/io's AtomTable has them). */
export interface ScatteringAtoms {
  count: number;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  element: string[];
  b: Float32Array;
  occupancy: Float32Array;
}

export interface ModelMapOptions {
  style: ScatteringStyle;
  /**
   * Å. `electron` style: a hard spherical cut of the spectrum at 1/resolution (coefficients with
   * d ≥ resolution kept), as Phenix's model maps. Without it no Fourier step runs.
   */
  resolution?: number;
  /** Set every B-factor to this value (Å²), e.g. 0 for d_model(B=0). */
  bFactorOverride?: number;
  /** Only these atoms (indices into the table); default all. */
  select?: Int32Array;
  threads?: number;
}

export interface ModelMapResult {
  volume: Volume<Float32Array>;
  /** Atoms whose density reached the box. */
  placed: number;
  /** Atoms entirely outside the box. */
  outside: number;
  /** Elements without tabulated scattering factors, with their atom counts (left out). */
  untabulated: Record<string, number>;
  /** Extra B added before splatting and removed in Fourier space (Å²), 0 when no cut. */
  extraB: number;
}

/** Gaussians are cut at this many σ (relative error exp(−4.5²/2) ≈ 4·10⁻⁵). */
const CUTOFF_SIGMAS = 4.5;

/**
 * The density of an atomic model on a map's grid: each atom a sum of five Gaussians (its electron
 * scattering factor, occupancy-weighted), placed at its coordinates in Å on the grid whose voxel
 * (i, j, k) sits at origin + (i, j, k)·voxelSize — sub-voxel positions and non-integer origins kept.
 *
 * With a resolution, the atoms are first blurred by an extra B (σ ≥ 0.7 of the largest voxel, so
 * the sampled Gaussians do not alias), and the spectrum is then multiplied by exp(+B_extra s²)
 * inside the sphere |f| ≤ 1/resolution and zeroed outside: the result is the exact model map
 * truncated at that resolution, to the Gaussians' cutoff error.
 */
export async function modelMap(atoms: ScatteringAtoms, geometry: VolumeGeometry, opts: ModelMapOptions): Promise<ModelMapResult> {
  const [nx, ny, nz] = geometry.dims;
  const [sx, sy, sz] = geometry.voxelSize;
  const [ox, oy, oz] = geometry.origin;
  const cut = opts.resolution !== undefined && opts.style === 'electron';
  if (cut && !(opts.resolution! > 0)) throw new RangeError(`model map resolution must be positive, got ${opts.resolution}`);
  const extraB = cut ? 8 * Math.PI * Math.PI * (0.7 * Math.max(sx, sy, sz)) ** 2 : 0;
  const data = new Float64Array(nx * ny * nz);
  const untabulated: Record<string, number> = {};
  let placed = 0;
  let outside = 0;
  const ex = new Float64Array(64);
  const indices = opts.select ?? Int32Array.from({ length: atoms.count }, (_, i) => i);
  const profiles = new Map<string, ReturnType<typeof atomGaussians>>();
  const minVoxel = Math.min(sx, sy, sz);
  for (const atom of indices) {
    const element = atoms.element[atom]!;
    const occupancy = atoms.occupancy[atom]!;
    if (!(occupancy > 0)) continue;
    // A negative B would sharpen the atom beyond its scattering factor (and past the extra B): 0.
    const bFactor = Math.max(opts.bFactorOverride ?? atoms.b[atom]!, 0) + extraB;
    // Xmipp's profile has no B-factor: one shape per element.
    const key = opts.style === 'xmipp' ? element : `${element}:${bFactor.toFixed(2)}`;
    let shape = profiles.get(key);
    if (shape === undefined && !profiles.has(key)) {
      shape = atomGaussians(element, bFactor, opts.style, minVoxel);
      profiles.set(key, shape);
    }
    if (!shape) {
      untabulated[element || '?'] = (untabulated[element || '?'] ?? 0) + 1;
      continue;
    }
    const px = (atoms.x[atom]! - ox) / sx;
    const py = (atoms.y[atom]! - oy) / sy;
    const pz = (atoms.z[atom]! - oz) / sz;
    let maxVariance = 0;
    for (let t = 0; t < 5; t++) maxVariance = Math.max(maxVariance, shape.variance[t]!);
    const radius = CUTOFF_SIGMAS * Math.sqrt(maxVariance);
    const x0 = Math.max(0, Math.ceil(px - radius / sx));
    const x1 = Math.min(nx - 1, Math.floor(px + radius / sx));
    const y0 = Math.max(0, Math.ceil(py - radius / sy));
    const y1 = Math.min(ny - 1, Math.floor(py + radius / sy));
    const z0 = Math.max(0, Math.ceil(pz - radius / sz));
    const z1 = Math.min(nz - 1, Math.floor(pz + radius / sz));
    if (x0 > x1 || y0 > y1 || z0 > z1) {
      outside++;
      continue;
    }
    placed++;
    const wx = x1 - x0 + 1;
    const wy = y1 - y0 + 1;
    const wz = z1 - z0 + 1;
    const need = 5 * (wx + wy + wz);
    const table = need <= ex.length ? ex : new Float64Array(need);
    // Separable Gaussians: per term, one factor per x, y and z offset.
    for (let t = 0; t < 5; t++) {
      const inv = -1 / (2 * shape.variance[t]!);
      const base = t * (wx + wy + wz);
      for (let i = 0; i < wx; i++) table[base + i] = Math.exp(inv * ((x0 + i - px) * sx) ** 2);
      for (let j = 0; j < wy; j++) table[base + wx + j] = Math.exp(inv * ((y0 + j - py) * sy) ** 2);
      for (let k = 0; k < wz; k++) table[base + wx + wy + k] = shape.amplitude[t]! * occupancy * Math.exp(inv * ((z0 + k - pz) * sz) ** 2);
    }
    const r2max = radius * radius;
    for (let k = 0; k < wz; k++) {
      const dz2 = ((z0 + k - pz) * sz) ** 2;
      for (let j = 0; j < wy; j++) {
        const dyz2 = dz2 + ((y0 + j - py) * sy) ** 2;
        if (dyz2 > r2max) continue;
        const row = ((z0 + k) * ny + (y0 + j)) * nx + x0;
        for (let i = 0; i < wx; i++) {
          if (dyz2 + ((x0 + i - px) * sx) ** 2 > r2max) continue;
          let value = 0;
          for (let t = 0; t < 5; t++) {
            const base = t * (wx + wy + wz);
            value += table[base + i]! * table[base + wx + j]! * table[base + wx + wy + k]!;
          }
          data[row + i]! += value;
        }
      }
    }
  }
  let out: Float32Array;
  if (cut) {
    const limit = 1 / opts.resolution!;
    const fftOpts = opts.threads === undefined ? {} : { threads: opts.threads };
    const spectrum = await rfft3d(data, [nx, ny, nz], fftOpts);
    // exp(−B s²) with s = |f|/2 undone for the extra B, inside the resolution sphere only.
    applyRadialFilter(spectrum, [nx, ny, nz], (f) => (f <= limit ? Math.exp((extraB * f * f) / 4) : 0), { voxelSize: [sx, sy, sz] });
    out = Float32Array.from(await irfft3d(spectrum, [nx, ny, nz], { ...fftOpts, overwriteInput: true }));
  } else {
    out = Float32Array.from(data);
  }
  return {
    volume: new Volume(out, { dims: [nx, ny, nz], voxelSize: [sx, sy, sz], origin: [ox, oy, oz] }),
    placed,
    outside,
    untabulated,
    extraB,
  };
}
