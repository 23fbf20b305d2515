import { afterAll, describe, expect, it } from 'vitest';
import { shutdownFftWorkers } from '../../fft/index.js';
import { mirror } from '../../phantom/mirror.js';
import { NATURAL_TWIST_SIGN, pairTwist, patchStatistics, sheetTwist } from './sheetTwist.js';
import { twistedSheetPhantom } from './twistedSheetPhantom.js';

afterAll(() => shutdownFftWorkers());

const deg = Math.PI / 180;

describe('pairTwist', () => {
  it('is the rotation per Å of the second strand about the separation (right-hand rule)', () => {
    const theta = -20 * deg;
    const sq = [0, Math.cos(theta), Math.sin(theta)];
    // s_p × s_q = (sin θ, 0, 0); d = (4.8, 0, 0) → sin θ / 4.8
    expect(pairTwist([0, 1, 0], sq, [4.8, 0, 0])).toBeCloseTo(Math.sin(theta) / 4.8, 12);
  });

  it('ignores the signs of the directions and the order of the pair; a mirror flips it', () => {
    const sp = [0.1, 0.98, 0.17];
    const sq = [-0.05, 0.95, -0.3];
    const d = [4.6, 0.4, -0.9];
    const t = pairTwist(sp, sq, d);
    expect(Math.abs(t)).toBeGreaterThan(0.01);
    expect(pairTwist(sp.map((v) => -v), sq, d)).toBeCloseTo(t, 12);
    expect(pairTwist(sp, sq.map((v) => -v), d)).toBeCloseTo(t, 12);
    expect(pairTwist(sq, sp, d.map((v) => -v))).toBeCloseTo(t, 12);
    const m = (v: number[]) => [v[0]!, v[1]!, -v[2]!];
    expect(pairTwist(m(sp), m(sq), m(d))).toBeCloseTo(-t, 12);
  });
});

describe('patchStatistics', () => {
  it('weights patches by their pairs; z from the weighted spread', () => {
    const patches = [
      { centre: [0, 0, 0] as [number, number, number], pairs: 10, twist: -0.06 },
      { centre: [12, 0, 0] as [number, number, number], pairs: 30, twist: -0.02 },
      { centre: [24, 0, 0] as [number, number, number], pairs: 10, twist: 0.02 },
    ];
    const s = patchStatistics(patches)!;
    // mean = (−0.6 − 0.6 + 0.2)/50 = −0.02; Σw(t−m)² = 10·0.0016 + 0 + 10·0.0016 = 0.032
    // n_eff = 50²/1100 = 2.2727; var = (0.032/50)·n_eff/(n_eff − 1) = 0.00114286; se = √(var/n_eff)
    expect(s.meanTwist).toBeCloseTo(-0.02, 12);
    const nEff = 2500 / 1100;
    const se = Math.sqrt(((0.032 / 50) * nEff) / (nEff - 1) / nEff);
    expect(s.zScore!).toBeCloseTo(-0.02 / se, 9);
    expect(s.agreement).toBeCloseTo(40 / 50, 12);
    expect(s.mirroredFraction).toBeCloseTo(NATURAL_TWIST_SIGN < 0 ? 10 / 50 : 40 / 50, 12);
    expect(patchStatistics([patches[0]!])!.zScore).toBeNull();
    expect(patchStatistics([])).toBeNull();
  });
});

describe('sheetTwist on twisted-sheet phantoms (6 strands 4.8 Å apart, 4 Å detail)', () => {
  const options = { threshold: 0.3, resolution: 4 };

  it('a sheet twisted like natural ones (−20° per strand) reads natural; its mirror and the +20° sheet read mirrored', async () => {
    const natural = twistedSheetPhantom({ twistPerStrand: -20, noise: 0.2, seed: 2 });
    const a = await sheetTwist(natural, options);
    expect(a.verdict).toBe('natural');
    expect(a.zScore!).toBeLessThan(-10);
    expect(a.agreement!).toBeGreaterThanOrEqual(0.95);
    expect(a.mirroredFraction!).toBeLessThanOrEqual(0.05);
    // the measured twist underestimates the built one (neighbour strands blur into each other at 4 Å)
    // but has its sign and order: −20° per 4.8 Å is −0.073 rad/Å
    expect(a.meanTwist!).toBeLessThan(-0.02);
    expect(a.meanTwist!).toBeGreaterThan(-0.08);
    // without noise every sheet voxel lies within the sheet: strand centres at x = 23.5 ± 2.5·4.8 Å
    // (with noise, ridges of noise above the threshold pair up too: 59 of 340 here, outvoted)
    const clean = await sheetTwist(twistedSheetPhantom({ twistPerStrand: -20 }), options);
    const g = clean.grid;
    let outside = 0;
    for (let i = 0; i < clean.sheetMask.length; i++) {
      if (clean.sheetMask[i] === 0) continue;
      const x = g.origin[0] + (i % g.dims[0]) * g.voxelSize[0];
      if (Math.abs(x - 23.5) > 2.5 * 4.8 + 2) outside++;
    }
    expect(clean.sheetVoxels).toBeGreaterThan(100);
    expect(outside).toBe(0);
    expect(clean.verdict).toBe('natural');
    const b = await sheetTwist(mirror(natural, 'z'), options);
    expect(b.verdict).toBe('mirrored');
    expect(b.zScore!).toBeGreaterThan(10);
    expect(b.mirroredFraction!).toBeGreaterThanOrEqual(0.95);
    const c = await sheetTwist(twistedSheetPhantom({ twistPerStrand: 20, noise: 0.2, seed: 5 }), options);
    expect(c.verdict).toBe('mirrored');
    expect(c.zScore!).toBeGreaterThan(5);
  });

  it('an untwisted sheet is undecided, with and without noise', async () => {
    for (const noise of [0, 0.2]) {
      const r = await sheetTwist(twistedSheetPhantom({ twistPerStrand: 0, noise, seed: 3 }), options);
      expect(r.verdict).toBe('undecided');
      expect(r.pairs).toBeGreaterThan(300);
      expect(Math.abs(r.zScore!)).toBeLessThan(3);
      expect(Math.abs(r.meanTwist!)).toBeLessThan(0.005);
    }
  });

  it('says why when there is no density or no sheet', async () => {
    const sheet = twistedSheetPhantom({ twistPerStrand: -20 });
    const none = await sheetTwist(sheet, { threshold: 1e6, resolution: 4 });
    expect(none.verdict).toBe('undecided');
    expect(none.maskVoxels).toBe(0);
    expect(none.undecidedReason).toMatch(/no voxel/);
    // one strand: no neighbour, no pair
    const single = await sheetTwist(twistedSheetPhantom({ twistPerStrand: 0, strands: 1 }), options);
    expect(single.pairs).toBe(0);
    expect(single.verdict).toBe('undecided');
    expect(single.undecidedReason).toMatch(/no patch/);
  });
});
