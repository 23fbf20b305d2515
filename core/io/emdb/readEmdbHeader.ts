import { readFile, stat } from 'node:fs/promises';
import { VrsInputError } from '../../errors/index.js';
import type { Vec3 } from '../../volume/index.js';
import { fileAccessError } from '../ByteSource.js';
import { parseXmlTree, xmlChildren, xmlDescendant, xmlText, type XmlElement } from './parseXmlTree.js';

/** What the validation takes from an EMDB entry header (XML). Absent fields are left out. */
export interface EmdbHeader {
  /** "EMD-1997". */
  emdbId?: string;
  title?: string;
  /** Recommended contour level (the primary one when several are listed). */
  threshold?: number;
  /** Where the contour level comes from ("author", "emdb", …) when the header says. */
  thresholdSource?: string;
  /** Resolution reported by the authors, Å. */
  resolution?: number;
  /** Pixel spacing x, y, z in Å. */
  voxelSize?: Vec3;
  /** Authors of the entry, in the header's order. */
  authors?: string[];
  /** Deposition date as the archive gives it (YYYY-MM-DD). */
  depositionDate?: string;
  /** PDB ids of the atomic models fitted to or built in the map, upper case, without repeats. */
  fittedModels?: string[];
  /** Applied symmetry: a point group ("C7", "D2", "I"), a space group, or a helical description. */
  symmetry?: string;
  /** How the authors measured the resolution ("FSC 0.5", "FSC 0.143 CUT-OFF", …). */
  resolutionMethod?: string;
  /** Molecular weight of the sample (the whole assembly), kDa; theoretical when given, else experimental. */
  expectedMassKDa?: number;
  /** Schema generation the file follows: "1.9" (emdEntry) or "3" (emd). */
  schema: '1.9' | '3';
}

/** Larger files are refused unread: a real EMDB header is a few tens of kB. */
export const EMDB_HEADER_MAX_BYTES = 10 * 1024 * 1024;

/** Reads an EMDB header file (`emd-NNNN.xml` / `emd_NNNN_header.xml`, schema 1.9 or 3.x). */
export async function readEmdbHeader(path: string): Promise<EmdbHeader> {
  let text: string;
  try {
    const size = (await stat(path)).size;
    if (size > EMDB_HEADER_MAX_BYTES) throw new VrsInputError(`file is ${mb(size)}, more than an EMDB header can be (${mb(EMDB_HEADER_MAX_BYTES)} at most)`, path);
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw fileAccessError(err, path);
  }
  return parseEmdbHeader(text, path);
}

/**
 * The facts the validation uses from an EMDB header, from either schema: 1.9 (`<emdEntry>`) or 3.x
 * (`<emd>`). The XML is checked for well-formedness first (a malformed file is a VrsInputError
 * naming the file, line and fault), entity declarations are never expanded, and only the elements
 * named below are read; anything else is ignored.
 *
 * | fact | schema 1.9 | schema 3.x |
 * | --- | --- | --- |
 * | id | `emdEntry@accessCode` | `emd@emdb_id` |
 * | title | `deposition/title` | `admin/title` |
 * | contour | `map/contourLevel` (`@source`) | `map/contour_list/contour[@primary]/level`, `source` |
 * | resolution, method | `processing/reconstruction/resolutionByAuthor`, `resolutionMethod` | `…/final_reconstruction/resolution`, `resolution_method` |
 * | pixel spacing | `map/pixelSpacing/pixelX…` | `map/pixel_spacing/x…` |
 * | authors | `deposition/authors` (comma-separated) | `admin/authors_list/author` |
 * | deposition date | `deposition/depositionDate` | `admin/key_dates/deposition` |
 * | fitted models | `deposition/fittedPDBEntryIdList`, `experiment/fitting/pdbEntryIdList` | `crossreferences/pdb_list/pdb_reference/pdb_id`, `modelling/initial_model/access_code` |
 * | symmetry | `processing/(method)/appliedSymmetry`, `helical/helixParameters` | `…/final_reconstruction/applied_symmetry` |
 * | sample weight | `sample/molWtTheo`, `molWtExp` (`@units`) | top supramolecule's `molecular_weight/theoretical`, `experimental` |
 */
export function parseEmdbHeader(text: string, source: string): EmdbHeader {
  const root = parseXmlTree(text, source, EMDB_HEADER_MAX_BYTES);
  if (root.name === 'emdEntry') return parseSchema19(root, source);
  if (root.name === 'emd') return parseSchema3(root, source);
  throw new VrsInputError(`not an EMDB header: no <emdEntry> or <emd> root element (the root is <${root.name}>)`, source);
}

function parseSchema19(root: XmlElement, source: string): EmdbHeader {
  const access = root.attributes['accessCode'];
  const deposition = child(root, 'deposition');
  const contour = xmlDescendant(root, 'contourLevel');
  const spacing = xmlDescendant(root, 'pixelSpacing');
  const processing = child(root, 'processing');
  const sample = child(root, 'sample');
  const fitted = [
    ...path(deposition, 'fittedPDBEntryIdList', 'fittedPDBEntryId'),
    ...path(child(root, 'experiment'), 'fitting', 'pdbEntryIdList', 'pdbEntryId'),
  ];
  return compact({
    schema: '1.9',
    emdbId: access ? `EMD-${access}` : undefined,
    title: textOf(child(deposition, 'title')),
    threshold: contour ? number(xmlText(contour), source, 'contourLevel') : undefined,
    thresholdSource: contour?.attributes['source'],
    resolution: optionalNumber(textOf(xmlDescendant(root, 'resolutionByAuthor')), source, 'resolutionByAuthor'),
    voxelSize: spacing ? triple(spacing, ['pixelX', 'pixelY', 'pixelZ'], source) : undefined,
    authors: list((textOf(child(deposition, 'authors')) ?? '').split(',')),
    depositionDate: textOf(child(deposition, 'depositionDate')),
    fittedModels: pdbIds(fitted),
    symmetry: symmetry19(processing, source),
    resolutionMethod: textOf(xmlDescendant(processing, 'resolutionMethod')),
    expectedMassKDa: massKDa([child(sample, 'molWtTheo'), child(sample, 'molWtExp')], source, 'sample/molWtTheo'),
  });
}

function parseSchema3(root: XmlElement, source: string): EmdbHeader {
  const admin = child(root, 'admin');
  const contours = path(xmlDescendant(root, 'contour_list'), 'contour');
  const primary = contours.find((c) => /^(true|1)$/i.test((c.attributes['primary'] ?? '').trim())) ?? contours[0];
  const spacing = xmlDescendant(root, 'pixel_spacing');
  const reconstruction = xmlDescendant(root, 'final_reconstruction');
  const crossreferences = child(root, 'crossreferences');
  const fitted = [
    ...path(crossreferences, 'pdb_list', 'pdb_reference', 'pdb_id'),
    ...descendants(root, 'modelling').flatMap((m) => path(m, 'initial_model', 'access_code')),
  ];
  return compact({
    schema: '3',
    emdbId: root.attributes['emdb_id'],
    title: textOf(child(admin, 'title')),
    threshold: primary ? optionalNumber(textOf(child(primary, 'level')), source, 'contour/level') : undefined,
    thresholdSource: primary ? textOf(child(primary, 'source'))?.toLowerCase() : undefined,
    resolution: optionalNumber(textOf(child(reconstruction, 'resolution')), source, 'final_reconstruction/resolution'),
    voxelSize: spacing ? triple(spacing, ['x', 'y', 'z'], source) : undefined,
    authors: list(path(admin, 'authors_list', 'author').map((a) => xmlText(a))),
    depositionDate: textOf(path(admin, 'key_dates', 'deposition')[0]),
    fittedModels: pdbIds(fitted),
    symmetry: symmetry3(child(reconstruction, 'applied_symmetry'), source),
    resolutionMethod: textOf(child(reconstruction, 'resolution_method')),
    expectedMassKDa: sampleMass3(child(root, 'sample'), source),
  });
}

/** Schema 1.9: the applied symmetry of the processing method that gives one (single particle, subtomogram averaging, helical). */
function symmetry19(processing: XmlElement | undefined, source: string): string | undefined {
  if (!processing) return undefined;
  for (const method of processing.children) {
    const applied = textOf(child(method, 'appliedSymmetry'));
    if (applied) return applied;
    const helix = child(method, 'helixParameters');
    if (helix) return helical(child(helix, 'deltaPhi'), child(helix, 'deltaZ'), child(helix, 'axialSymmetry'), source);
  }
  return undefined;
}

/** Schema 3: `applied_symmetry` holds a point group, a space group or helical parameters. */
function symmetry3(applied: XmlElement | undefined, source: string): string | undefined {
  if (!applied) return undefined;
  const pointGroup = textOf(child(applied, 'point_group'));
  if (pointGroup) return pointGroup;
  const spaceGroup = textOf(child(applied, 'space_group'));
  if (spaceGroup) return `space group ${spaceGroup}`;
  const helix = child(applied, 'helical_parameters');
  return helix ? helical(child(helix, 'delta_phi'), child(helix, 'delta_z'), child(helix, 'axial_symmetry'), source) : undefined;
}

function helical(twist: XmlElement | undefined, rise: XmlElement | undefined, axial: XmlElement | undefined, source: string): string {
  const parts = [
    twist && textOf(twist) ? `twist ${number(xmlText(twist), source, 'helical twist')}°` : undefined,
    rise && textOf(rise) ? `rise ${number(xmlText(rise), source, 'helical rise')} Å` : undefined,
    textOf(axial) ? `axial symmetry ${textOf(axial)}` : undefined,
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? `helical (${parts.join(', ')})` : 'helical';
}

/**
 * Schema 3 lists the sample as supramolecules; the whole assembly is the one whose parent is 0
 * (else the first listed). Its weight is the sample's; the macromolecules' weights are per copy.
 */
function sampleMass3(sample: XmlElement | undefined, source: string): number | undefined {
  const all = child(sample, 'supramolecule_list')?.children ?? [];
  const top = all.find((s) => textOf(child(s, 'parent')) === '0') ?? all[0];
  const weight = child(top, 'molecular_weight');
  return massKDa([child(weight, 'theoretical'), child(weight, 'experimental')], source, 'molecular_weight');
}

/** Unit factors to kDa. Both schemas define sample weights in MDa, so a weight without units is taken as MDa. */
const KDA_PER_UNIT: Record<string, number> = { mda: 1000, kda: 1, da: 0.001 };

/**
 * The first weight given, in kDa. A weight in another unit (schema 3 allows "kDa/nm", a mass per
 * length for helices) is not a mass and is left out, like an absent one.
 */
function massKDa(candidates: (XmlElement | undefined)[], source: string, field: string): number | undefined {
  for (const element of candidates) {
    const value = textOf(element);
    if (!element || !value) continue;
    const units = (element.attributes['units'] ?? 'MDa').trim().toLowerCase();
    const factor = KDA_PER_UNIT[units];
    if (factor === undefined) continue;
    const mass = number(value, source, field);
    // A weight of 0 (or below) is a placeholder, not a mass: the optional field is left out
    // rather than refusing the whole header.
    if (!(mass > 0)) continue;
    return Number((mass * factor).toPrecision(12));
  }
  return undefined;
}

function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element ? xmlChildren(element, name)[0] : undefined;
}

/** Every element reached by the chain of child names (all matches at each step, in document order). */
function path(element: XmlElement | undefined, ...names: string[]): XmlElement[] {
  let level = element ? [element] : [];
  for (const name of names) level = level.flatMap((e) => xmlChildren(e, name));
  return level;
}

function descendants(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((c) => (c.name === name ? [c] : descendants(c, name)));
}

function textOf(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  const text = xmlText(element).trim();
  return text === '' ? undefined : text;
}

function list(values: string[]): string[] | undefined {
  const kept = values.map((v) => v.trim()).filter((v) => v !== '');
  return kept.length > 0 ? kept : undefined;
}

function pdbIds(elements: XmlElement[]): string[] | undefined {
  return list([...new Set(elements.map((e) => xmlText(e).trim().toUpperCase()))]);
}

function number(text: string, source: string, field: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) throw new VrsInputError(`expected a number, found ${JSON.stringify(text.trim())}`, source, field);
  return value;
}

function optionalNumber(text: string | undefined, source: string, field: string): number | undefined {
  return text === undefined || text === '' ? undefined : number(text, source, field);
}

function triple(spacing: XmlElement, names: [string, string, string], source: string): Vec3 | undefined {
  const values = names.map((n) => optionalNumber(textOf(child(spacing, n)), source, n));
  if (values.some((v) => v === undefined)) return undefined;
  const vec = values as Vec3;
  if (!vec.every((v) => v > 0)) throw new VrsInputError(`pixel spacing must be positive, found ${vec.join(', ')}`, source, names.join('/'));
  return vec;
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function compact(header: { [K in keyof EmdbHeader]: EmdbHeader[K] | undefined }): EmdbHeader {
  return Object.fromEntries(Object.entries(header).filter(([, v]) => v !== undefined)) as unknown as EmdbHeader;
}
