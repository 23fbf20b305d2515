import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/** The three faces the PDF report uses. */
export interface PdfFonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

const require = createRequire(import.meta.url);

/**
 * Path of a DejaVu TrueType file from the `dejavu-fonts-ttf` npm package (Bitstream Vera licence:
 * free to embed and redistribute). DejaVu covers Å, σ, ², ³, ⁻, ≤, ≥, °, Greek and the Latin
 * scripts, so any entry title typed in those renders as typed.
 */
export function dejavuFontPath(file: string): string {
  return path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', file);
}

let fontBytes: Promise<[Uint8Array, Uint8Array, Uint8Array]> | undefined;

/** Embeds DejaVu Sans, DejaVu Sans Bold and DejaVu Sans Mono, subset to the glyphs used. */
export async function embedReportFonts(doc: PDFDocument): Promise<PdfFonts> {
  doc.registerFontkit(fontkit);
  fontBytes ??= Promise.all(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono.ttf'].map(async (f) => new Uint8Array(await readFile(dejavuFontPath(f))))) as Promise<
    [Uint8Array, Uint8Array, Uint8Array]
  >;
  const [regular, bold, mono] = await fontBytes;
  return {
    regular: await doc.embedFont(regular, { subset: true }),
    bold: await doc.embedFont(bold, { subset: true }),
    mono: await doc.embedFont(mono, { subset: true }),
  };
}
