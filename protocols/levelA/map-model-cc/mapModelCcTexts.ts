// The words of section A.a: explanation, criteria, result paragraphs, warnings and notes.
import { formatPrintf, type MapModelCorrelations, type MapModelResolutions } from '../../../core/index.js';

export interface MapModelCcFacts {
  resolutionA: number;
  reported: number | undefined;
  minimum: number;
  smoothingRadiusA: number;
  five: MapModelCorrelations;
  mainChain: number;
  sideChain: number | null;
  percentBelow: number;
  below: number;
  residues: number;
  unmasked: MapModelResolutions;
  masked: MapModelResolutions;
  limits: { residueCc: number; badPercent: number; fscRatio: number };
}

/** A number in the spec's format, or "not measurable" for NaN/null. */
export function formatMapModelNumber(value: number | null, format: string): string {
  return value !== null && Number.isFinite(value) ? formatPrintf(value, format).trim() : 'not measurable';
}

const fmt = formatMapModelNumber;

export function mapModelCcTexts(f: MapModelCcFacts) {
  const { limits } = f;
  const cc = (v: number | null) => fmt(v, '%5.3f');
  const res = (v: number | null) => (v !== null && Number.isFinite(v) ? `${fmt(v, '%4.1f')} Å` : 'not reached before Nyquist');
  const pair = (m: number | null, u: number | null) => `${res(m)} / ${res(u)}`;
  const { masked: m, unmasked: u } = f;

  const resolutionSentence =
    f.reported !== undefined
      ? `The model map is computed at ${fmt(f.resolutionA, '%4.2f')} Å, max(reported resolution ${fmt(f.reported, '%4.2f')} Å, ${f.minimum} Å): Phenix validation_cryoem is run at that resolution in the original service. All correlations below use it.`
      : `No resolution was given: the model map is computed at ${fmt(f.resolutionA, '%4.2f')} Å, the resolution of the fit check. All correlations below use it.`;
  const results = [
    resolutionSentence,
    `CC(mask) = ${cc(f.five.ccMask)}, CC(box) = ${cc(f.five.ccBox)}, CC(volume) = ${cc(f.five.ccVolume)}, CC(peaks) = ${cc(f.five.ccPeaks)}, CC(main chain) = ${cc(f.mainChain)}${f.sideChain !== null ? `, CC(side chain) = ${cc(f.sideChain)}` : ' (no side-chain atoms)'}.`,
    `${fmt(f.percentBelow, '%4.1f')} % of the residues (${f.below} of ${f.residues}) correlate below ${limits.residueCc} with the model map.`,
    `Map–model resolutions, masked / unmasked (model map to Nyquist, not cut at ${fmt(f.resolutionA, '%4.2f')} Å): d99 ${pair(m.d99, u.d99)}; d_model ${pair(m.dModel, u.dModel)}; d_FSC,model at 0 ${pair(m.dFsc0, u.dFsc0)}, at 0.143 ${pair(m.dFsc0143, u.dFsc0143)}, at 0.5 ${pair(m.dFsc05, u.dFsc05)}.`,
    `The masked values multiply map and model map by a soft mask around the model: the molecular mask grown by the smoothing radius, ${fmt(f.smoothingRadiusA, '%4.2f')} Å (the model-map resolution), and blurred by a Gaussian of σ = ${fmt(f.smoothingRadiusA / 2, '%4.2f')} Å.`,
  ];
  if (f.reported !== undefined) results.push(`The reported resolution is ${fmt(f.reported, '%4.2f')} Å.`);

  const warnings: string[] = [];
  if (f.percentBelow > limits.badPercent) {
    warnings.push(`${fmt(f.percentBelow, '%4.1f')} % of the residues correlate below ${limits.residueCc} with the model map, more than ${limits.badPercent} %: parts of the model are not supported by the map.`);
  }
  const notes: string[] = [];
  if (f.reported === undefined) {
    notes.push('Without a reported resolution the comparison with d_FSC,model(0.5) is not made.');
  } else if (m.dFsc05 !== null && f.reported < limits.fscRatio * m.dFsc05) {
    warnings.push(
      `The reported resolution, ${fmt(f.reported, '%4.2f')} Å, is finer than ${limits.fscRatio} × d_FSC,model(0.5, masked) = ${fmt(limits.fscRatio * m.dFsc05, '%4.2f')} Å: the model agrees with the map only to ${fmt(m.dFsc05, '%4.2f')} Å.`,
    );
  }
  // firstCrossing reports no crossing when the curve is already below the level in its first shells.
  const belowFromStart = m.dFsc05 === null && m.fsc.fsc.some((v, i) => i >= 1 && v < 0.5);
  if (belowFromStart) {
    warnings.push('The masked map–model FSC is below 0.5 from the lowest frequencies on: the model does not agree with the map at any resolution.');
  } else if (m.dFsc05 === null && f.reported !== undefined) {
    notes.push('The masked map–model FSC does not drop below 0.5 before Nyquist: the resolution criterion cannot fail.');
  }
  notes.push('Not computed: d_model with every B-factor set to 0 and the overall isotropic B of the original Phenix report.');

  return {
    explanation:
      'The map is compared with a map computed from the model (each atom a 5-Gaussian electron scattering factor blurred by its B-factor, Fourier-truncated at the resolution shown). ' +
      'CC(mask) correlates them over the molecular envelope (non-hydrogen atoms, van der Waals radius + 0.2 Å); CC(box) over the whole box; CC(volume) over as many points as the envelope, where the model map is highest; CC(peaks) over the union of the highest points of the map and of the model map. ' +
      'Per-residue, main-chain, side-chain and per-chain CCs use the grid points within 2 Å of the selected non-hydrogen atoms (main chain: N, CA, C, O of the amino acids; side chain: their other atoms); per-residue and per-chain CCs count every residue, ligands and waters included. ' +
      'd99 is the coarsest Fourier cut at which the cut map still correlates 0.99 with the full map (within the Nyquist sphere; it depends on the map alone); d_model the cut of the model map that correlates best with the map; d_FSC,model where the map–model FSC first drops below 0, 0.143 and 0.5. ' +
      'These are the definitions of Phenix validation_cryoem (Afonine et al. 2018); the numbers are computed by vrs, so they are close to, not identical with, Phenix’s.',
    criteria: `Warnings when more than ${limits.badPercent} % of the residues correlate below ${limits.residueCc} with the model map, and when the reported resolution is finer than ${limits.fscRatio} × d_FSC,model(0.5, masked).`,
    results,
    warnings,
    notes,
  };
}
