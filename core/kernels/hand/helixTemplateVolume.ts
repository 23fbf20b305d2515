import { irfft3dSync } from '../../fft/index.js';
import { idealAlphaHelix, pointMassSpectrum } from '../../phantom/index.js';
import { type Vec3, Volume } from '../../volume/index.js';
import { applyRadialFilter, type RadialResponse } from '../index.js';

/**
 * Electron scattering factors of Peng et al. (1996) as algorithms §4.2 tabulates them: f(s) =
 * Σ a_i·exp(−b_i s²) with s = sinθ/λ = |f|/2 (a in Å, b in Å²).
 */
const PENG: Record<'C' | 'N' | 'O', { a: readonly number[]; b: readonly number[] }> = {
  C: { a: [0.0489, 0.2091, 0.7537, 1.142, 0.3555], b: [0.114, 1.0825, 5.4281, 17.8811, 51.1341] },
  N: { a: [0.0267, 0.1328, 0.5301, 1.102, 0.4215], b: [0.0541, 0.5165, 2.8207, 10.6297, 34.3764] },
  O: { a: [0.0365, 0.1729, 0.5805, 0.8814, 0.3121], b: [0.0652, 0.6184, 2.9449, 9.6298, 28.2194] },
};

/** Electron scattering factor of an element at spatial frequency |f| (Å⁻¹). */
export function electronFormFactor(element: 'C' | 'N' | 'O', frequency: number): number {
  const { a, b } = PENG[element];
  const s2 = (frequency * frequency) / 4;
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += a[i]! * Math.exp(-b[i]! * s2);
  return sum;
}

/** One full repeat of the ideal α-helix: 18 residues in 5 turns, 27 Å. */
export const ALPHA_HELIX_REPEAT = { residues: 18, length: 27 } as const;

export interface HelixTemplateOptions {
  /** Voxel size (Å) in x and y; z is adjusted so that the box holds whole helical repeats. */
  voxelSize: Vec3;
  /** Filter applied to the density (|f| in Å⁻¹), e.g. the raised-cosine low-pass of the map. */
  response: RadialResponse;
  /** The response is 0 beyond this frequency (Å⁻¹). */
  fMax: number;
  /** Half-width (Å) of the box across the axis; default 16. */
  halfWidth?: number;
  /** Helical repeats (27 Å each) along the box; default 2. */
  repeats?: number;
  /** 'right' (default) or 'left'. */
  handedness?: 'right' | 'left';
}

/**
 * The density of an ideal, endless α-helix (core/phantom geometry: N, CA, C, O, CB, 3.6 residues per
 * turn, 1.5 Å rise) along z through x = y = 0, rendered exactly in Fourier space: point atoms ×
 * Peng electron form factor of their element (algorithms §4.2, the physical 3-D profile) × the given
 * filter. The box spans whole repeats along z, so the periodic FFT box holds an endless helix with
 * no end effects. Voxel (floor(nx/2), floor(ny/2), floor(nz/2)) sits at (0, 0, 0).
 */
export function helixTemplateVolume(opts: HelixTemplateOptions): Volume<Float32Array> {
  const halfWidth = opts.halfWidth ?? 16;
  const repeats = opts.repeats ?? 2;
  const [sx, sy, sz] = opts.voxelSize;
  const nx = 2 * Math.ceil(halfWidth / sx);
  const ny = 2 * Math.ceil(halfWidth / sy);
  const lengthZ = repeats * ALPHA_HELIX_REPEAT.length;
  const nz = Math.max(2, Math.round(lengthZ / sz));
  const voxelSize: Vec3 = [sx, sy, lengthZ / nz];
  const dims: Vec3 = [nx, ny, nz];
  const origin = dims.map((n, k) => -Math.floor(n / 2) * voxelSize[k]!) as Vec3;
  for (let a = 0; a < 3; a++) {
    if (!(opts.fMax < 0.5 / voxelSize[a]!)) throw new RangeError(`template fMax ${opts.fMax} Å⁻¹ reaches the Nyquist frequency of ${voxelSize[a]} Å voxels`);
  }
  const atoms = idealAlphaHelix({ start: [0, 0, 0], axis: [0, 0, 1], residues: repeats * ALPHA_HELIX_REPEAT.residues, handedness: opts.handedness ?? 'right' });
  const total = new Float64Array(2 * (Math.floor(nx / 2) + 1) * ny * nz);
  for (const element of ['C', 'N', 'O'] as const) {
    const points = atoms.filter((a) => a.element === element).map((a) => ({ position: a.position, weight: 1 }));
    const spec = pointMassSpectrum(points, dims, voxelSize, origin, opts.fMax);
    applyRadialFilter(spec, dims, (f) => electronFormFactor(element, f) * opts.response(f), { voxelSize });
    for (let i = 0; i < total.length; i++) total[i]! += spec[i]!;
  }
  const real = irfft3dSync(total, dims, { overwriteInput: true });
  return new Volume(Float32Array.from(real), { dims, voxelSize, origin });
}
