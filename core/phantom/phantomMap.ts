import { irfft3dSync } from '../fft/index.js';
import { applyRadialFilter, raisedCosineLowPass } from '../kernels/index.js';
import { SeededRandom, quantile } from '../stats/index.js';
import { type Vec3, Volume } from '../volume/index.js';
import { idealAlphaHelix, type PhantomAtom } from './idealAlphaHelix.js';
import { pointMassSpectrum } from './pointMassSpectrum.js';

export interface PhantomOptions {
  /** Box in voxels, default [64, 64, 64]. */
  dims?: Vec3;
  /** Å per voxel, default 1.2. */
  voxelSize?: number;
  /** Resolution (Å) of the raised-cosine low-pass (cut-off 1/R, roll-off 0.02/Ts Å⁻¹), default 4. */
  resolution?: number;
  /** Global B-factor (Å²) of every atom and blob: amplitudes × exp(−B s²/4), default 40. */
  bFactor?: number;
  /** var(signal over the box) / var(noise); Infinity for no noise. Default 4. */
  snr?: number;
  seed?: number;
  /** Helices in the bundle, default 4. */
  helices?: number;
  residuesPerHelix?: number;
  /** Spherical Gaussian blobs ("ligands") capping the bundle, default 2. */
  blobs?: number;
  /** 'right' (default): natural α-helices; 'left': every helix mirrored (a hand-flipped map). */
  handedness?: 'right' | 'left';
}

export interface PhantomHelix {
  /** Axis end points (Å), first and last residue level. */
  start: Vec3;
  end: Vec3;
  residues: number;
  handedness: 'right' | 'left';
}

export interface PhantomTruth {
  seed: number;
  voxelSize: number;
  resolution: number;
  bFactor: number;
  snr: number;
  /** Standard deviation of the added white noise (0 without noise). */
  noiseSigma: number;
  /** Population variance of the noise-free map over the box. */
  signalVariance: number;
  helices: PhantomHelix[];
  blobs: { centre: Vec3; sigma: number; weight: number }[];
  atoms: (PhantomAtom & { helix: number })[];
  /**
   * A contour level: the larger of the noise-free map's level that encloses the volume of the mass
   * present (atoms N 14, C 12, O 16 Da; blobs 2 Da per unit weight; 1.207 Å³ per Da) and 4 noise σ
   * (so noise specks stay few). At the defaults ≈ 10 % of the maximum, one bundle component.
   */
  suggestedThreshold: number;
  /** The noise-free map. */
  signal: Volume;
}

const ATOM_WEIGHT = { C: 6, N: 7, O: 8 } as const;
const ATOM_MASS = { C: 12, N: 14, O: 16 } as const;

/**
 * A small synthetic cryo-EM map with known answers: a bundle of ideal α-helices (backbone + CB,
 * algorithms §5.2 geometry) and Gaussian blobs, rendered exactly in Fourier space as point atoms
 * (weight = atomic number) blurred by a global B-factor (Gaussian atoms of variance B/(8π²) per
 * axis), low-passed to `resolution`, plus seeded white Gaussian noise of the chosen SNR. Positive
 * density on a zero-mean background, helix axes roughly along z about the box centre
 * (voxel floor(n/2)), origin [0, 0, 0]. Deterministic for a seed; ≈ 50 ms at the 64³ default.
 */
export function phantomMap(opts: PhantomOptions = {}): { volume: Volume; truth: PhantomTruth } {
  const dims: Vec3 = opts.dims ?? [64, 64, 64];
  const ts = opts.voxelSize ?? 1.2;
  const resolution = opts.resolution ?? 4;
  const bFactor = opts.bFactor ?? 40;
  const snr = opts.snr ?? 4;
  const seed = opts.seed ?? 1;
  const nHelices = opts.helices ?? 4;
  const residues = opts.residuesPerHelix ?? 14;
  const nBlobs = opts.blobs ?? 2;
  const handedness = opts.handedness ?? 'right';
  if (!(resolution >= 2 * ts)) throw new RangeError(`phantom resolution ${resolution} Å is finer than Nyquist (${2 * ts} Å)`);
  const rnd = new SeededRandom(seed);
  const centre = dims.map((n) => Math.floor(n / 2) * ts) as Vec3;

  // Helix axes on a ring of radius ~7 Å about z, alternating up and down, tilted by up to 12°.
  const helices: PhantomHelix[] = [];
  const atoms: (PhantomAtom & { helix: number })[] = [];
  const length = 1.5 * (residues - 1);
  const ring = nHelices > 1 ? 5 / Math.sin(Math.PI / nHelices) : 0;
  for (let h = 0; h < nHelices; h++) {
    const a = (2 * Math.PI * h) / nHelices + 0.3 * (rnd.next() - 0.5);
    const tilt = ((12 * rnd.next()) * Math.PI) / 180;
    const tiltDir = 2 * Math.PI * rnd.next();
    const dir = (h % 2 === 0 ? 1 : -1) as 1 | -1;
    const axis: Vec3 = [Math.sin(tilt) * Math.cos(tiltDir), Math.sin(tilt) * Math.sin(tiltDir), dir * Math.cos(tilt)];
    const mid: Vec3 = [centre[0] + ring * Math.cos(a), centre[1] + ring * Math.sin(a), centre[2]];
    // a left-handed helix built from `start` runs the other way along the axis (idealAlphaHelix)
    const sense = handedness === 'left' ? -1 : 1;
    const start = mid.map((m, k) => m - (sense * axis[k]! * length) / 2) as Vec3;
    const end = mid.map((m, k) => m + (sense * axis[k]! * length) / 2) as Vec3;
    for (const atom of idealAlphaHelix({ start, axis, residues, phase: 360 * rnd.next(), handedness })) atoms.push({ ...atom, helix: h });
    helices.push({ start, end, residues, handedness });
  }
  const blobs: PhantomTruth['blobs'] = [];
  for (let b = 0; b < nBlobs; b++) {
    const side = b % 2 === 0 ? 1 : -1;
    const off = 3 * (rnd.next() - 0.5);
    blobs.push({ centre: [centre[0] + off, centre[1] - off, centre[2] + side * (length / 2 + 5)], sigma: 2, weight: 40 });
  }

  // Exact band-limited rendering: Σ point masses in Fourier space × Gaussian shapes × B × low-pass.
  const voxel: Vec3 = [ts, ts, ts];
  const origin: Vec3 = [0, 0, 0];
  const lowPass = raisedCosineLowPass(1 / resolution, 0.02 / ts);
  const fMax = 1 / resolution + 0.02 / ts;
  const spec = pointMassSpectrum(atoms.map((a) => ({ position: a.position, weight: ATOM_WEIGHT[a.element] })), dims, voxel, origin, fMax);
  const bk = -bFactor / 4;
  applyRadialFilter(spec, dims, (s) => Math.exp(bk * s * s) * lowPass(s), { voxelSize: voxel });
  if (blobs.length > 0) {
    const blobSpec = pointMassSpectrum(blobs.map((b) => ({ position: b.centre, weight: b.weight })), dims, voxel, origin, fMax);
    const gk = -2 * Math.PI * Math.PI * 4; // σ = 2 Å
    applyRadialFilter(blobSpec, dims, (s) => Math.exp((bk + gk) * s * s) * lowPass(s), { voxelSize: voxel });
    for (let i = 0; i < spec.length; i++) spec[i]! += blobSpec[i]!;
  }
  spec[0] = 0; // zero-mean background (the DC term would only add a constant)
  spec[1] = 0;
  const real = irfft3dSync(spec, dims, { overwriteInput: true });
  const signal = new Volume(Float32Array.from(real), { dims: [...dims], voxelSize: voxel, origin });

  let ss = 0;
  for (let i = 0; i < real.length; i++) ss += real[i]! * real[i]!;
  const signalVariance = ss / real.length;
  const noiseSigma = snr > 0 && Number.isFinite(snr) ? Math.sqrt(signalVariance / snr) : 0;
  const volume = signal.clone();
  if (noiseSigma > 0) rnd.addNormalNoise(volume.data, noiseSigma);

  let daltons = blobs.reduce((s, b) => s + 2 * b.weight, 0);
  for (const a of atoms) daltons += ATOM_MASS[a.element];
  const molecularVoxels = (daltons * 1.207) / ts ** 3;
  const enclosing = quantile(signal.data, Math.max(0, 1 - molecularVoxels / signal.size));
  const suggestedThreshold = Math.max(enclosing, 4 * noiseSigma);
  return {
    volume,
    truth: { seed, voxelSize: ts, resolution, bFactor, snr, noiseSigma, signalVariance, helices, blobs, atoms, suggestedThreshold, signal },
  };
}
