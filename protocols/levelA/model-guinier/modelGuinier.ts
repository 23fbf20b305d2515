import { guinierProfile, pearsonOrNaN, rfft3d, type Volume } from '../../../core/index.js';

/** The rows of a Guinier curve the original writes: the shells with d ≥ R, DC first. */
export interface GuinierCurve {
  /** Shell index (DC = 0). */
  shell: Int32Array;
  /** 1/d² in Å⁻² (0 for the DC shell). */
  x: Float64Array;
  /** ln(mean |F|), Xmipp amplitude scale (transform ÷ voxel count); 0 for an empty shell, as Xmipp writes it. */
  lnF: Float64Array;
}

/**
 * The Guinier curve of 0.d (Xmipp volume_correct_bfactor, algorithms.md §2.7 steps 1–3) for any
 * volume: mean Fourier amplitude per shell round(|s|·nx·Ts), rows with d ≥ `resolution` (and
 * inside Nyquist), DC row included. No fit: A.d compares curves, not slopes.
 */
export async function guinierCurve(volume: Volume, resolution: number): Promise<GuinierCurve> {
  const spectrum = await rfft3d(volume.data, volume.dims, { norm: 'forward' });
  const profile = guinierProfile(spectrum, volume.dims, volume.voxelSize);
  const shell: number[] = [];
  const x: number[] = [];
  const lnF: number[] = [];
  for (let i = 0; i < profile.resolution.length; i++) {
    const d = profile.resolution[i]!;
    if (d < resolution) continue;
    const mean = profile.meanAmplitude[i]!;
    shell.push(i);
    x.push(i === 0 ? 0 : 1 / (d * d));
    // An empty shell has no logarithm: NaN here, and the comparison leaves the row out.
    lnF.push(mean > 0 ? Math.log(mean) : Number.NaN);
  }
  return { shell: Int32Array.from(shell), x: Float64Array.from(x), lnF: Float64Array.from(lnF) };
}

export interface MapModelGuinier {
  x: Float64Array;
  modelLnF: Float64Array;
  /** The map's ln|F| shifted to the model curve's mean: lnF_map + mean(model) − mean(map). */
  shiftedMapLnF: Float64Array;
  /** What was added to the map's ln|F|. */
  offset: number;
  /** Pearson R over every row (DC included), as the original. */
  correlation: number;
  /** Pearson R without the DC row (information: the DC term is the map's mean, which normalisation moves freely). */
  correlationWithoutDc: number;
  rows: number;
}

/**
 * The map–model Guinier comparison of the original (vrs-spec §12.4, algorithms.md §4.6): the map
 * curve shifted to the model curve's mean and the Pearson correlation of the two over the shared
 * rows (those where both shells hold amplitude). The shift changes nothing in R (Pearson is blind to offsets); it only puts the curves on
 * one plot. Both curves must come from the same grid and resolution (same shells).
 */
export function compareGuinierCurves(map: GuinierCurve, model: GuinierCurve): MapModelGuinier {
  if (map.x.length !== model.x.length || map.shell.some((s, k) => s !== model.shell[k])) {
    throw new RangeError('compareGuinierCurves: the map and model curves have different shells (different grids?)');
  }
  // Rows where either curve has an empty shell are left out of both.
  const keep: number[] = [];
  for (let k = 0; k < map.x.length; k++) if (Number.isFinite(map.lnF[k]!) && Number.isFinite(model.lnF[k]!)) keep.push(k);
  const pick = (a: Float64Array) => Float64Array.from(keep, (k) => a[k]!);
  const x = pick(map.x);
  const mapLnF = pick(map.lnF);
  const modelLnF = pick(model.lnF);
  const rows = keep.length;
  const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
  const offset = rows > 0 ? mean(modelLnF) - mean(mapLnF) : 0;
  const shiftedMapLnF = mapLnF.map((v) => v + offset);
  const withoutDc = (a: Float64Array) => (keep[0] !== undefined && map.shell[keep[0]] === 0 ? a.subarray(1) : a);
  return {
    x,
    modelLnF,
    shiftedMapLnF,
    offset,
    correlation: pearsonOrNaN(shiftedMapLnF, modelLnF),
    correlationWithoutDc: pearsonOrNaN(withoutDc(shiftedMapLnF), withoutDc(modelLnF)),
    rows,
  };
}
