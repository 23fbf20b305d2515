// Issue 15: seeded mutations of the MRC header and of an EMDB header XML. Every outcome must be
// a map read correctly or a VrsInputError naming the file — never another error (exit 70 in the
// CLI), never a hang past a bound, and the input file is never changed.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRawMrc } from '../../core/io/testing/buildRawMrc.js';
import { parseEmdbHeader, readMap, SeededRandom, VrsInputError } from '../../core/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vrs-fuzz-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Values worth trying in a 32-bit header word: boundaries, signs, float specials, noise. */
function wordValue(random: SeededRandom): number {
  const specials = [0, 1, -1, 2, 3, 4, 7, 12, 16, 101, 255, 256, 0x7fffffff, 0x80000000, 0xffffffff, 1 << 24, (1 << 24) - 1, 1 << 16];
  const floats = [NaN, Infinity, -Infinity, 0, -0, 1e-30, 1e30, 3.4e38, -1.5, 0.5];
  const pick = random.next();
  if (pick < 0.5) return specials[Math.floor(random.next() * specials.length)]!;
  const buffer = new DataView(new ArrayBuffer(4));
  if (pick < 0.8) buffer.setFloat32(0, floats[Math.floor(random.next() * floats.length)]!, true);
  else buffer.setUint32(0, Math.floor(random.next() * 2 ** 32), true);
  return buffer.getUint32(0, true);
}

describe('fuzzing inputs (seeded)', () => {
  it('1 000 mutations of an MRC header: a correct read or a VrsInputError, in bounded time, the file unchanged', async () => {
    const random = new SeededRandom(15);
    const values = Array.from({ length: 6 * 5 * 4 }, (_, i) => Math.sin(i));
    const base = buildRawMrc({ ncrs: [6, 5, 4], mode: 2, data: values, stats: { min: -1, max: 1, mean: 0, rms: 0.7 } });
    const file = join(dir, 'fuzz.mrc');
    const outcomes = { read: 0, refused: 0 };
    const unexpected: string[] = [];
    let slowest = 0;
    for (let trial = 0; trial < 1000; trial++) {
      const bytes = Uint8Array.from(base);
      const view = new DataView(bytes.buffer);
      const edits = 1 + Math.floor(random.next() * 3);
      const described: string[] = [];
      for (let e = 0; e < edits; e++) {
        // Words 0–55 are the fixed header (NX … NLABL); the rest of the first 1 024 bytes are labels.
        const word = Math.floor(random.next() * 56);
        const value = wordValue(random);
        view.setUint32(word * 4, value, true);
        described.push(`word ${word} = 0x${value.toString(16)}`);
      }
      const cut = random.next() < 0.1 ? Math.floor(random.next() * bytes.length) : bytes.length;
      const input = bytes.subarray(0, cut);
      writeFileSync(file, input);
      const before = sha(input);
      const started = performance.now();
      try {
        const { volume } = await readMap(file);
        expect(volume.data.length).toBe(volume.dims[0] * volume.dims[1] * volume.dims[2]);
        outcomes.read++;
      } catch (error) {
        if (error instanceof VrsInputError && error.message.includes('fuzz.mrc')) outcomes.refused++;
        else unexpected.push(`trial ${trial} (${described.join(', ')}, ${cut} bytes): ${String(error)}`);
      }
      slowest = Math.max(slowest, performance.now() - started);
      expect(sha(readFileSync(file))).toBe(before);
    }
    expect(unexpected).toEqual([]);
    expect(slowest).toBeLessThan(2000);
    expect(outcomes.read + outcomes.refused).toBe(1000);
    expect(outcomes.refused).toBeGreaterThan(100);
  }, 120_000);

  it('500 mutations of an EMDB header XML: parsed or a VrsInputError, each within a second', () => {
    const random = new SeededRandom(16);
    const header = `<?xml version="1.0" encoding="UTF-8"?>
<emd emdb_id="EMD-1234" version="3.0.2.0">
  <admin><key_dates><deposition>2020-01-02</deposition></key_dates><title>Fuzz &amp; test</title>
    <authors_list><author>Roe R</author></authors_list></admin>
  <sample><supramolecule_list><complex_supramolecule supramolecule_id="1"><parent>0</parent>
    <molecular_weight><theoretical units="MDa">0.5</theoretical></molecular_weight></complex_supramolecule></supramolecule_list></sample>
  <structure_determination_list><structure_determination><singleparticle_processing><final_reconstruction>
    <resolution units="Å">4.2</resolution></final_reconstruction></singleparticle_processing></structure_determination></structure_determination_list>
  <map><contour_list><contour primary="true"><level>0.05</level></contour></contour_list>
    <pixel_spacing><x units="Å">1.1</x><y units="Å">1.1</y><z units="Å">1.1</z></pixel_spacing></map>
</emd>`;
    const fragments = ['<', '>', '</', '&', '&#99999999;', '&#x0;', '&bogus;', ']]>', '<![CDATA[', '"', "'", '<!ENTITY a "b">', '<!DOCTYPE x [', '\u0000', 'NaN', '-1e999', '1e400', '<level>', '</level>', '<contour primary="true">'];
    const unexpected: string[] = [];
    let slowest = 0;
    for (let trial = 0; trial < 500; trial++) {
      let text = header;
      const edits = 1 + Math.floor(random.next() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random.next() * text.length);
        const kind = random.next();
        if (kind < 0.4) text = text.slice(0, at) + fragments[Math.floor(random.next() * fragments.length)]! + text.slice(at);
        else if (kind < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random.next() * 20));
        else if (kind < 0.85) text = text.slice(0, at);
        else text = text.slice(0, at) + String.fromCharCode(Math.floor(random.next() * 0x3000)) + text.slice(at);
      }
      const started = performance.now();
      try {
        parseEmdbHeader(text, 'fuzz.xml');
      } catch (error) {
        if (!(error instanceof VrsInputError && error.message.includes('fuzz.xml'))) unexpected.push(`trial ${trial}: ${String(error)}`);
      }
      slowest = Math.max(slowest, performance.now() - started);
    }
    expect(unexpected).toEqual([]);
    expect(slowest).toBeLessThan(1000);
  });
});
