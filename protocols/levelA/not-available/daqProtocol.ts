import { notAvailableProtocol, type NotAvailableCheck } from './notAvailableSection.js';
import { DAQ_2022 } from '../../shared/methodReferences.js';

export const DAQ_CHECK: NotAvailableCheck = {
  id: 'A.g',
  title: 'DAQ',
  references: [DAQ_2022],
  why: 'DAQ scores come from a 3-D convolutional network of the Kihara lab (Terashi et al., Nat. Methods 19:1116, 2022) whose trained weights vrs does not ship; without them there is no faithful substitute (algorithms.md §5.3). The original service also read precomputed DAQ values of PDB entries from the 3DBionotes web service, which vrs does not query.',
  instead:
    'To obtain DAQ scores, run the Kihara lab\'s DAQ (its published code or web service) on this map and model, or look the entry up in 3DBionotes for deposited structures; residues with DAQ below 0 deserve a look. '
    + 'Within vrs, the per-residue fit of the model is measured by the Q-score (A.e), the per-residue map–model correlation and EMRinger (A.f).',
  explanation:
    'DAQ predicts from the map alone, with a trained network, the probability of each amino-acid type, atom type and secondary structure at every point, and scores each residue of the model by how much more likely its own amino acid is at its Cα than on average: positive scores mean that the map supports the residue.',
};

/** A.g DAQ (vrs-spec §12.7, algorithms.md §4.9, §5.3): not available — it needs trained network weights. */
export const daqProtocol = notAvailableProtocol('vrs.daq', DAQ_CHECK, 'Report section saying that DAQ (a trained neural network) is not available in vrs, and what to use instead.');
