import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { VrsInputError } from '../errors/index.js';

/** The columns a campaign file may have; `map` or `emdb` is required per row. */
export const campaignColumns = {
  id: 'entry name, unique in the file (letters, digits, . _ -); default: the EMDB id or the map file name',
  map: 'the map (MRC/CCP4, optionally gzipped), relative to the campaign file',
  half1: 'first half map (adds level 1, with half2)',
  half2: 'second half map',
  model: 'atomic model, PDB or mmCIF (adds level A)',
  threshold: 'contour level',
  resolution: 'reported resolution (Å)',
  voxel: "voxel size overriding the map header's (Å)",
  emdb: 'EMDB id (EMD-NNNN), read from the archive folder (--archive)',
  emdb_header: 'EMDB header XML',
  expected_mass: 'molecular weight of the sample (kDa)',
  compatibility: "'corrected' or 'original'",
  memory_mb: 'memory of the entry\'s job (Slurm; MB)',
  time_limit_min: 'time limit of the entry\'s job (Slurm; minutes)',
} as const;

export type CampaignColumn = keyof typeof campaignColumns;

/** One row of a campaign file. */
export interface CampaignEntry {
  id: string;
  /** 1-based line of the row in the file, for messages. */
  line: number;
  /** Non-empty cells by column; paths made absolute against the campaign file's folder. */
  fields: Partial<Record<CampaignColumn, string>>;
}

const PATH_COLUMNS: readonly CampaignColumn[] = ['map', 'half1', 'half2', 'model', 'emdb_header'];
const NUMBER_COLUMNS: readonly CampaignColumn[] = ['threshold', 'resolution', 'voxel', 'expected_mass', 'memory_mb', 'time_limit_min'];
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** A campaign of all of EMDB is ~32 000 rows; far more is a wrong file. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Reads a campaign file: CSV (comma) or TSV (tab, when the header line has a tab), a header line
 * naming the columns, one entry per row; `#` lines and blank lines are ignored; cells may be quoted
 * with "" (a doubled "" inside is a quote). Every problem is a VrsInputError naming the file, the
 * line and the column.
 */
export function readCampaignFile(file: string): CampaignEntry[] {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new VrsInputError('no such campaign file', file);
  }
  if (size > MAX_FILE_BYTES) throw new VrsInputError(`the campaign file is ${(size / 2 ** 20).toFixed(0)} MB; at most ${MAX_FILE_BYTES / 2 ** 20} MB`, file);
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const headerIndex = lines.findIndex((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  if (headerIndex < 0) throw new VrsInputError('the campaign file has no header line (the column names, e.g. "id,map,threshold,resolution")', file);
  const separator = lines[headerIndex]!.includes('\t') ? '\t' : ',';
  const header = splitRow(lines[headerIndex]!, separator, file, headerIndex + 1).map((name) => name.trim().toLowerCase());
  header.forEach((name, k) => {
    if (!Object.hasOwn(campaignColumns, name)) {
      throw new VrsInputError(`unknown column ${JSON.stringify(name)}; the columns are ${Object.keys(campaignColumns).join(', ')}`, `${file}:${headerIndex + 1}`, `column ${k + 1}`);
    }
    if (header.indexOf(name) !== k) throw new VrsInputError(`column ${JSON.stringify(name)} appears twice`, `${file}:${headerIndex + 1}`, name);
  });
  const base = dirname(resolve(file));
  const entries: CampaignEntry[] = [];
  const seen = new Map<string, number>();
  for (let index = headerIndex + 1; index < lines.length; index++) {
    const raw = lines[index]!;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const line = index + 1;
    const where = `${file}:${line}`;
    const cells = splitRow(raw, separator, file, line);
    if (cells.length > header.length) throw new VrsInputError(`${cells.length} cells but ${header.length} columns`, where);
    const fields: Partial<Record<CampaignColumn, string>> = {};
    header.forEach((name, k) => {
      const value = (cells[k] ?? '').trim();
      if (value !== '') fields[name as CampaignColumn] = value;
    });
    for (const column of NUMBER_COLUMNS) {
      const value = fields[column];
      if (value !== undefined && !Number.isFinite(Number(value))) throw new VrsInputError(`expects a number, got ${JSON.stringify(value)}`, where, column);
    }
    for (const column of ['memory_mb', 'time_limit_min'] as const) {
      const value = fields[column];
      // 0 would ask Slurm for the whole node's memory, or no time limit at all.
      if (value !== undefined && !(Number.isInteger(Number(value)) && Number(value) > 0)) throw new VrsInputError(`expects a positive whole number, got ${JSON.stringify(value)}`, where, column);
    }
    if (fields.compatibility !== undefined && fields.compatibility !== 'corrected' && fields.compatibility !== 'original') {
      throw new VrsInputError(`expects 'corrected' or 'original', got ${JSON.stringify(fields.compatibility)}`, where, 'compatibility');
    }
    if (fields.map === undefined && fields.emdb === undefined) throw new VrsInputError('the row names no map: give a map or an EMDB id', where, 'map');
    if ((fields.half1 === undefined) !== (fields.half2 === undefined)) throw new VrsInputError('level 1 needs both half maps', where, fields.half1 === undefined ? 'half1' : 'half2');
    for (const column of PATH_COLUMNS) {
      const value = fields[column];
      if (value !== undefined && !isAbsolute(value)) fields[column] = resolve(base, value);
    }
    const id = fields.id ?? defaultId(fields);
    if (!ID_PATTERN.test(id)) {
      throw new VrsInputError(`entry name ${JSON.stringify(id)} is not usable as a folder name: letters, digits, '.', '_' and '-' only, at most 100`, where, 'id');
    }
    const first = seen.get(id);
    if (first !== undefined) throw new VrsInputError(`entry ${JSON.stringify(id)} already appears on line ${first}; give each row a distinct id`, where, 'id');
    seen.set(id, line);
    entries.push({ id, line, fields });
  }
  if (entries.length === 0) throw new VrsInputError('the campaign file has no entries', file);
  return entries;
}

function defaultId(fields: Partial<Record<CampaignColumn, string>>): string {
  if (fields.emdb !== undefined) return fields.emdb.toUpperCase().replace(/^(EMD-?)?/, 'EMD-');
  const name = fields.map!.split(/[\\/]/).pop()!;
  return name.replace(/\.gz$/i, '').replace(/\.(mrc|map|ccp4|mrcs)$/i, '').replace(/[^A-Za-z0-9._-]/g, '_');
}

function splitRow(line: string, separator: string, file: string, lineNumber: number): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === separator) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  if (quoted) throw new VrsInputError('a quoted cell is not closed on its line', `${file}:${lineNumber}`);
  cells.push(cell);
  return cells;
}
