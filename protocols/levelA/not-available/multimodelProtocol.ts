import { notAvailableProtocol, type NotAvailableCheck } from './notAvailableSection.js';
import { MULTIMODEL_2019 } from '../../shared/methodReferences.js';

export const MULTIMODEL_CHECK: NotAvailableCheck = {
  id: 'A.c',
  title: 'Multimodel stability',
  references: [MULTIMODEL_2019],
  why: 'It needs Rosetta, licensed software that vrs does not ship, to build two new models into the map at its resolution (on a GPU) and compare them residue by residue; the method cannot be re-implemented without it.',
  instead:
    'To obtain it, run Rosetta\'s model generation twice on this map (for instance through the Scipion Rosetta plugin, as the original service did) and compare the per-residue RMSD of the two models; a mean above 2 Å marks an unstable model. '
    + 'Within vrs, the per-residue fit of the model is measured by the Q-score (A.e), the per-residue map–model correlation and EMRinger (A.f).',
  explanation:
    'Multimodel stability asks whether the map determines the model: two models built independently into the same map at its resolution should agree, and residues where they differ by more than 2 Å RMSD are not defined by the density.',
};

/** A.c Multimodel stability (vrs-spec §12.3, algorithms.md §4.4): not available — it needs Rosetta. */
export const multimodelProtocol = notAvailableProtocol('vrs.multimodel', MULTIMODEL_CHECK, 'Report section saying that multimodel stability (Rosetta) is not available in vrs, and what to use instead.');
