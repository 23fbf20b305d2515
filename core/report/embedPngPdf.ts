import { PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';
import { pngImageData, readPngHeader } from '../render/index.js';

export interface EmbeddedImage {
  width: number;
  height: number;
  /** Draws on a page; see drawEmbeddedImage. */
  ref: PDFRef;
}

/**
 * Embeds a PNG without decoding it: PDF's Flate filter with PNG predictors reads the PNG's own
 * compressed scanlines, so grey and RGB pictures cost no re-encoding (pdf-lib's embedPng decodes
 * and recompresses, several times slower). PNGs with alpha, palettes or 16-bit samples go through
 * pdf-lib instead.
 */
export async function embedPngPdf(doc: PDFDocument, png: Uint8Array): Promise<EmbeddedImage> {
  const header = readPngHeader(png);
  if (header.bitDepth === 8 && !header.interlaced && (header.colorType === 0 || header.colorType === 2)) {
    const colors = header.colorType === 0 ? 1 : 3;
    const dict = doc.context.obj({
      Type: 'XObject',
      Subtype: 'Image',
      Width: header.width,
      Height: header.height,
      ColorSpace: colors === 1 ? 'DeviceGray' : 'DeviceRGB',
      BitsPerComponent: 8,
      Filter: 'FlateDecode',
      DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: 8, Columns: header.width },
    });
    const ref = doc.context.register(PDFRawStream.of(dict, pngImageData(png)));
    return { width: header.width, height: header.height, ref };
  }
  const image = await doc.embedPng(png);
  return { width: image.width, height: image.height, ref: image.ref };
}

export { PDFName };
