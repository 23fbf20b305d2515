import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  mirror,
  NATURAL_TWIST_SIGN,
  pairTwist,
  readMap,
  readModel,
  sheetTwist,
  shutdownFftWorkers,
  type SectionResult,
  type Vec3,
  type Volume,
} from '../../../core/index.js';
import { twistedSheetPhantom } from '../../../core/kernels/hand/twistedSheetPhantom.js';
import { runHandDirect } from './runHandDirect.js';
import { repoRoot } from '../../engine/helpers.js';

const dataDir = resolve(repoRoot, '../shared/data');
const hasData = existsSync(dataDir);
if (!hasData) console.warn(`test/level0/hand/sheetTwist: ${dataDir} is absent — the real-map checks are skipped`);

afterAll(() => shutdownFftWorkers());

interface SheetMetrics {
  verdict: string;
  meanTwistDegPerStrand: number | null;
  zScore: number | null;
  agreement: number | null;
  mirroredFraction: number | null;
  patches: number;
  strandPairs: number;
  patchList: { centre: Vec3; pairs: number; twistDegPerStrand: number }[];
}


/** The score and the status follow from the listed patches (independent recomputation). */
function expectConsistent(section: SectionResult): SheetMetrics {
  const m = section.metrics.sheetTwist as SheetMetrics;
  expect(section.metrics.handMethod).toBe('β-sheet twist test');
  expect(m.patchList).toHaveLength(m.patches);
  let w = 0;
  let mirrored = 0;
  let sum = 0;
  for (const p of m.patchList) {
    w += p.pairs;
    sum += p.pairs * p.twistDegPerStrand;
    if (Math.sign(p.twistDegPerStrand) === -NATURAL_TWIST_SIGN) mirrored += p.pairs;
  }
  expect(m.meanTwistDegPerStrand!).toBeCloseTo(sum / w, 2);
  expect(m.mirroredFraction!).toBeCloseTo(mirrored / w, 3);
  if (section.status !== 'failed') {
    expect(section.metrics.handScore).toBeCloseTo(mirrored / w, 4);
    expect(section.warnings.some((x) => x.includes('flipped'))).toBe(mirrored / w > 0.5);
    expect(section.status).toBe(section.warnings.length > 0 ? 'warnings' : 'ok');
    expect(section.references!.some((r) => r.authors === 'Chothia C')).toBe(true);
  }
  return m;
}

describe('0.h falls back on the β-sheet twist test when no α-helix is found (phantoms)', () => {
  const options = { threshold: 0.3, resolution: 4 };

  it('a naturally twisted sheet: OK, hand score 0; its z-mirror: flipped, score 1', async () => {
    const sheet = twistedSheetPhantom({ twistPerStrand: -20, noise: 0.1, seed: 4 });
    const natural = await runHandDirect(sheet, options);
    expect(natural.status, natural.reason).toBe('ok');
    const m = expectConsistent(natural);
    expect(m.verdict).toBe('natural');
    expect(natural.metrics.handScore).toBe(0);
    expect(natural.title).toBe('Hand (β-sheet twist test)');
    expect(natural.metrics.helixCandidates).toBe(0);
    expect(natural.results![0]).toMatch(/No α-helix candidate was found.*β-sheet twist test instead/);
    const mirrored = await runHandDirect(mirror(sheet, 'z'), options);
    const mm = expectConsistent(mirrored);
    expect(mm.verdict).toBe('mirrored');
    expect(mirrored.metrics.handScore).toBe(1);
    expect(mirrored.warnings).toHaveLength(2);
    expect(mirrored.abstract).toBe('There seems to be a problem with the map hand.');
  });

  it('an untwisted sheet: could not be measured, saying the β-sheet twist test is undecided', async () => {
    const section = await runHandDirect(twistedSheetPhantom({ twistPerStrand: 0, noise: 0.1, seed: 4 }), options);
    expect(section.status).toBe('failed');
    expect(section.reason).toMatch(/No α-helix candidate was found.*β-sheet twist test, tried instead, is undecided: the mean twist is/);
    expect((section.metrics.sheetTwist as SheetMetrics).verdict).toBe('undecided');
  });
});

/** CA "strand points": residues whose CA(i−2)…CA(i+2) span ≥ 12 Å (extended chain), with the local chain direction. */
async function modelStrandPoints(file: string): Promise<{ all: Vec3[]; strand: { p: Vec3; s: Vec3; i: number }[] }> {
  const { atoms } = await readModel(file);
  const ca: { res: number; chain: string; p: Vec3 }[] = [];
  for (let i = 0; i < atoms.count; i++) {
    if (atoms.name[i] === 'CA' && (atoms.altLoc[i] === '' || atoms.altLoc[i] === 'A') && atoms.modelNumber[i] === atoms.modelNumber[0]) {
      ca.push({ res: atoms.resSeq[i]!, chain: atoms.chain[i]!, p: [atoms.x[i]!, atoms.y[i]!, atoms.z[i]!] });
    }
  }
  const strand: { p: Vec3; s: Vec3; i: number }[] = [];
  for (let i = 2; i + 2 < ca.length; i++) {
    const a = ca[i - 2]!;
    const b = ca[i + 2]!;
    if (a.chain !== b.chain || b.res - a.res !== 4) continue;
    if (Math.hypot(b.p[0] - a.p[0], b.p[1] - a.p[1], b.p[2] - a.p[2]) < 12) continue;
    // the mean of CA i−1, i, i+1 (weights 1, 2, 1) and the direction CA(i+1) − CA(i−1) average out the pleat
    const p = [0, 1, 2].map((k) => (ca[i - 1]!.p[k]! + 2 * ca[i]!.p[k]! + ca[i + 1]!.p[k]!) / 4) as Vec3;
    const d = [0, 1, 2].map((k) => ca[i + 1]!.p[k]! - ca[i - 1]!.p[k]!);
    const l = Math.hypot(d[0]!, d[1]!, d[2]!);
    strand.push({ p, s: d.map((v) => v / l) as Vec3, i });
  }
  return { all: ca.map((c) => c.p), strand };
}

describe.skipIf(!hasData)('β-sheet twist on emd_30342 (β-rich chain, 3.9 Å) and its mirror', () => {
  const mapFile = () => join(dataDir, 'levelA/emd_30342_chainA_zone.mrc');
  const modelFile = () => join(dataDir, 'levelA/7cec_chainA.cif');

  it('the atomic model 7cec (L-amino acids) has sheets twisted with the sign the test calls natural', async () => {
    const { strand } = await modelStrandPoints(modelFile());
    let n = 0;
    let sum = 0;
    let natural = 0;
    for (let a = 0; a < strand.length; a++)
      for (let b = a + 1; b < strand.length; b++) {
        const P = strand[a]!;
        const Q = strand[b]!;
        if (Math.abs(P.i - Q.i) < 3) continue;
        const d = [Q.p[0] - P.p[0], Q.p[1] - P.p[1], Q.p[2] - P.p[2]];
        const l = Math.hypot(d[0]!, d[1]!, d[2]!);
        if (l < 4 || l > 6.5) continue;
        const along = (s: Vec3) => Math.abs(s[0] * d[0]! + s[1] * d[1]! + s[2] * d[2]!) / l;
        if (along(P.s) > 0.35 || along(Q.s) > 0.35) continue;
        const t = pairTwist(P.s, Q.s, d);
        n++;
        sum += t;
        if (Math.sign(t) === NATURAL_TWIST_SIGN) natural++;
      }
    expect(n).toBeGreaterThan(80);
    expect(natural / n).toBeGreaterThanOrEqual(0.85);
    // −10° to −30° per 4.8 Å: the twist of sheets in proteins
    const degPerStrand = ((sum / n) * 4.8 * 180) / Math.PI;
    expect(NATURAL_TWIST_SIGN * degPerStrand).toBeGreaterThan(10);
    expect(NATURAL_TWIST_SIGN * degPerStrand).toBeLessThan(30);
  });

  it('the deposited map reads natural, its z-mirror mirrored; the sheet voxels lie on the model’s strands', async () => {
    const map = (await readMap(mapFile())).volume;
    const options = { threshold: 0.011, resolution: 3.9 };
    const original = await runHandDirect(map, options);
    expect(original.status, original.reason).toBe('ok');
    const m = expectConsistent(original);
    expect(m.verdict).toBe('natural');
    expect(original.metrics.helixCandidates).toBe(0);
    expect(m.zScore!).toBeLessThanOrEqual(-3);
    expect(m.agreement!).toBeGreaterThanOrEqual(0.7);
    expect(m.patches).toBeGreaterThanOrEqual(10);

    const mirrored = await runHandDirect(mirror(map, 'z'), options);
    expect(mirrored.status).toBe('warnings');
    const mm = expectConsistent(mirrored);
    expect(mm.verdict).toBe('mirrored');
    expect(mm.zScore!).toBeGreaterThanOrEqual(3);
    expect(mirrored.warnings).toHaveLength(2);

    // Sheet detection against the model: sheet voxels near the model's extended-chain CA points
    // far more often than the strand ridge voxels in general (the base rate of the density).
    const { strand } = await modelStrandPoints(modelFile());
    const r = await sheetTwist(map, options);
    const near = (c: Vec3) => strand.some(({ p }) => (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2 + (p[2] - c[2]) ** 2 <= 3.5 * 3.5);
    const g = r.grid;
    const point = (i: number): Vec3 => [
      g.origin[0] + (i % g.dims[0]) * g.voxelSize[0],
      g.origin[1] + (Math.floor(i / g.dims[0]) % g.dims[1]) * g.voxelSize[1],
      g.origin[2] + Math.floor(i / (g.dims[0] * g.dims[1])) * g.voxelSize[2],
    ];
    let sheet = 0;
    let sheetNear = 0;
    for (let i = 0; i < r.sheetMask.length; i++) {
      if (r.sheetMask[i] === 0) continue;
      sheet++;
      if (near(point(i))) sheetNear++;
    }
    const precision = sheetNear / sheet;
    // base rate: the map's voxels at or above the threshold
    let dense = 0;
    let denseNear = 0;
    const [nx, ny] = map.dims;
    for (let i = 0; i < map.data.length; i++) {
      if (map.data[i]! < options.threshold) continue;
      dense++;
      const c: Vec3 = [
        map.origin[0] + (i % nx) * map.voxelSize[0],
        map.origin[1] + (Math.floor(i / nx) % ny) * map.voxelSize[1],
        map.origin[2] + Math.floor(i / (nx * ny)) * map.voxelSize[2],
      ];
      if (near(c)) denseNear++;
    }
    const base = denseNear / dense;
    console.info(`emd_30342 β-sheet twist: ${m.patches} patches, ${m.meanTwistDegPerStrand}° per strand, z ${m.zScore}, agreement ${m.agreement}; mirror z ${mm.zScore}; sheet voxels on model strands ${precision.toFixed(2)} (dense voxels ${base.toFixed(2)})`);
    expect(precision).toBeGreaterThanOrEqual(0.55);
    expect(precision).toBeGreaterThan(base + 0.15);
  });
});
