import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VrsInputError } from '../errors/index.js';

/**
 * Reads the picture files of report sections. Each section's files live in its own folder (the
 * engine stores a section as section.json plus its PNGs); `figures[].panels[].file` names them.
 */
export interface AssetReader {
  read(sectionId: string, file: string): Promise<Uint8Array>;
}

/**
 * A figure file name must be a plain name inside the section folder: no folders, no "..". The
 * names come from section.json, which a user may hand us to re-render.
 */
export function checkAssetName(sectionId: string, file: string): void {
  if (file === '' || file === '.' || file === '..' || /[/\\\0]/.test(file)) {
    throw new VrsInputError(`figure file name "${file}" must be a plain file name inside the section folder`, `section ${sectionId}`, 'figures.panels.file');
  }
}

/** Reads from folders on disk: `folders` maps a section id to its folder. */
export function folderAssetReader(folders: Map<string, string> | Record<string, string>): AssetReader {
  const lookup = folders instanceof Map ? folders : new Map(Object.entries(folders));
  return {
    async read(sectionId, file) {
      checkAssetName(sectionId, file);
      const dir = lookup.get(sectionId);
      if (!dir) throw new VrsInputError(`no folder is known for section "${sectionId}"`, `section ${sectionId}`, 'figures');
      const full = path.join(dir, file);
      try {
        return new Uint8Array(await readFile(full));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new VrsInputError(code === 'ENOENT' ? 'figure file not found' : `cannot read figure file (${code ?? String(error)})`, full, 'figures.panels.file');
      }
    },
  };
}

/** Reads from memory: `files` maps "sectionId/file" to the bytes (tests, in-process rendering). */
export function memoryAssetReader(files: Map<string, Uint8Array> | Record<string, Uint8Array>): AssetReader {
  const lookup = files instanceof Map ? files : new Map(Object.entries(files));
  return {
    async read(sectionId, file) {
      checkAssetName(sectionId, file);
      const bytes = lookup.get(`${sectionId}/${file}`);
      if (!bytes) throw new VrsInputError('figure file not found', `${sectionId}/${file}`, 'figures.panels.file');
      return bytes;
    },
  };
}
