import { crc32, deflateSync } from 'node:zlib';
import type { RasterImage } from './RasterImage.js';

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** PNG colour type for 1, 3 and 4 channels (grey, truecolour, truecolour with alpha). */
const COLOR_TYPE: Record<RasterImage['channels'], number> = { 1: 0, 3: 2, 4: 6 };

/**
 * Encodes an 8-bit grey, RGB or RGBA image as PNG. Each row gets the filter (None, Sub, Up,
 * Average or Paeth) with the smallest sum of absolute residuals, the usual heuristic that keeps
 * slices and renderings small.
 */
export function encodePng(image: RasterImage, options: { compressionLevel?: number } = {}): Uint8Array {
  const { width, height, channels, data } = image;
  if (data.length !== width * height * channels) {
    throw new RangeError(`image data has ${data.length} bytes, ${width}×${height}×${channels} needs ${width * height * channels}`);
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = COLOR_TYPE[channels];
  // bytes 10-12: compression 0, filter method 0, no interlace

  const filtered = filterScanlines(data, width, height, channels);
  const compressed = deflateSync(filtered, { level: options.compressionLevel ?? 6 });

  const chunks = [pngChunk('IHDR', header), pngChunk('IDAT', compressed), pngChunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(PNG_SIGNATURE.length + chunks.reduce((n, c) => n + c.length, 0));
  out.set(PNG_SIGNATURE, 0);
  let offset = PNG_SIGNATURE.length;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function pngChunk(type: string, body: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + body.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) chunk[4 + i] = type.charCodeAt(i);
  chunk.set(body, 8);
  // The CRC covers the type and the body, not the length.
  view.setUint32(8 + body.length, crc32(chunk.subarray(4, 8 + body.length)));
  return chunk;
}

function filterScanlines(data: Uint8Array, width: number, height: number, bpp: number): Uint8Array {
  const rowBytes = width * bpp;
  const out = new Uint8Array(height * (rowBytes + 1));
  const candidate = new Uint8Array(rowBytes);
  const best = new Uint8Array(rowBytes);
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    const prev = y > 0 ? row - rowBytes : -1;
    let bestFilter = 0;
    let bestCost = Infinity;
    for (let filter = 0; filter <= 4; filter++) {
      let cost = 0;
      for (let i = 0; i < rowBytes; i++) {
        const x = data[row + i]!;
        const a = i >= bpp ? data[row + i - bpp]! : 0;
        const b = prev >= 0 ? data[prev + i]! : 0;
        const c = prev >= 0 && i >= bpp ? data[prev + i - bpp]! : 0;
        let predictor: number;
        if (filter === 0) predictor = 0;
        else if (filter === 1) predictor = a;
        else if (filter === 2) predictor = b;
        else if (filter === 3) predictor = (a + b) >>> 1;
        else predictor = paeth(a, b, c);
        const residual = (x - predictor) & 0xff;
        candidate[i] = residual;
        // Residuals are signed bytes: 255 is a small negative step, not a big one.
        cost += residual < 128 ? residual : 256 - residual;
      }
      if (cost < bestCost) {
        bestCost = cost;
        bestFilter = filter;
        best.set(candidate);
      }
    }
    const target = y * (rowBytes + 1);
    out[target] = bestFilter;
    out.set(best, target + 1);
  }
  return out;
}

export function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}
