import { resolve } from 'node:path';
import { VrsInputError } from '../../errors/index.js';
import type { Compatibility } from '../../report/index.js';
import { checkInputFile, checkModelAtoms, checkSameGrid, readEmdbArchiveEntry, readEmdbHeader, readMap, readMapHeader, readModel, type EmdbHeader } from '../../io/index.js';
import { MAX_BOX_SHARE_ABOVE_THRESHOLD } from '../../kernels/index.js';
import type { Volume } from '../../volume/index.js';
import { suggestThreshold } from './suggestThreshold.js';

/** What `vrs validate` is given (numbers already parsed). */
export interface ValidationOptions {
  /** The map; optional with `emdb` (the entry's map), and wins over it when both are given. */
  map?: string;
  /** An EMDB entry ("EMD-1997", "emd-1997", "1997") read from the local archive `archive`. */
  emdb?: string;
  /** Folder holding the EMDB archive's entry folders (EMD-NNNN/…), see readEmdbArchiveEntry. */
  archive?: string;
  threshold?: number;
  resolution?: number;
  voxel?: number;
  /** EMDB header XML: contour level, resolution, pixel spacing, id, title and the entry's provenance. */
  emdbHeader?: string;
  /** Molecular weight of the sample in kDa (default: the EMDB header's). */
  expectedMassKDa?: number;
  compatibility?: Compatibility;
  /** The two half maps (level 1): both or neither. */
  half1?: string;
  half2?: string;
  /** An atomic model in the frame of the map (level A). */
  model?: string;
}

export interface ValidationInputs {
  /** Workflow parameters of the levels' workflow. */
  params: Record<string, string | number | string[]>;
  /** The levels the inputs allow, in canonical order ("0", then "1" with half maps). */
  levels: string[];
  /** Where each value came from and anything the user should know, one line each. */
  notes: string[];
}

/**
 * The level-0 workflow parameters from the command line and an optional EMDB header: command-line
 * values win over the header's, the header's pixel spacing over the map header's (the map reader
 * notes any override). Reads only the map header (geometry checks before anything runs), except
 * when no threshold is known: the map is then read to suggest one, in the error message.
 */
export async function resolveValidationInputs(given: ValidationOptions, cwd: string): Promise<ValidationInputs> {
  const notes: string[] = [];
  const options = given.emdb !== undefined ? await withArchiveEntry(given, cwd, notes) : given;
  if (!hasMap(options)) throw new VrsInputError('no map: give --map FILE or an EMDB entry with --emdb ID --archive DIR', 'command line', 'map');
  const map = resolve(cwd, options.map);
  // Every input path first: a folder, a pipe or a link loop is refused before anything is read.
  checkInputFile(map, 'map');
  for (const [option, path] of [['emdb-header', options.emdbHeader], ['half1', options.half1], ['half2', options.half2], ['model', options.model]] as const) {
    if (path !== undefined) checkInputFile(resolve(cwd, path), option);
  }
  let header: EmdbHeader | undefined;
  if (options.emdbHeader) {
    const file = resolve(cwd, options.emdbHeader);
    header = await readEmdbHeader(file);
    const found = [
      header.threshold !== undefined ? `contour level ${header.threshold}` : undefined,
      header.resolution !== undefined ? `resolution ${header.resolution} Å` : undefined,
      header.voxelSize !== undefined ? `pixel spacing ${header.voxelSize.join(' × ')} Å` : undefined,
    ].filter(Boolean);
    notes.push(`EMDB header ${options.emdbHeader}${header.emdbId ? ` (${header.emdbId})` : ''}: ${found.length > 0 ? found.join(', ') : 'no contour level, resolution or pixel spacing'}.`);
    if (header.expectedMassKDa !== undefined) notes.push(`The EMDB header gives the sample's molecular weight: ${fmt(header.expectedMassKDa)} kDa.`);
  }
  const threshold = options.threshold ?? header?.threshold;
  const resolution = options.resolution ?? header?.resolution;
  let voxel = options.voxel;
  if (voxel === undefined && header?.voxelSize) {
    const [x, y, z] = header.voxelSize;
    if (Math.abs(x - y) > 1e-6 * x || Math.abs(x - z) > 1e-6 * x) {
      notes.push(`The EMDB header's pixel spacing is anisotropic (${header.voxelSize.join(' × ')} Å); the map header's voxel size is used.`);
    } else voxel = x;
  }
  if (options.threshold !== undefined && header?.threshold !== undefined && options.threshold !== header.threshold) {
    notes.push(`--threshold ${options.threshold} replaces the header's contour level ${header.threshold}.`);
  }
  if (options.expectedMassKDa !== undefined && header?.expectedMassKDa !== undefined && options.expectedMassKDa !== header.expectedMassKDa) {
    notes.push(`--expected-mass ${options.expectedMassKDa} replaces the header's sample weight ${fmt(header.expectedMassKDa)} kDa.`);
  }
  if (options.resolution !== undefined && header?.resolution !== undefined && options.resolution !== header.resolution) {
    notes.push(`--resolution ${options.resolution} replaces the header's ${header.resolution} Å.`);
  }

  const readOptions = voxel !== undefined ? { voxelSize: voxel } : {};
  const mapHeader = await readMapHeader(map, readOptions);
  const halves = await resolveHalfMaps(options, cwd, map);
  const model = options.model === undefined ? undefined : resolve(cwd, options.model);
  // Read now, so a model no check can use is refused before anything runs.
  if (model !== undefined) checkModelAtoms(await readModel(model));
  const { volume } = await readMap(map, voxel !== undefined ? { voxelSize: voxel } : {});
  checkMapContent(volume, options.map);
  if (threshold === undefined) {
    const suggestion = suggestThreshold(volume);
    const alternative = suggestion.alternative ? `; or ${fmt(suggestion.alternative.value)}, ${suggestion.alternative.rule}` : '';
    throw new VrsInputError(
      (options.emdbHeader
        ? `no threshold: the EMDB header ${options.emdbHeader} has no contour level, so give the one recommended for this map with --threshold. `
        : `no threshold: give the contour level recommended for this map with --threshold (or an EMDB header with --emdb-header). `) +
        `Suggested: --threshold ${fmt(suggestion.value)}, ${suggestion.rule}${alternative}.`,
      options.map,
      'threshold',
    );
  }
  if (!Number.isFinite(threshold)) throw new VrsInputError(`threshold must be a finite number, got ${threshold}`, options.map, 'threshold');
  checkThreshold(volume, threshold, options.map);
  if (resolution !== undefined) {
    if (!(resolution > 0) || !Number.isFinite(resolution)) throw new VrsInputError(`resolution must be a positive number of Å, got ${resolution}`, options.map, 'resolution');
    checkResolutionFitsBox(volume, resolution, options.map);
    const nyquist = 2 * Math.max(...mapHeader.voxelSize);
    if (resolution < nyquist) {
      notes.push(
        `warning: the resolution ${resolution} Å is finer than twice the voxel size (${fmt(nyquist)} Å, the finest detail the map can hold); the analyses stop at ${fmt(nyquist)} Å and the report says so.`,
      );
    }
  } else notes.push('No resolution given: the checks that need it report that they do not apply.');

  const params: Record<string, string | number | string[]> = { map, threshold };
  if (resolution !== undefined) params['resolution'] = resolution;
  if (voxel !== undefined) params['voxel'] = voxel;
  if (options.compatibility) params['compatibility'] = options.compatibility;
  if (header?.emdbId) params['emdbId'] = header.emdbId;
  if (header?.title) params['title'] = header.title;
  if (header) Object.assign(params, provenanceParams(header));
  const expectedMassKDa = options.expectedMassKDa ?? header?.expectedMassKDa;
  if (expectedMassKDa !== undefined) {
    if (!(expectedMassKDa > 0) || !Number.isFinite(expectedMassKDa)) throw new VrsInputError(`the expected mass must be a positive number of kDa, got ${expectedMassKDa}`, options.emdbHeader ?? 'command line', 'expectedMassKDa');
    params['expectedMassKDa'] = expectedMassKDa;
  }
  const levels = ['0'];
  if (halves) {
    params['half1'] = halves[0];
    params['half2'] = halves[1];
    levels.push('1');
  }
  if (model !== undefined) {
    params['model'] = model;
    levels.push('A');
  }
  if (levels.length > 1) notes.push(`${[halves ? 'half maps' : '', model ? 'an atomic model' : ''].filter(Boolean).join(' and ')} given: levels ${levels.join(', ')}.`.replace(/^./, (c) => c.toUpperCase()));
  return { params, levels, notes };
}

function hasMap(options: ValidationOptions): options is ValidationOptions & { map: string } {
  return options.map !== undefined;
}

/**
 * The options with the EMDB entry's files filled in where the command line gave none: map, header
 * (threshold, resolution, provenance), both half maps, the first fitted model found. What was taken
 * from the entry, what the command line replaced and what the entry lacks go to `notes`.
 */
async function withArchiveEntry(options: ValidationOptions, cwd: string, notes: string[]): Promise<ValidationOptions> {
  if (options.archive === undefined) throw new VrsInputError('an EMDB entry needs the archive folder it is read from (--archive DIR or VRS_EMDB_ARCHIVE)', '--emdb');
  const entry = await readEmdbArchiveEntry(options.emdb!, resolve(cwd, options.archive));
  const resolved: ValidationOptions = { ...options };
  notes.push(`EMDB entry ${entry.id} from the archive ${entry.dir}.`);
  if (options.map === undefined) resolved.map = entry.map;
  else notes.push(`--map ${options.map} is used instead of the entry's map ${entry.map}.`);
  if (options.emdbHeader === undefined) resolved.emdbHeader = entry.header;
  else notes.push(`--emdb-header ${options.emdbHeader} is used instead of the entry's header ${entry.header}.`);
  if (options.half1 === undefined && options.half2 === undefined) {
    if (entry.halfMaps) [resolved.half1, resolved.half2] = entry.halfMaps;
    else if (entry.loneHalfMap) notes.push(`The entry has one half map only (${entry.loneHalfMap}); level 1 needs both and is left out.`);
  } else if (entry.halfMaps) notes.push(`The half maps given replace the entry's (${entry.halfMaps.join(', ')}).`);
  if (options.model === undefined) {
    const [first, ...others] = entry.models;
    if (first) resolved.model = first.file;
    if (others.length > 0) notes.push(`The entry has ${entry.models.length} fitted models; level A uses the first, ${first!.pdbId} (${first!.file}).`);
  } else if (entry.models.length > 0) notes.push(`--model ${options.model} is used instead of the entry's fitted model ${entry.models[0]!.pdbId}.`);
  if (entry.missingModels.length > 0) {
    notes.push(`Fitted model${entry.missingModels.length > 1 ? 's' : ''} ${entry.missingModels.join(', ')} of the header not in the archive (looked for ${entry.dir}/fittedModels/<id>.cif|pdb[.gz] and pdb/<id>.cif[.gz]).`);
  }
  if (entry.masks.length > 0) notes.push(`The entry's masks (not used: the checks make their own from the threshold): ${entry.masks.join(', ')}.`);
  return resolved;
}

/**
 * What the report shows about an EMDB entry: its provenance (authors, deposition date, fitted
 * models, symmetry, resolution method) and `mode: 'public'` — the metadata came from the archive,
 * so the report is a "Public data-based report".
 */
function provenanceParams(header: EmdbHeader): Record<string, string | string[]> {
  return {
    mode: 'public',
    ...(header.authors ? { authors: header.authors } : {}),
    ...(header.depositionDate ? { depositionDate: header.depositionDate } : {}),
    ...(header.fittedModels ? { fittedModels: header.fittedModels } : {}),
    ...(header.symmetry ? { symmetry: header.symmetry } : {}),
    ...(header.resolutionMethod ? { resolutionMethod: header.resolutionMethod } : {}),
  };
}

/**
 * Both half maps or neither; each must be on the map's grid (box, voxel size, origin), checked on
 * the headers as written before anything runs, so that a mismatch is an error naming the half map
 * and the field. A voxel-size override (--voxel, the EMDB header) then applies to the three maps
 * alike; it must not hide halves whose own headers disagree with the map's.
 */
async function resolveHalfMaps(options: ValidationOptions & { map: string }, cwd: string, map: string): Promise<[string, string] | null> {
  if (options.half1 === undefined && options.half2 === undefined) return null;
  if (options.half1 === undefined || options.half2 === undefined) {
    const [given, missing] = options.half1 === undefined ? [options.half2!, '--half1'] : [options.half1, '--half2'];
    throw new VrsInputError(`only one half map was given; level 1 needs both (add ${missing})`, given, missing.slice(2));
  }
  const files: [string, string] = [resolve(cwd, options.half1), resolve(cwd, options.half2)];
  const mapHeader = await readMapHeader(map);
  for (const [k, file] of files.entries()) {
    const half = await readMapHeader(file);
    checkSameGrid(mapHeader, half, { reference: options.map, other: k === 0 ? options.half1 : options.half2 });
  }
  return files;
}

/** Fewer voxels than this along an axis leave nothing to measure (slices, shells, local boxes). */
export const MIN_BOX_VOXELS = 8;

function checkMapContent(volume: Volume, source: string): void {
  if (volume.dims.some((n) => n < MIN_BOX_VOXELS)) {
    throw new VrsInputError(`the box is ${volume.dims.join(' × ')} voxels; the checks need at least ${MIN_BOX_VOXELS} voxels along every axis`, source, 'NX, NY, NZ');
  }
  let min = Infinity;
  let max = -Infinity;
  for (const v of volume.data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) throw new VrsInputError(`the map is constant (every voxel is ${min}): there is no density to validate`, source, 'data');
}

/** The threshold must reach some voxels and stay above the background (at most half the box above it). */
function checkThreshold(volume: Volume, threshold: number, source: string): void {
  let above = 0;
  let max = -Infinity;
  for (const v of volume.data) {
    if (v >= threshold) above++;
    if (v > max) max = v;
  }
  if (above === 0) throw new VrsInputError(`no voxel reaches the threshold ${threshold} (the map's maximum is ${fmt(max)}): lower the threshold`, source, 'threshold');
  const share = above / volume.data.length;
  if (share > MAX_BOX_SHARE_ABOVE_THRESHOLD) {
    throw new VrsInputError(
      `the threshold ${threshold} lies in the background: ${(100 * share).toFixed(1)} % of the box is at or above it, so the "molecule" would be most of the box and every check would measure nothing. ` +
        'Give the contour level recommended for the map (omit --threshold to get a suggestion)',
      source,
      'threshold',
    );
  }
}

/** The map resized to resolution/2 (the local checks) must keep at least MIN_BOX_VOXELS per axis. */
function checkResolutionFitsBox(volume: Volume, resolution: number, source: string): void {
  const extent = Math.min(...volume.dims.map((n, k) => n * volume.voxelSize[k]!));
  const coarsest = extent / (MIN_BOX_VOXELS / 2);
  if (resolution > coarsest) {
    throw new VrsInputError(
      `the resolution ${resolution} Å is too coarse for a box of ${fmt(extent)} Å: the checks resample the map to resolution/2 voxels and need at least ${MIN_BOX_VOXELS} of them across the box, so the resolution can be at most ${fmt(coarsest)} Å`,
      source,
      'resolution',
    );
  }
}

function fmt(value: number): string {
  return Number(value.toPrecision(3)).toString();
}
