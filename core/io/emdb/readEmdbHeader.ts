import { readFile } from 'node:fs/promises';
import { VrsInputError } from '../../errors/index.js';
import type { Vec3 } from '../../volume/index.js';
import { fileAccessError } from '../ByteSource.js';

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
  /** Schema generation the file follows: "1.9" (emdEntry) or "3" (emd). */
  schema: '1.9' | '3';
}

/** Reads an EMDB header file (`emd-NNNN.xml` / `emd_NNNN_header.xml`, schema 1.9 or 3.x). */
export async function readEmdbHeader(path: string): Promise<EmdbHeader> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw fileAccessError(err, path);
  }
  return parseEmdbHeader(text, path);
}

/**
 * The contour level, resolution, pixel spacing, id and title of an EMDB header, from either schema:
 * 1.9 (`<emdEntry accessCode>`, `contourLevel`, `resolutionByAuthor`, `pixelSpacing/pixelX…`) or
 * 3.x (`<emd emdb_id>`, `contour_list/contour[primary]/level`, `final_reconstruction/resolution`,
 * `pixel_spacing/x…`). Only these few elements are read, by name; anything else is ignored.
 */
export function parseEmdbHeader(text: string, source: string): EmdbHeader {
  const v19 = /<emdEntry\b([^>]*)>/.exec(text);
  const v3 = /<emd\b([^>]*)>/.exec(text);
  if (!v19 && !v3) throw new VrsInputError('not an EMDB header: no <emdEntry> or <emd> root element', source);
  if (v19) {
    const access = attribute(v19[1]!, 'accessCode');
    const contour = /<contourLevel\b([^>]*)>([^<]*)<\/contourLevel>/.exec(text);
    const spacing = element(text, 'pixelSpacing');
    return compact({
      schema: '1.9',
      emdbId: access ? `EMD-${access}` : undefined,
      title: textOf(element(text, 'deposition') ?? '', 'title'),
      threshold: contour ? number(contour[2]!, source, 'contourLevel') : undefined,
      thresholdSource: contour ? attribute(contour[1]!, 'source') : undefined,
      resolution: optionalNumber(textOf(text, 'resolutionByAuthor'), source, 'resolutionByAuthor'),
      voxelSize: spacing ? triple(spacing, ['pixelX', 'pixelY', 'pixelZ'], source) : undefined,
    });
  }
  const id = attribute(v3![1]!, 'emdb_id');
  const contours = [...text.matchAll(/<contour\b([^>]*)>([\s\S]*?)<\/contour>/g)];
  const primary = contours.find((c) => /primary\s*=\s*"(true|1)"/i.test(c[1]!)) ?? contours[0];
  const spacing = element(text, 'pixel_spacing');
  const reconstruction = element(text, 'final_reconstruction');
  return compact({
    schema: '3',
    emdbId: id,
    title: textOf(element(text, 'admin') ?? '', 'title'),
    threshold: primary ? optionalNumber(textOf(primary[2]!, 'level'), source, 'contour/level') : undefined,
    thresholdSource: primary ? textOf(primary[2]!, 'source')?.toLowerCase() : undefined,
    resolution: optionalNumber(textOf(reconstruction ?? '', 'resolution'), source, 'final_reconstruction/resolution'),
    voxelSize: spacing ? triple(spacing, ['x', 'y', 'z'], source) : undefined,
  });
}

/** The inner text of the first `<name …>…</name>` element, or undefined. */
function element(text: string, name: string): string | undefined {
  return new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`).exec(text)?.[1];
}

function textOf(text: string, name: string): string | undefined {
  const inner = element(text, name);
  return inner === undefined ? undefined : decodeEntities(inner.trim());
}

function attribute(attributes: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(attributes);
  return m ? decodeEntities(m[1]!) : undefined;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

function number(text: string, source: string, field: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) throw new VrsInputError(`expected a number, found ${JSON.stringify(text.trim())}`, source, field);
  return value;
}

function optionalNumber(text: string | undefined, source: string, field: string): number | undefined {
  return text === undefined || text === '' ? undefined : number(text, source, field);
}

function triple(spacing: string, names: [string, string, string], source: string): Vec3 | undefined {
  const values = names.map((n) => optionalNumber(textOf(spacing, n), source, n));
  if (values.some((v) => v === undefined)) return undefined;
  const vec = values as Vec3;
  if (!vec.every((v) => v > 0)) throw new VrsInputError(`pixel spacing must be positive, found ${vec.join(', ')}`, source, names.join('/'));
  return vec;
}

function compact(header: { [K in keyof EmdbHeader]: EmdbHeader[K] | undefined }): EmdbHeader {
  return Object.fromEntries(Object.entries(header).filter(([, v]) => v !== undefined)) as unknown as EmdbHeader;
}
