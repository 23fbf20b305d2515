import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng, readPngHeader } from './decodePng.js';
import { encodePng } from './encodePng.js';
import type { RasterImage } from './RasterImage.js';

function randomImage(width: number, height: number, channels: 1 | 3 | 4, seed: number): RasterImage {
  const data = new Uint8Array(width * height * channels);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    // Mix smooth gradients and noise so every filter type gets chosen somewhere.
    data[i] = i % 7 === 0 ? s >>> 24 : (i * 3 + (s >>> 30)) & 0xff;
  }
  return { width, height, channels, data };
}

/** Chunk list read the plain way: [type, body] with the CRC checked against zlib's CRC-32. */
function chunks(png: Uint8Array): [string, Uint8Array][] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: [string, Uint8Array][] = [];
  let at = 8;
  while (at < png.length) {
    const length = view.getUint32(at);
    const type = Buffer.from(png.subarray(at + 4, at + 8)).toString('latin1');
    const body = png.subarray(at + 8, at + 8 + length);
    expect(view.getUint32(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    out.push([type, body]);
    at += 12 + length;
  }
  return out;
}

describe('encodePng', () => {
  it('writes the PNG signature, an IHDR with size, depth 8 and colour type, one IDAT and IEND', () => {
    for (const [channels, colorType] of [[1, 0], [3, 2], [4, 6]] as const) {
      const png = encodePng(randomImage(5, 3, channels, 1));
      expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
      const list = chunks(png);
      expect(list.map(([t]) => t)).toEqual(['IHDR', 'IDAT', 'IEND']);
      const ihdr = list[0]![1];
      expect([...ihdr]).toEqual([0, 0, 0, 5, 0, 0, 0, 3, 8, colorType, 0, 0, 0]);
    }
  });

  it('stores every row with a valid filter byte, and the unfiltered rows equal the pixels', () => {
    // Unfilter by hand here (independent of decodePng) for a grey image.
    const image = randomImage(9, 6, 1, 7);
    const raw = inflateSync(chunks(encodePng(image))[1]![1]);
    expect(raw.length).toBe(6 * 10);
    const rows: number[][] = [];
    for (let y = 0; y < 6; y++) {
      const filter = raw[y * 10]!;
      expect(filter).toBeGreaterThanOrEqual(0);
      expect(filter).toBeLessThanOrEqual(4);
      const row: number[] = [];
      for (let x = 0; x < 9; x++) {
        const a = x > 0 ? row[x - 1]! : 0;
        const b = y > 0 ? rows[y - 1]![x]! : 0;
        const c = x > 0 && y > 0 ? rows[y - 1]![x - 1]! : 0;
        const p = a + b - c;
        const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
        const predictor = [0, a, b, Math.floor((a + b) / 2), paeth][filter]!;
        row.push((raw[y * 10 + 1 + x]! + predictor) % 256);
      }
      rows.push(row);
    }
    expect(rows.flat()).toEqual([...image.data]);
  });

  it('round-trips grey, RGB and RGBA images through decodePng', () => {
    for (const channels of [1, 3, 4] as const) {
      const image = randomImage(37, 23, channels, channels * 11);
      const back = decodePng(encodePng(image));
      expect(back.width).toBe(37);
      expect(back.height).toBe(23);
      expect(back.channels).toBe(channels);
      expect(Buffer.from(back.data).equals(Buffer.from(image.data))).toBe(true);
    }
  });

  it('rejects data whose length does not match the size', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(5) })).toThrow(/needs 12/);
  });
});

describe('decodePng', () => {
  it('decodes a PNG assembled by hand (filter 0 rows, grey+alpha) into RGBA', () => {
    const scanlines = Uint8Array.of(0, 10, 255, 20, 128, 0, 30, 0, 40, 1);
    const ihdr = Uint8Array.of(0, 0, 0, 2, 0, 0, 0, 2, 8, 4, 0, 0, 0);
    const chunk = (type: string, body: Uint8Array) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(body.length, 0);
      head.write(type, 4, 'latin1');
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
      return Buffer.concat([head, body, crc]);
    };
    const png = Buffer.concat([
      Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(scanlines)),
      chunk('IEND', new Uint8Array(0)),
    ]);
    expect(readPngHeader(png)).toEqual({ width: 2, height: 2, bitDepth: 8, colorType: 4, interlaced: false });
    const image = decodePng(png);
    expect(image.channels).toBe(4);
    expect([...image.data]).toEqual([10, 10, 10, 255, 20, 20, 20, 128, 30, 30, 30, 0, 40, 40, 40, 1]);
  });

  it('says why bytes are not a PNG', () => {
    expect(() => readPngHeader(new Uint8Array(40))).toThrow(/not a PNG/);
  });
});
