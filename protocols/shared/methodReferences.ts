// The publications the sections cite for their methods, one constant per paper, so that two
// sections citing one paper print the same reference. Every DOI here was checked against a
// public record of the paper (publisher page, PubMed, or the authors' own repository); a
// reference whose DOI could not be checked carries none (authors, year and journal only).
import type { MethodReference } from '../../core/index.js';

/** The Validation Report Service and its criteria (mass, mask, background, map–model checks). */
export const VRS_2022: MethodReference = {
  authors: 'Sorzano COS, Vilas JL, Ramírez-Aportela E, et al.',
  year: 2022,
  title: 'Image processing tools for the validation of CryoEM maps',
  journal: 'Faraday Discussions',
  doi: '10.1039/D2FD00059H',
};

/** Guinier plot and B-factor of a map; the FSC 0.143 threshold. */
export const ROSENTHAL_HENDERSON_2003: MethodReference = {
  authors: 'Rosenthal PB, Henderson R',
  year: 2003,
  title: 'Optimal determination of particle orientation, absolute hand, and contrast loss in single-particle electron cryomicroscopy',
  journal: 'J Mol Biol 333:721–745',
  doi: '10.1016/j.jmb.2003.07.013',
};

/** The Fourier shell correlation (no DOI: Optik was not given DOIs then). */
export const HARAUZ_VAN_HEEL_1986: MethodReference = {
  authors: 'Harauz G, van Heel M',
  year: 1986,
  title: 'Exact filters for general geometry three dimensional reconstruction',
  journal: 'Optik 73:146–156',
};

/** The differential phase residual (DOI not checked). */
export const FRANK_1981: MethodReference = {
  authors: 'Frank J, Verschoor A, Boublik M',
  year: 1981,
  title: 'Computer averaging of electron micrographs of 40S ribosomal subunits',
  journal: 'Science 214:1353–1355',
};

/** The spectral signal-to-noise ratio (DOI not checked). */
export const UNSER_1987: MethodReference = {
  authors: 'Unser M, Trus BL, Steven AC',
  year: 1987,
  title: 'A new resolution criterion based on spectral signal-to-noise ratios',
  journal: 'Ultramicroscopy 23:39–51',
};

/** Review of the global resolution measures and their thresholds, cited by the original 1.a (DOI not checked). */
export const SORZANO_2017: MethodReference = {
  authors: 'Sorzano COS, Vargas J, Otón J, et al.',
  year: 2017,
  title: 'A review of resolution measures and related aspects in 3D electron microscopy',
  journal: 'Prog Biophys Mol Biol 124:1–30',
};

/** FDR-controlled FSC by permutation (SPOC) (DOI not checked). */
export const BECKERS_SACHSE_2020: MethodReference = {
  authors: 'Beckers M, Sachse C',
  year: 2020,
  title: 'Permutation testing of Fourier shell correlation for resolution estimation of cryo-EM maps',
  journal: 'J Struct Biol 212:107579',
};

/** BlocRes: local FSC in a sliding window. */
export const CARDONE_2013: MethodReference = {
  authors: 'Cardone G, Heymann JB, Steven AC',
  year: 2013,
  title: 'One number does not fit all: mapping local variations in resolution in cryo-EM reconstructions',
  journal: 'J Struct Biol 184:226–236',
  doi: '10.1016/j.jsb.2013.08.002',
};

/** ResMap: the local sinusoid likelihood-ratio test. */
export const KUCUKELBIR_2014: MethodReference = {
  authors: 'Kucukelbir A, Sigworth FJ, Tagare HD',
  year: 2014,
  title: 'Quantifying the local resolution of cryo-EM density maps',
  journal: 'Nat Methods 11:63–65',
  doi: '10.1038/nmeth.2727',
};

/** MonoRes: local resolution from the monogenic signal. */
export const MONORES_2018: MethodReference = {
  authors: 'Vilas JL, Gómez-Blanco J, Conesa P, et al.',
  year: 2018,
  title: 'MonoRes: automatic and accurate estimation of local resolution for electron microscopy maps',
  journal: 'Structure 26:337–344',
  doi: '10.1016/j.str.2017.12.018',
};

/** MonoDir: local directional resolution. */
export const MONODIR_2020: MethodReference = {
  authors: 'Vilas JL, Tagare HD, Vargas J, Carazo JM, Sorzano COS',
  year: 2020,
  title: 'Measuring local-directional resolution and local anisotropy in cryo-EM maps',
  journal: 'Nat Commun 11:55',
  doi: '10.1038/s41467-019-13742-w',
};

/** Fourier shell occupancy (FSO) and Bingham's test. */
export const FSO_2023: MethodReference = {
  authors: 'Vilas JL, Tagare HD',
  year: 2023,
  journal: 'Nat Methods',
  doi: '10.1038/s41592-023-01874-3',
};

/** 3DFSC: directional FSC in cones and sphericity. */
export const TAN_2017: MethodReference = {
  authors: 'Tan YZ, Baldwin PR, Davis JH, et al.',
  year: 2017,
  title: 'Addressing preferred specimen orientation in single-particle cryo-EM through tilting',
  journal: 'Nat Methods 14:793–796',
  doi: '10.1038/nmeth.4347',
};

/** LocSpiral, LocBFactor and LocOccupancy (one paper for the three). */
export const KAUR_2021: MethodReference = {
  authors: 'Kaur S, Gomez-Blanco J, Khalifa AAZ, et al.',
  year: 2021,
  title: 'Local computational methods to improve the interpretability and analysis of cryo-EM maps',
  journal: 'Nat Commun',
  doi: '10.1038/s41467-021-21509-5',
};

/** The α-helix geometry (3.6 residues per turn, 1.5 Å rise) the hand test's template is built from. */
export const PAULING_1951: MethodReference = {
  authors: 'Pauling L, Corey RB, Branson HR',
  year: 1951,
  title: 'The structure of proteins: two hydrogen-bonded helical configurations of the polypeptide chain',
  journal: 'Proc Natl Acad Sci USA 37:205–211',
  doi: '10.1073/pnas.37.4.205',
};

/** The twist of β-sheets the 0.h β-sheet twist test relies on (DOI checked against citing papers). */
export const CHOTHIA_1973: MethodReference = {
  authors: 'Chothia C',
  year: 1973,
  title: 'Conformation of twisted β-pleated sheets in proteins',
  journal: 'J Mol Biol 75:295–302',
  doi: '10.1016/0022-2836(73)90022-3',
};

/** DeepHand (HaPi): the network-based hand test the original service runs, which 0.h replaces. */
export const DEEPHAND_2022: MethodReference = {
  authors: 'Garcia Condado J, Muñoz-Barrutia A, Sorzano COS',
  year: 2022,
  title: 'Automatic determination of the handedness of single-particle maps of macromolecules solved by CryoEM',
  journal: 'J Struct Biol 214:107915',
  doi: '10.1016/j.jsb.2022.107915',
};

/** Phenix map–model correlations (CC_mask, CC_box, CC_volume, CC_peaks) and map–model resolutions. */
export const AFONINE_2018: MethodReference = {
  authors: 'Afonine PV, Klaholz BP, Moriarty NW, et al.',
  year: 2018,
  title: 'New tools for the analysis and validation of cryo-EM maps and atomic models',
  journal: 'Acta Cryst D 74:814–840',
  doi: '10.1107/S2059798318009324',
};

/** The 5-Gaussian electron scattering factors the model maps are made of. */
export const PENG_1996: MethodReference = {
  authors: 'Peng L-M, Ren G, Dudarev SL, Whelan MJ',
  year: 1996,
  title: 'Robust parameterization of elastic and absorptive electron atomic scattering factors',
  journal: 'Acta Cryst A 52:257–276',
  doi: '10.1107/S0108767395014371',
};

/** FSC-Q: local map–model FSC against the half maps' local FSC. */
export const FSCQ_2021: MethodReference = {
  authors: 'Ramírez-Aportela E, Maluenda D, Fonseca YC, et al.',
  year: 2021,
  title: 'FSC-Q: a CryoEM map-to-atomic model quality validation based on the local Fourier shell correlation',
  journal: 'Nat Commun 12:42',
  doi: '10.1038/s41467-020-20295-w',
};

/** Q-score: atom resolvability. */
export const QSCORE_2020: MethodReference = {
  authors: 'Pintilie G, Zhang K, Su Z, et al.',
  year: 2020,
  title: 'Measurement of atom resolvability in cryo-EM maps with Q-scores',
  journal: 'Nat Methods 17:328–334',
  doi: '10.1038/s41592-020-0731-1',
};

/** EMRinger: side-chain density peaks along χ1. */
export const EMRINGER_2015: MethodReference = {
  authors: 'Barad BA, Echols N, Wang RY-R, et al.',
  year: 2015,
  title: 'EMRinger: side chain-directed model and map validation for 3D cryo-electron microscopy',
  journal: 'Nat Methods 12:943–946',
  doi: '10.1038/nmeth.3541',
};

/** Multi-model (Rosetta) assessment of map and model (A.c, not available in vrs). */
export const MULTIMODEL_2019: MethodReference = {
  authors: 'Herzik MA, Fraser JS, Lander GC',
  year: 2019,
  title: 'A multi-model approach to assessing local and global cryo-EM map quality',
  journal: 'Structure 27:344–358',
  doi: '10.1016/j.str.2018.10.003',
};

/** DAQ: residue-wise model quality by a trained network (A.g, not available in vrs). */
export const DAQ_2022: MethodReference = {
  authors: 'Terashi G, Wang X, Maddhuri Venkata Subramaniya SR, Tesmer JJG, Kihara D',
  year: 2022,
  title: 'Residue-wise local quality estimation for protein models from cryo-EM maps',
  journal: 'Nat Methods',
  doi: '10.1038/s41592-022-01574-4',
};

/** EMDB validation analysis: atom and residue inclusion (DOI not checked). */
export const EMDB_VA_2022: MethodReference = {
  authors: 'Wang Z, Patwardhan A, Kleywegt GJ',
  year: 2022,
  title: 'Validation analysis of EMDB entries',
  journal: 'Acta Cryst D 78:542–552',
};
