import { blocRes, percentiles, type BlocResResult, type Vec3 } from '../../../core/index.js';

/** BlocRes FSC cutoff of the map against the model map (the original's `-cutoff 0.67`). */
export const FSCQ_MODEL_CUTOFF = 0.67;
/** BlocRes FSC cutoff of the two half maps. */
export const FSCQ_HALVES_CUTOFF = 0.5;
/** High-resolution limit handed to BlocRes (`-maxresolution 0.5`), raised to Nyquist by the kernel. */
export const FSCQ_MAX_RESOLUTION = 0.5;
export const FSCQ_BOX = 20;
/** Xmipp-style model-map level above which a voxel is "inside the atoms" (absolute, Xmipp units). */
export const FSCQ_MODEL_LEVEL = 0.97;
/** FSC-Qr is only divided where the soft mask and L_hh exceed this (elsewhere the raw FSC-Q stays). */
const DIVISION_FLOOR = 0.001;

export interface FscQOptions {
  voxelSize: number;
  box?: number;
  /** 'auto' (default): the kernel's smallest step measuring at most `maxBoxes` boxes, trilinear fill. */
  step?: 'auto' | number;
  maxBoxes?: number;
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => void;
}

export interface FscQVolumes {
  /** Local resolution of the map against the model map (Å; 0 where not measured). */
  modelResolution: Float32Array;
  /** Local resolution of half 1 against half 2 (Å; 0 where not measured). */
  halvesResolution: Float32Array;
  /** L_mm − L_hh (Å). */
  fscQ: Float32Array;
  /** FSC-Q / L_hh where the mask and L_hh exceed 0.001, FSC-Q elsewhere. */
  fscQr: Float32Array;
  /** Voxels BlocRes measured or filled (soft mask ≥ 0.5, box inside the map). */
  targets: Uint8Array;
  modelRun: BlocResResult;
  halvesRun: BlocResResult;
}

/**
 * FSC-Q and FSC-Qr (Ramírez-Aportela et al., Nat. Commun. 12:42, 2021; algorithms.md §4.5): BlocRes
 * of the map against the model map at FSC 0.67, BlocRes of the half maps at FSC 0.5, both in 20-voxel
 * boxes over the soft mask, and their voxel-wise difference, raw and relative to the halves' local
 * resolution. The same mask and box give both runs the same target voxels and the same step.
 */
export async function computeFscQ(
  volumes: { map: ArrayLike<number>; modelMap: ArrayLike<number>; half1: ArrayLike<number>; half2: ArrayLike<number>; softMask: ArrayLike<number> },
  dims: Vec3,
  opts: FscQOptions,
): Promise<FscQVolumes> {
  const common = {
    voxelSize: opts.voxelSize,
    box: opts.box ?? FSCQ_BOX,
    maxResolution: FSCQ_MAX_RESOLUTION,
    step: opts.step ?? 'auto',
    ...(opts.maxBoxes !== undefined ? { maxBoxes: opts.maxBoxes } : {}),
    ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  const report = (from: number, label: string) => (done: number, total: number) => opts.onProgress?.(from + (0.5 * done) / total, `${label}: ${done}/${total} boxes`);
  const modelRun = await blocRes(volumes.map, volumes.modelMap, volumes.softMask, dims, { ...common, cutoff: FSCQ_MODEL_CUTOFF, onProgress: report(0, 'map vs model map') });
  const halvesRun = await blocRes(volumes.half1, volumes.half2, volumes.softMask, dims, { ...common, cutoff: FSCQ_HALVES_CUTOFF, onProgress: report(0.5, 'half 1 vs half 2') });
  const n = dims[0] * dims[1] * dims[2];
  const fscQ = new Float32Array(n);
  const fscQr = new Float32Array(n);
  const lmm = modelRun.resolution;
  const lhh = halvesRun.resolution;
  for (let i = 0; i < n; i++) {
    const q = lmm[i]! - lhh[i]!;
    fscQ[i] = q;
    fscQr[i] = volumes.softMask[i]! > DIVISION_FLOOR && lhh[i]! > DIVISION_FLOOR ? q / lhh[i]! : q;
  }
  return { modelResolution: lmm, halvesResolution: lhh, fscQ, fscQr, targets: modelRun.targets, modelRun, halvesRun };
}

export interface FscQStatistics {
  /** FSC-Qr at the sampled voxels. */
  values: Float64Array;
  mean: number;
  p2_5: number;
  p97_5: number;
  /** Percent of the sampled voxels with |FSC-Qr| > 1.5. */
  percentAbsAbove15: number;
  /** Percentiles 2.5 and 97.5 of FSC-Qr clipped to ±1.5 (the homogeneity check's input). */
  clippedP2_5: number;
  clippedP97_5: number;
  /** Mean raw FSC-Q (Å) at the same voxels. */
  meanFscQ: number;
  /** Voxels with model map > level that BlocRes did not measure (near the box edge or outside the mask), left out. */
  unmeasuredInside: number;
}

/**
 * The sample the original reports on: FSC-Qr where the Xmipp-style model map exceeds 0.97 (the
 * voxels inside the atoms), restricted to voxels BlocRes measured — the original's `-nofill` leaves
 * the others at 0, which would count as a perfect score. Null when no voxel qualifies.
 */
export function fscQStatistics(fsc: Pick<FscQVolumes, 'fscQ' | 'fscQr' | 'targets'>, modelMap: ArrayLike<number>, level = FSCQ_MODEL_LEVEL): FscQStatistics | null {
  const values: number[] = [];
  let sumQ = 0;
  let unmeasuredInside = 0;
  for (let i = 0; i < modelMap.length; i++) {
    if (!(modelMap[i]! > level)) continue;
    if (!fsc.targets[i]) {
      unmeasuredInside++;
      continue;
    }
    values.push(fsc.fscQr[i]!);
    sumQ += fsc.fscQ[i]!;
  }
  if (values.length === 0) return null;
  const sample = Float64Array.from(values);
  let sum = 0;
  let above = 0;
  for (const v of sample) {
    sum += v;
    if (Math.abs(v) > 1.5) above++;
  }
  const [p2_5, p97_5] = percentiles(sample, [2.5, 97.5]) as [number, number];
  const clipped = sample.map((v) => Math.min(1.5, Math.max(-1.5, v)));
  const [clippedP2_5, clippedP97_5] = percentiles(clipped, [2.5, 97.5]) as [number, number];
  return {
    values: sample,
    mean: sum / sample.length,
    p2_5,
    p97_5,
    percentAbsAbove15: (100 * above) / sample.length,
    clippedP2_5,
    clippedP97_5,
    meanFscQ: sumQ / sample.length,
    unmeasuredInside,
  };
}
