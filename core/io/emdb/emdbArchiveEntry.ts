import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VrsInputError } from '../../errors/index.js';
import { readEmdbHeader, type EmdbHeader } from './readEmdbHeader.js';

/**
 * The files of one EMDB entry in a local copy of the archive, laid out as the EMDB FTP site
 * (`structures/EMD-NNNN/…`) with fitted models beside it:
 *
 * | file | looked up as (first found) |
 * | --- | --- |
 * | header | `EMD-NNNN/header/emd-NNNN-v30.xml`, `EMD-NNNN/header/emd-NNNN.xml` |
 * | map | `EMD-NNNN/map/emd_NNNN.map`, `….map.gz` |
 * | half maps | `EMD-NNNN/other/emd_NNNN_half_map_1.map(.gz)` and `_2` |
 * | masks | `EMD-NNNN/masks/*.map(.gz)` |
 * | fitted model (each PDB id of the header) | `EMD-NNNN/fittedModels/<id>.cif(.gz)`, `<id>.pdb(.gz)`, then `pdb/<id>.cif(.gz)` in the archive folder |
 *
 * PDB ids are tried in lower and upper case.
 */
export interface EmdbArchiveEntry {
  /** "EMD-1997". */
  id: string;
  /** The entry's folder in the archive. */
  dir: string;
  header: string;
  /** The header as read (threshold, resolution, provenance, fitted model ids). */
  facts: EmdbHeader;
  map: string;
  /** Both half maps when the entry has both. */
  halfMaps?: [string, string];
  /** What the entry's `other/` folder holds of the half maps when only one of them is there. */
  loneHalfMap?: string;
  masks: string[];
  /** Fitted models found, in the header's order. */
  models: { pdbId: string; file: string }[];
  /** Fitted model ids of the header with no file in the archive. */
  missingModels: string[];
}

/** "EMD-1997", "emd-1997", "emd_1997" or "1997" → "1997"; anything else is refused. */
export function emdbEntryNumber(text: string): string {
  const match = /^(?:emd[-_])?(\d{4,})$/i.exec(text.trim());
  if (!match) throw new VrsInputError(`not an EMDB id: ${JSON.stringify(text)} (expected EMD-NNNN, emd-NNNN or NNNN)`, '--emdb');
  return match[1]!;
}

/**
 * Finds the entry's files in `archive` (see EmdbArchiveEntry) and reads its header. A missing
 * entry folder, header or map is a VrsInputError naming the path looked in and the names expected;
 * half maps, masks and models are optional.
 */
export async function readEmdbArchiveEntry(idText: string, archive: string): Promise<EmdbArchiveEntry> {
  const number = emdbEntryNumber(idText);
  const id = `EMD-${number}`;
  const root = resolve(archive);
  if (!isFolder(root)) throw new VrsInputError(`the EMDB archive folder ${root} does not exist`, '--archive');
  const dir = join(root, id);
  if (!isFolder(dir)) throw new VrsInputError(`no entry ${id} in the archive ${root} (expected the folder ${dir})`, id);

  const header = firstFile(join(dir, 'header'), [`emd-${number}-v30.xml`, `emd-${number}.xml`]);
  if (!header.found) throw new VrsInputError(`no header in ${header.folder} (expected ${header.names.join(' or ')})`, id);
  const map = firstFile(join(dir, 'map'), [`emd_${number}.map`, `emd_${number}.map.gz`]);
  if (!map.found) throw new VrsInputError(`no map in ${map.folder} (expected ${map.names.join(' or ')})`, id);

  const halves = [1, 2].map((k) => firstFile(join(dir, 'other'), [`emd_${number}_half_map_${k}.map`, `emd_${number}_half_map_${k}.map.gz`]).found);
  const facts = await readEmdbHeader(header.found);
  const models: EmdbArchiveEntry['models'] = [];
  const missingModels: string[] = [];
  for (const pdbId of facts.fittedModels ?? []) {
    const file = findModel(root, dir, pdbId);
    if (file) models.push({ pdbId, file });
    else missingModels.push(pdbId);
  }
  const [half1, half2] = halves;
  return {
    id,
    dir,
    header: header.found,
    facts,
    map: map.found,
    ...(half1 && half2 ? { halfMaps: [half1, half2] as [string, string] } : {}),
    ...((half1 === undefined) !== (half2 === undefined) ? { loneHalfMap: (half1 ?? half2)! } : {}),
    masks: listMaps(join(dir, 'masks')),
    models,
    missingModels,
  };
}

function findModel(root: string, dir: string, pdbId: string): string | undefined {
  const cases = [...new Set([pdbId.toLowerCase(), pdbId.toUpperCase()])];
  const inEntry = cases.flatMap((name) => ['.cif', '.cif.gz', '.pdb', '.pdb.gz'].map((ext) => name + ext));
  const inPdb = cases.flatMap((name) => ['.cif', '.cif.gz'].map((ext) => name + ext));
  return firstFile(join(dir, 'fittedModels'), inEntry).found ?? firstFile(join(root, 'pdb'), inPdb).found;
}

function firstFile(folder: string, names: string[]): { folder: string; names: string[]; found?: string } {
  for (const name of names) {
    const path = join(folder, name);
    if (isFile(path)) return { folder, names, found: path };
  }
  return { folder, names };
}

function listMaps(folder: string): string[] {
  if (!isFolder(folder)) return [];
  return readdirSync(folder)
    .filter((name) => /\.map(\.gz)?$/i.test(name))
    .sort()
    .map((name) => join(folder, name))
    .filter(isFile);
}

// stat follows links: an archive mirrored as links to the real files is read through them.
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
