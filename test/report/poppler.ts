import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodePng, type RasterImage } from '../../core/index.js';

/** Number of pages pdfinfo reports. */
export function pdfPageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)/m.exec(info);
  if (!m) throw new Error(`pdfinfo gave no page count for ${file}`);
  return Number(m[1]);
}

/** Text of the PDF (or of one page) as pdftotext extracts it, in the order it was drawn (-raw). */
export function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', ...range, file, '-'], { encoding: 'utf8' });
}

/** Renders every page with pdftoppm into `dir` (prefix "page") and returns the decoded images in page order. */
export function pdfPagesAsImages(file: string, dir: string, dpi = 50): { file: string; image: RasterImage }[] {
  for (const old of readdirSync(dir)) if (/^page-\d+\.png$/.test(old)) execFileSync('rm', ['-f', path.join(dir, old)]);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, path.join(dir, 'page')]);
  return readdirSync(dir)
    .filter((f) => /^page-\d+\.png$/.test(f))
    .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]))
    .map((f) => ({ file: path.join(dir, f), image: decodePng(readFileSync(path.join(dir, f))) }));
}

/** Image XObjects listed by pdfimages -list (one row per drawn image). */
export function pdfImageList(file: string): { page: number; width: number; height: number; color: string }[] {
  const lines = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    return { page: Number(cols[0]), width: Number(cols[3]), height: Number(cols[4]), color: cols[5]! };
  });
}

/** Fonts listed by pdffonts: name, type, embedded. */
export function pdfFonts(file: string): { name: string; embedded: boolean }[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type [type2] encoding emb sub uni object ID
    return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
  });
}

/**
 * Fraction of pixels inside the text area (page minus `marginFraction` at top and bottom, where
 * the running header and footer are) that are not near-white.
 */
export function inkFraction(image: RasterImage, marginFraction = 0.085): number {
  const y0 = Math.floor(image.height * marginFraction);
  const y1 = Math.ceil(image.height * (1 - marginFraction));
  let ink = 0;
  let total = 0;
  const c = image.channels;
  for (let y = y0; y < y1; y++) {
    for (let x = 0; x < image.width; x++) {
      const p = (y * image.width + x) * c;
      const minimum = c === 1 ? image.data[p]! : Math.min(image.data[p]!, image.data[p + 1]!, image.data[p + 2]!);
      if (minimum < 200) ink++;
      total++;
    }
  }
  return ink / total;
}
