/*
 * PDB and mmCIF readers written here rather than taken from npm: the one complete, well-kept
 * JavaScript CIF reader is part of Mol* (a whole molecular viewer, tens of megabytes, browser
 * oriented), the small PDB packages on npm drop columns we need (altLoc, insertion code, charge,
 * hybrid-36) or stop at 99 999 atoms, and gemmi's WebAssembly build is a native-code blob. What
 * the checks need is one category (_atom_site) and fixed PDB columns: a few hundred lines.
 */
import path from 'node:path';
import { VrsInputError } from '../../errors/index.js';
import { readFileBytes } from '../ByteSource.js';
import type { AtomicModel, ModelFormat } from './AtomicModel.js';
import { parseMmcif } from './parseMmcif.js';
import { parsePdb } from './parsePdb.js';

function detectFormat(text: string, file: string): ModelFormat {
  const lines = text.split('\n', 200);
  const first = lines.find((l) => l.trim() !== '' && !l.startsWith('#'));
  if (first?.trimStart().toLowerCase().startsWith('data_')) return 'mmcif';
  if (/^_atom_site\./m.test(text)) return 'mmcif';
  if (/^(ATOM  |HETATM)/m.test(text)) return 'pdb';
  const ext = path.extname(file.replace(/\.gz$/i, '')).toLowerCase();
  if (ext === '.cif' || ext === '.mmcif') return 'mmcif';
  throw new VrsInputError('neither a PDB file (no ATOM/HETATM records) nor an mmCIF file (no data_ block)', file, 'format');
}

/** Parses model text already in memory; `source` names it in notes and errors. */
export function parseModel(text: string, source: string): Omit<AtomicModel, 'sha256' | 'sha256Decompressed'> {
  const format = detectFormat(text, source);
  const parsed = format === 'pdb' ? { ...parsePdb(text, source), idScheme: 'pdb' as const } : parseMmcif(text, source);
  const { atoms, chains, models } = parsed.builder.build();
  if (atoms.count === 0) {
    throw new VrsInputError('the file holds no atoms', source, format === 'pdb' ? 'ATOM/HETATM' : '_atom_site');
  }
  const notes = [...parsed.notes];
  if (models.length > 1) notes.push(`${models.length} models (${models.join(', ')}); atoms of all models kept, see modelNumber`);
  let withAltLoc = 0;
  for (const alt of atoms.altLoc) if (alt !== '') withAltLoc++;
  if (withAltLoc > 0) notes.push(`${withAltLoc} atom(s) with alternate locations; all kept, see altLoc`);
  return { path: source, format, idScheme: parsed.idScheme, atoms, chains, models, notes };
}

/**
 * Reads an atomic model: PDB (fixed columns, hybrid-36 serials, MODEL/ENDMDL) or mmCIF (_atom_site,
 * no size limits), plain or gzip (detected by magic bytes). Bad input throws VrsInputError.
 */
export async function readModel(file: string): Promise<AtomicModel> {
  const { bytes, compressed, sha256, sha256Decompressed } = await readFileBytes(file);
  const text = new TextDecoder('utf-8').decode(bytes);
  const model = parseModel(text, file);
  if (compressed) model.notes.unshift('gzip input decompressed on read');
  return { ...model, sha256, ...(sha256Decompressed !== undefined ? { sha256Decompressed } : {}) };
}
