import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { UploadedInput } from './RunState.js';
import { ServeError } from './ServeError.js';
import { FILE_FIELDS, type FileField } from './validationOptionsOf.js';

/** The text fields the submission form has. */
const TEXT_FIELDS = ['threshold', 'resolution', 'title', 'emdb'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

export interface Submission {
  inputs: UploadedInput[];
  fields: Partial<Record<TextField, string>>;
}

/**
 * Streams a multipart submission to `dir`: each file under a fixed name chosen from its form field
 * (the name the browser sends is kept for display only, never as a path), with the per-file size
 * limit of the multipart parser. Unknown fields, repeated files and files past the limit are
 * refused; the caller removes `dir` on any error.
 */
export async function receiveSubmission(request: FastifyRequest, dir: string, maxUploadMb: number): Promise<Submission> {
  if (!request.isMultipart()) throw new ServeError(415, 'send the submission as multipart/form-data (fields map, half1, half2, model, emdbHeader, threshold, resolution, title)');
  mkdirSync(dir, { recursive: true });
  const inputs: UploadedInput[] = [];
  const fields: Submission['fields'] = {};
  try {
    await readParts();
  } catch (error) {
    // busboy's own complaints (no boundary, a cut body, a bad part header) are the sender's fault.
    if (error instanceof ServeError || typeof (error as { code?: unknown }).code === 'string') throw error;
    throw new ServeError(400, `the form is malformed: ${(error as Error).message}`);
  }
  return { inputs, fields };

  async function readParts(): Promise<void> {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const field = part.fieldname as FileField;
        if (!FILE_FIELDS.includes(field)) {
          part.file.resume();
          throw new ServeError(400, `unknown file field ${JSON.stringify(part.fieldname)}: the files are ${FILE_FIELDS.join(', ')}`);
        }
        if (inputs.some((input) => input.field === field)) {
          part.file.resume();
          throw new ServeError(400, `${field}: give one file only`);
        }
        // A browser sends an empty part for a file input left empty.
        if (part.filename === '') {
          part.file.resume();
          continue;
        }
        const file = storedName(field, part.filename);
        let bytes = 0;
        part.file.on('data', (chunk: Buffer) => (bytes += chunk.length));
        await pipeline(part.file, createWriteStream(join(dir, file), { flags: 'wx' }));
        if (part.file.truncated) throw tooLarge(field, maxUploadMb);
        inputs.push({ field, file, originalName: displayName(part.filename), bytes });
      } else {
        const field = part.fieldname as TextField;
        if (!TEXT_FIELDS.includes(field)) throw new ServeError(400, `unknown field ${JSON.stringify(part.fieldname)}: the fields are ${TEXT_FIELDS.join(', ')}`);
        if (part.valueTruncated) throw new ServeError(400, `${field}: the value is too long`);
        fields[field] = String(part.value);
      }
    }
  }
}

export function tooLarge(field: string | undefined, maxUploadMb: number): ServeError {
  return new ServeError(413, `${field ? `${field}: ` : ''}the file is larger than the upload limit of ${maxUploadMb} MB (vrs serve --max-upload-mb)`);
}

/**
 * The server's name for an uploaded file: the field, and for a model the extension that tells PDB
 * from mmCIF when the content does not (one of a fixed set, never the user's text).
 */
function storedName(field: FileField, filename: string): string {
  const lower = filename.toLowerCase().replace(/\.gz$/, '');
  switch (field) {
    case 'model':
      return lower.endsWith('.cif') || lower.endsWith('.mmcif') ? 'model.cif' : 'model.pdb';
    case 'emdbHeader':
      return 'header.xml';
    default:
      return `${field}.map`;
  }
}

/** The browser's file name, for pages and messages only: its last path component, printable, at most 200 characters. */
function displayName(filename: string): string {
  const last = filename.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const printable = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (printable || 'unnamed').slice(0, 200);
}
