import { accessSync, constants, statSync } from 'node:fs';
import { VrsInputError } from '../errors/index.js';

/**
 * Refuses, naming the file and the option, anything an input path must not be: missing, a
 * symbolic-link loop, a folder, a pipe or device (maps are read more than once, by several steps,
 * so `--map <(…)` cannot work), unreadable. Returns the size in bytes.
 */
export function checkInputFile(path: string, option: string): number {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new VrsInputError('is a folder, not a file', path, option);
    if (!stat.isFile()) {
      throw new VrsInputError('is a pipe, socket or device, not a regular file: the validation reads its inputs several times, so give a file (e.g. save the stream first)', path, option);
    }
    size = stat.size;
    accessSync(path, constants.R_OK);
  } catch (error) {
    if (error instanceof VrsInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new VrsInputError('file not found', path, option);
    if (code === 'ELOOP') throw new VrsInputError('is a loop of symbolic links that never reaches a file', path, option);
    if (code === 'ENOTDIR') throw new VrsInputError('a part of this path is a file, not a folder', path, option);
    if (code === 'EACCES' || code === 'EPERM') throw new VrsInputError('cannot be read (permission denied)', path, option);
    if (code === 'ENAMETOOLONG') throw new VrsInputError('the path is too long', path, option);
    throw error;
  }
  return size;
}
