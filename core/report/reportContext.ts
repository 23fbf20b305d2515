import { CANONICAL_LEVELS, type ReportContext } from './ReportJson.js';

/**
 * What each level of the grading needs (vrs-spec §2.1–2.2, §6–14): a level is reached only with its
 * evidence, and levels 1–5 build on the map of level 0.
 */
const LEVELS: Record<(typeof CANONICAL_LEVELS)[number], { name: string; evidence: string }> = {
  '0': { name: 'The deposited map', evidence: 'The map, its recommended contour level and, for the resolution checks, the reported resolution.' },
  '1': { name: 'Two half maps', evidence: 'Two independently refined half maps on the grid of the map.' },
  '2': { name: '2D class averages', evidence: 'The 2D class averages, their pixel size and the symmetry of the particle.' },
  '3': { name: 'Particles', evidence: 'The particle images with their alignment and the microscope parameters (voltage, spherical aberration, amplitude contrast); needs level 2.' },
  '4': { name: 'Angular assignment', evidence: "The particles' projection angles; needs level 3." },
  '5': { name: 'Micrographs and coordinates', evidence: 'The micrographs and their pixel size, with the particle coordinates; needs level 3.' },
  A: { name: 'Atomic model', evidence: 'An atomic model (PDB or mmCIF) in the frame of the map.' },
  W: { name: 'Workflow', evidence: 'The image-processing workflow that produced the map (a Scipion workflow file).' },
  O: { name: 'Other techniques', evidence: 'Data from other experiments: cross-linking mass spectrometry, SAXS or tilt pairs; needs level A.' },
};

/**
 * The context page of a report that validated `levels`: the grading scale with every level, the
 * evidence it needs and whether this report ran it, and the paper that describes the scale.
 */
export function reportContext(levels: readonly string[]): ReportContext {
  const ran = new Set(levels);
  return {
    introduction:
      'A map is graded by the evidence given with it. Levels 0 to 5 add, one after the other, the data a reconstruction is made from: ' +
      'the map alone, its two half maps, the 2D classes, the particles, their angles and the micrographs. The qualifiers A, W and O ' +
      'add an atomic model, the processing workflow and other experimental techniques. Each level runs its own checks; ' +
      'a higher level is more trustworthy because more of the chain from micrographs to map can be checked.',
    levels: CANONICAL_LEVELS.map((level) => ({ level, ...LEVELS[level], ran: ran.has(level) })),
    reference: {
      authors: 'Sorzano COS, Vilas JL, Ramírez-Aportela E, et al.',
      year: 2022,
      title: 'Image processing tools for the validation of CryoEM maps',
      doi: '10.1039/D2FD00059H',
    },
  };
}
