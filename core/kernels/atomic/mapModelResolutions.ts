import { rfft3d } from '../../fft/index.js';
import type { Vec3 } from '../../volume/index.js';
import { firstCrossing } from '../fsc/firstCrossing.js';
import { fscFromSpectra, type FscCurves } from '../fsc/fourierShellCorrelation.js';
import { halfSpectrumGrid } from '../halfSpectrumGrid.js';

/**
 * The map–model resolutions of Phenix's validation_cryoem (mtriage; Afonine et al. 2018,
 * Acta Cryst. D74, 814; algorithms.md §4.3), from one spectrum of the map and one of the model map
 * (computed to Nyquist). A map "cut at d" keeps the coefficients with |f| ≤ 1/d (|f| in Å⁻¹ with
 * per-axis sampling, the cut modelMap makes); by Parseval the box correlations of cut maps are
 * sums over the spectrum, so every cut is evaluated from prefix sums over thin frequency bins
 * without another transform.
 * - `d99`: the coarsest cut at which the cut map correlates ≥ 0.99 with the full map (the
 *   correlation grows as d falls and reaches 1 at Nyquist, so this is where it first reaches 0.99).
 * - `dModel`: the cut d of the model map that correlates best with the (full) map.
 * - `dFsc(x)`: where the map–model FSC (core/kernels/fsc's shells) first drops below x = 0, 0.143, 0.5.
 */
export interface MapModelResolutions {
  /** Å; null when not even the full spectrum is reached (a flat map). */
  d99: number | null;
  /** Å; null when no cut in the scanned range gives a finite correlation. */
  dModel: number | null;
  /** The correlation of the map with the model map cut at dModel. */
  dModelCc: number;
  /** Spacing of the scanned cuts at dModel (Å): a quarter of a Fourier shell, d² / (4·box). */
  dModelStepA: number;
  /** Correlation of the map with the model map cut at each scanned d (ascending frequency). */
  scan: { d: Float64Array; cc: Float64Array };
  /** Map–model FSC on the Xmipp shells. */
  fsc: FscCurves;
  /** Å; null where the FSC does not drop below the threshold before Nyquist. */
  dFsc0: number | null;
  dFsc0143: number | null;
  dFsc05: number | null;
}

/** Thin frequency bins per Fourier shell: the scan's refinement over the shell grid. */
const BINS_PER_SHELL = 4;
/** The coarsest cut scanned for dModel keeps this many shells (fewer coefficients say nothing about resolution). */
const MIN_SCAN_SHELLS = 3;
const D99_LEVEL = 0.99;

/** Map and model map (same grid, float32 or float64) → their resolutions, with two forward transforms. */
export async function mapModelResolutions(map: Float32Array | Float64Array, model: Float32Array | Float64Array, dims: Vec3, voxelSize: Vec3): Promise<MapModelResolutions> {
  const mapSpectrum = await rfft3d(map, dims);
  const modelSpectrum = await rfft3d(model, dims);
  return resolutionsFromSpectra(mapSpectrum, modelSpectrum, dims, voxelSize);
}

/** As mapModelResolutions, from the two rfft3d half spectra (any common scale). */
export function resolutionsFromSpectra(mapSpectrum: Float64Array, modelSpectrum: Float64Array, dims: Vec3, voxelSize: Vec3): MapModelResolutions {
  const bins = frequencyBins(dims, voxelSize);
  const sums = binnedSums(mapSpectrum, modelSpectrum, bins);
  const n = bins.count;
  // Prefix sums from bin 1 on: bin 0 holds only the DC term (|f| < δ/2), which a correlation removes.
  const mapPower = prefix(sums.mapPower);
  const modelPower = prefix(sums.modelPower);
  const cross = prefix(sums.cross);
  // A constant map leaves only the transform's round-off (~1e-32 of the DC power) off the DC term.
  const totalMap = mapPower[n - 1]! > 1e-20 * sums.mapPower[0]! ? mapPower[n - 1]! : 0;
  const cutD = (b: number) => 1 / ((b + 0.5) * bins.delta);

  // d99 against the map within the Nyquist sphere, as Phenix's coefficients stop at a sphere: the
  // cube's corners (up to √3·Nyquist) hold much of a noisy map's power and would push d99 below Nyquist.
  const maxVoxel = Math.max(...voxelSize);
  const lastInside = Math.min(n - 1, Math.floor(1 / (2 * maxVoxel) / bins.delta - 0.5));
  const totalSphere = totalMap > 0 ? mapPower[lastInside]! : 0;
  let d99: number | null = null;
  for (let b = 1; b <= lastInside && totalSphere > 0; b++) {
    if (Math.sqrt(mapPower[b]! / totalSphere) >= D99_LEVEL) {
      d99 = cutD(b);
      break;
    }
  }

  const first = MIN_SCAN_SHELLS * BINS_PER_SHELL;
  const d: number[] = [];
  const cc: number[] = [];
  for (let b = first; b < n && cutD(b) >= 2 * maxVoxel; b++) {
    d.push(cutD(b));
    const denominator = Math.sqrt(totalMap * modelPower[b]!);
    cc.push(denominator > 0 ? cross[b]! / denominator : Number.NaN);
  }
  let best = -1;
  for (let i = 0; i < cc.length; i++) if (Number.isFinite(cc[i]!) && (best < 0 || cc[i]! > cc[best]!)) best = i;
  const dModel = best >= 0 ? d[best]! : null;

  const fsc = fscFromSpectra(mapSpectrum, modelSpectrum, dims, voxelSize[0]);
  const crossing = (x: number) => {
    if (!(totalMap > 0)) return null;
    const f = firstCrossing(fsc.frequency, fsc.fsc, x);
    return f !== null && f > 0 ? 1 / f : null;
  };
  return {
    d99,
    dModel,
    dModelCc: best >= 0 ? cc[best]! : Number.NaN,
    dModelStepA: dModel !== null ? dModel * dModel * bins.delta : Number.NaN,
    scan: { d: Float64Array.from(d), cc: Float64Array.from(cc) },
    fsc,
    dFsc0: crossing(0),
    dFsc0143: crossing(0.143),
    dFsc05: crossing(0.5),
  };
}

interface FrequencyBins {
  /** Per half-spectrum point: round(|f|/δ). */
  bin: Int32Array;
  /** Per half-spectrum point: 2 for a point standing for itself and its Hermitian partner, else 1. */
  weight: Uint8Array;
  /** Bin width δ (Å⁻¹): a quarter of the finest Fourier shell, 1/(4·largest box side in Å). */
  delta: number;
  count: number;
}

/**
 * Bins of width δ centred on multiples of δ: a cut at (b + ½)·δ falls between lattice shells, so on a
 * cubic grid no coefficient sits on a cut (|f|·4·box = √integer is never an odd multiple of ½).
 */
function frequencyBins(dims: Vec3, voxelSize: Vec3): FrequencyBins {
  const { half, fx, fy, fz } = halfSpectrumGrid(dims);
  const [hx, ny, nz] = half;
  const [sx, sy, sz] = voxelSize;
  const delta = 1 / (BINS_PER_SHELL * Math.max(dims[0] * sx, dims[1] * sy, dims[2] * sz));
  const bin = new Int32Array(hx * ny * nz);
  const weight = new Uint8Array(hx * ny * nz);
  // The r2c half spectrum stores one of each ±kx pair except kx = 0 and, on an even axis, Nyquist.
  const selfPaired = (kx: number) => kx === 0 || (dims[0] % 2 === 0 && kx === dims[0] / 2);
  const fx2 = Float64Array.from(fx, (f) => (f / sx) ** 2);
  let count = 0;
  let p = 0;
  for (let kz = 0; kz < nz; kz++) {
    const z2 = (fz[kz]! / sz) ** 2;
    for (let ky = 0; ky < ny; ky++) {
      const yz2 = z2 + (fy[ky]! / sy) ** 2;
      for (let kx = 0; kx < hx; kx++, p++) {
        const b = Math.floor(Math.sqrt(yz2 + fx2[kx]!) / delta + 0.5);
        bin[p] = b;
        weight[p] = selfPaired(kx) ? 1 : 2;
        if (b >= count) count = b + 1;
      }
    }
  }
  return { bin, weight, delta, count };
}

function binnedSums(map: Float64Array, model: Float64Array, bins: FrequencyBins) {
  const n = bins.count;
  const mapPower = new Float64Array(n);
  const modelPower = new Float64Array(n);
  const cross = new Float64Array(n);
  const { bin, weight } = bins;
  if (map.length !== 2 * bin.length || model.length !== 2 * bin.length) throw new RangeError(`map–model resolutions: spectra of ${map.length / 2} and ${model.length / 2} points, ${bin.length} expected`);
  for (let p = 0; p < bin.length; p++) {
    const b = bin[p]!;
    const w = weight[p]!;
    const mr = map[2 * p]!;
    const mi = map[2 * p + 1]!;
    const cr = model[2 * p]!;
    const ci = model[2 * p + 1]!;
    mapPower[b]! += w * (mr * mr + mi * mi);
    modelPower[b]! += w * (cr * cr + ci * ci);
    cross[b]! += w * (mr * cr + mi * ci);
  }
  return { mapPower, modelPower, cross };
}

/** Running sums from bin 1 (bin 0, the DC term, left out). */
function prefix(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let b = 1; b < values.length; b++) out[b] = out[b - 1]! + values[b]!;
  return out;
}
