import { inflateSync } from 'node:zlib';
import { paeth } from './encodePng.js';
import type { RasterImage } from './RasterImage.js';

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  colorType: number;
  interlaced: boolean;
}

/** Reads a PNG's size and pixel format, or throws a plain Error saying why the bytes are no PNG. */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 33 || signature.some((b, i) => bytes[i] !== b)) throw new Error('not a PNG file (bad signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') throw new Error('not a PNG file (no IHDR chunk first)');
  return {
    width: view.getUint32(16),
    height: view.getUint32(20),
    bitDepth: bytes[24]!,
    colorType: bytes[25]!,
    interlaced: bytes[28] !== 0,
  };
}

/** Concatenated IDAT payload (the zlib stream of filtered scanlines). */
export function pngImageData(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (type === 'IDAT') parts.push(bytes.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (parts.length === 0) throw new Error('PNG has no image data (no IDAT chunk)');
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Decodes 8-bit, non-interlaced grey, grey+alpha, RGB and RGBA PNGs (what our figures are).
 * Grey+alpha comes back as RGBA.
 */
export function decodePng(bytes: Uint8Array): RasterImage {
  const header = readPngHeader(bytes);
  const { width, height, bitDepth, colorType, interlaced } = header;
  const samples = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (bitDepth !== 8 || samples === undefined || interlaced) {
    throw new Error(`unsupported PNG format (bit depth ${bitDepth}, colour type ${colorType}${interlaced ? ', interlaced' : ''})`);
  }
  const raw = inflateSync(pngImageData(bytes));
  const rowBytes = width * samples;
  if (raw.length < height * (rowBytes + 1)) throw new Error('PNG image data is truncated');
  const pixels = new Uint8Array(height * rowBytes);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (rowBytes + 1)]!;
    const src = y * (rowBytes + 1) + 1;
    const dst = y * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const a = i >= samples ? pixels[dst + i - samples]! : 0;
      const b = y > 0 ? pixels[dst - rowBytes + i]! : 0;
      const c = y > 0 && i >= samples ? pixels[dst - rowBytes + i - samples]! : 0;
      let predictor: number;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) >>> 1; break;
        case 4: predictor = paeth(a, b, c); break;
        default: throw new Error(`PNG row ${y} has unknown filter type ${filter}`);
      }
      pixels[dst + i] = (raw[src + i]! + predictor) & 0xff;
    }
  }
  if (samples !== 2) return { width, height, channels: samples as 1 | 3 | 4, data: pixels };
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const g = pixels[2 * p]!;
    rgba[4 * p] = g;
    rgba[4 * p + 1] = g;
    rgba[4 * p + 2] = g;
    rgba[4 * p + 3] = pixels[2 * p + 1]!;
  }
  return { width, height, channels: 4, data: rgba };
}
