import { guinierProfile, pearson, rfft3d, type Volume } from '../../../core/index.js';

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
    lnF.push(mean > 0 ? Math.log(mean) : 0);
  }
  return { shell: Int32Array.from(shell), x: Float64Array.from(x), lnF: Float64Array.from(lnF) };
}

export interface MapModelGuinier {
  x: Float64Array;
  modelLnF: Float64Array;
  /** The map's ln|F| shifted to the model curve's mean: lnF_map + mean(model) − mean(map). */
  shiftedMapLnF: Float64Array;
  /** Pearson R over every row (DC included), as the original. */
  correlation: number;
  /** Pearson R without the DC row (information: the DC term is the map's mean, which normalisation moves freely). */
  correlationWithoutDc: number;
  rows: number;
}

/**
 * The map–model Guinier comparison of the original (vrs-spec §12.4, algorithms.md §4.6): the map
 * curve shifted to the model curve's mean and the Pearson correlation of the two over the shared
 * rows. The shift changes nothing in R (Pearson is blind to offsets); it only puts the curves on
 * one plot. Both curves must come from the same grid and resolution (same shells).
 */
export function compareGuinierCurves(map: GuinierCurve, model: GuinierCurve): MapModelGuinier {
  if (map.x.length !== model.x.length || map.shell.some((s, k) => s !== model.shell[k])) {
    throw new RangeError('compareGuinierCurves: the map and model curves have different shells (different grids?)');
  }
  const rows = map.x.length;
  const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
  const offset = mean(model.lnF) - mean(map.lnF);
  const shiftedMapLnF = map.lnF.map((v) => v + offset);
  const withoutDc = (a: Float64Array) => (map.shell[0] === 0 ? a.subarray(1) : a);
  return {
    x: map.x,
    modelLnF: model.lnF,
    shiftedMapLnF,
    correlation: rows >= 2 ? pearson(shiftedMapLnF, model.lnF) : Number.NaN,
    correlationWithoutDc: withoutDc(model.lnF).length >= 2 ? pearson(withoutDc(shiftedMapLnF), withoutDc(model.lnF)) : Number.NaN,
    rows,
  };
}
