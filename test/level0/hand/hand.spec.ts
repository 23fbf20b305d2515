import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  helixHandedness,
  mirror,
  phantomMap,
  readMap,
  readModel,
  readPngHeader,
  shutdownFftWorkers,
  type SectionResult,
  type Vec3,
  type Volume,
  writeMap,
} from '../../../core/index.js';
import { helixHandProtocol } from '../../../protocols/level0/helix-hand/helixHandProtocol.js';
import { runHandDirect } from './runHandDirect.js';
import { cli, repoRoot, tempDir } from '../../engine/helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const workflow = join(here, 'hand.yaml');
const dataDir = resolve(repoRoot, '../shared/data');
const hasData = existsSync(dataDir);
if (!hasData) console.warn(`test/level0/hand: ${dataDir} is absent — the real-map checks are skipped`);

afterAll(() => shutdownFftWorkers());

interface HandMetrics {
  handScore: number;
  candidatesFound: number;
  helixCandidates: number;
  helixLengthA: number;
  leftHandedLengthA: number;
  leftHandedCandidates: number;
  meanCcDifference: number;
  meanCcRight: number;
  meanCcLeft: number;
  minCorrelation: number;
  lowPassResolution: number;
  candidates: { centre: Vec3; axis: Vec3; length: number; ccRight: number; ccLeft: number }[];
}

async function run(map: string, params: Record<string, number>): Promise<{ out: string; section: SectionResult }> {
  const out = join(tempDir('vrs-hand-'), 'run');
  const args = Object.entries(params).flatMap(([k, v]) => ['-p', `${k}=${v}`]);
  const result = await cli(['run', workflow, '-p', `map=${map}`, ...args, '--out', out], { config: false });
  const log = join(out, 'logs/hand.log');
  expect(result.code, result.stderr + result.stdout + (existsSync(log) ? readFileSync(log, 'utf8').slice(-3000) : '')).toBe(0);
  return { out, section: JSON.parse(readFileSync(join(out, 'sections/0.h/section.json'), 'utf8')) as SectionResult };
}

/** The criteria of vrs-spec §6.8 (B25 text fixed) and the score, recomputed from the listed candidates. */
function expectConsistent(section: SectionResult): HandMetrics {
  const m = section.metrics as unknown as HandMetrics;
  expect(m.candidates).toHaveLength(m.helixCandidates);
  let total = 0;
  let left = 0;
  let diff = 0;
  for (const c of m.candidates) {
    expect(Math.max(c.ccRight, c.ccLeft)).toBeGreaterThanOrEqual(m.minCorrelation - 1e-4);
    total += c.length;
    if (c.ccLeft > c.ccRight) left += c.length;
    diff += c.length * (c.ccRight - c.ccLeft);
  }
  expect(m.handScore).toBeCloseTo(left / total, 3);
  expect(m.helixLengthA).toBeCloseTo(total, 1);
  expect(m.meanCcDifference).toBeCloseTo(diff / total, 3);
  expect(m.meanCcRight - m.meanCcLeft).toBeCloseTo(m.meanCcDifference, 4);
  expect(section.warnings.some((w) => w.includes('flipped'))).toBe(m.handScore > 0.5);
  expect(section.warnings.some((w) => w.includes('uncertain'))).toBe(m.handScore > 0.4);
  expect(section.status).toBe(section.warnings.length > 0 ? 'warnings' : 'ok');
  expect(section.abstract !== undefined).toBe(section.warnings.length > 0);
  const hist = section.plots!.find((p) => p.id === 'histogram')!;
  expect(hist.series[0]!.y.reduce((a, b) => a + b, 0)).toBe(m.helixCandidates);
  return m;
}

function expectViews(out: string, section: SectionResult): void {
  const figure = section.figures!.find((f) => f.id === 'hand_views')!;
  expect(figure.panels).toHaveLength(3);
  for (const panel of figure.panels) {
    const header = readPngHeader(readFileSync(join(out, 'sections/0.h', panel.file)));
    expect([header.width, header.height]).toEqual([panel.width, panel.height]);
  }
}

describe('0.h hand through the engine, on phantoms with known hands', () => {
  const phantom = { dims: [80, 80, 80] as Vec3, voxelSize: 1.2, resolution: 4, helices: 6, residuesPerHelix: 20, snr: 4, seed: 3 };

  it('right-handed helices: score 0, OK; the x-mirrored map: score 1 and both warnings', async () => {
    const dir = tempDir('vrs-hand-phantom-');
    const { volume, truth } = phantomMap(phantom);
    const rightFile = join(dir, 'right.mrc');
    const mirroredFile = join(dir, 'mirrored.mrc');
    await writeMap(rightFile, volume);
    await writeMap(mirroredFile, mirror(volume, 'x'));
    const right = await run(rightFile, { threshold: truth.suggestedThreshold, resolution: 4 });
    const m = expectConsistent(right.section);
    expect(m.handScore).toBe(0);
    expect(right.section.status).toBe('ok');
    expect(m.helixCandidates).toBeGreaterThanOrEqual(6);
    expect(m.lowPassResolution).toBe(5);
    expectViews(right.out, right.section);

    const mirrored = await run(mirroredFile, { threshold: truth.suggestedThreshold, resolution: 4 });
    const mm = expectConsistent(mirrored.section);
    expect(mm.handScore).toBe(1);
    expect(mirrored.section.warnings).toHaveLength(2);
    expect(mirrored.section.abstract).toBe('There seems to be a problem with the map hand.');
  });

  it('does not apply without a resolution or above 5 Å; could not be measured without density or helices', async () => {
    const { volume, truth } = phantomMap({ ...phantom, dims: [48, 48, 48], residuesPerHelix: 12 });
    const noResolution = await runHandDirect(volume, { threshold: truth.suggestedThreshold });
    expect(noResolution.status).toBe('not-applicable');
    expect(noResolution.reason).toMatch(/resolution was not reported/);
    const coarse = await runHandDirect(volume, { threshold: truth.suggestedThreshold, resolution: 5.5 });
    expect(coarse.status).toBe('not-applicable');
    expect(coarse.reason).toMatch(/worse than 5 Å/);
    const empty = await runHandDirect(volume, { threshold: 1e6, resolution: 4 });
    expect(empty.status).toBe('failed');
    expect(empty.reason).toMatch(/No voxel of the map reaches the threshold/);

    // through the engine: a map of blobs only
    const blobs = phantomMap({ dims: [48, 48, 48], helices: 0, blobs: 2, snr: Infinity });
    const blobFile = join(tempDir('vrs-hand-phantom-'), 'blobs.mrc');
    await writeMap(blobFile, blobs.volume);
    const none = await run(blobFile, { threshold: blobs.truth.suggestedThreshold, resolution: 4 });
    expect(none.section.status).toBe('failed');
    expect(none.section.reason).toMatch(/No α-helix candidate was found/);
  });

  it('reports a map with non-finite voxels or too coarse a grid without measuring', async () => {
    const { volume } = phantomMap({ dims: [32, 32, 32] });
    const bad = volume.clone();
    bad.data[7] = Number.NaN;
    bad.data[9] = Number.POSITIVE_INFINITY;
    const section = await runHandDirect(bad, { threshold: 0.1, resolution: 4 });
    expect(section.status).toBe('failed');
    expect(section.reason).toMatch(/2 voxels that are not finite/);
    const coarse = phantomMap({ dims: [32, 32, 32], voxelSize: 2.6, resolution: 6 }).volume;
    const coarseSection = await runHandDirect(coarse, { threshold: 0.1, resolution: 4.5 });
    expect(coarseSection.status).toBe('not-applicable');
    expect(coarseSection.reason).toMatch(/too coarse/);
  });
});


/** Points on the axes of the model's α-helices: the mean of CA i..i+3 wherever CA(i)–CA(i+3) and CA(i)–CA(i+4) have α-helix distances. */
async function modelHelixAxis(file: string): Promise<Vec3[]> {
  const { atoms } = await readModel(file);
  const ca: { chain: string; res: number; p: Vec3 }[] = [];
  for (let i = 0; i < atoms.count; i++) {
    if (atoms.name[i] === 'CA' && (atoms.altLoc[i] === '' || atoms.altLoc[i] === 'A') && atoms.modelNumber[i] === atoms.modelNumber[0]) {
      ca.push({ chain: atoms.chain[i]!, res: atoms.resSeq[i]!, p: [atoms.x[i]!, atoms.y[i]!, atoms.z[i]!] });
    }
  }
  const dist = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  const points: Vec3[] = [];
  for (let i = 0; i + 4 < ca.length; i++) {
    const c = ca.slice(i, i + 5);
    if (c.some((x) => x.chain !== c[0]!.chain) || c[4]!.res - c[0]!.res !== 4) continue;
    const d3 = dist(c[0]!.p, c[3]!.p);
    const d4 = dist(c[0]!.p, c[4]!.p);
    // ideal α-helix: 5.0–5.4 Å and 6.2 Å
    if (d3 > 4.5 && d3 < 5.6 && d4 > 5.6 && d4 < 6.8) points.push([0, 1, 2].map((k) => (c[0]!.p[k]! + c[1]!.p[k]! + c[2]!.p[k]! + c[3]!.p[k]!) / 4) as Vec3);
  }
  return points;
}

function fractionOnModelHelices(candidates: readonly { centre: Vec3 }[], axis: readonly Vec3[]): number {
  let on = 0;
  for (const c of candidates) if (axis.some((p) => Math.hypot(p[0] - c.centre[0], p[1] - c.centre[1], p[2] - c.centre[2]) < 3)) on++;
  return on / candidates.length;
}

describe.skipIf(!hasData)('0.h hand on real maps (deposited maps have the correct hand)', () => {
  it('emd_0093 (HCN4, 3.5 Å): low score on the map, high on its mirror; the candidates are the model’s α-helices', async () => {
    const file = join(dataDir, 'levelA/emd_0093_masked_MAP_m4A.mrc.gz');
    const original = await run(file, { threshold: 0.7, resolution: 3.5 });
    const m = expectConsistent(original.section);
    expect(m.handScore).toBeLessThanOrEqual(0.1);
    expect(original.section.status).toBe('ok');
    expect(m.helixCandidates).toBeGreaterThanOrEqual(30);
    expectViews(original.out, original.section);
    // Independent: 6gyn, fitted in this map, is built of L-amino acids in right-handed helices.
    const axis = await modelHelixAxis(join(dataDir, 'levelA/6gyn.pdb'));
    expect(fractionOnModelHelices(m.candidates, axis)).toBeGreaterThanOrEqual(0.8);

    const map = (await readMap(file)).volume;
    const mirroredFile = join(tempDir('vrs-hand-real-'), 'emd_0093_mirrored_x.mrc');
    await writeMap(mirroredFile, mirror(map, 'x'));
    const mirrored = await run(mirroredFile, { threshold: 0.7, resolution: 3.5 });
    const mm = expectConsistent(mirrored.section);
    expect(mm.handScore).toBeGreaterThanOrEqual(0.9);
    expect(mirrored.section.warnings).toHaveLength(2);
    expect(mm.handScore + m.handScore).toBeGreaterThan(0.85);
    expect(mm.handScore + m.handScore).toBeLessThan(1.15);
  });

  it('emd_20026 (apoferritin zone, 1.75 Å, threshold 0.02 ≈ mean + 3σ): low score, mirrored high', async () => {
    const map = (await readMap(join(dataDir, 'levelA/emd_20026_zone.mrc'))).volume;
    const original = await helixHandedness(map, { threshold: 0.02, resolution: 1.75 });
    const mirrored = await helixHandedness(mirror(map, 'y'), { threshold: 0.02, resolution: 1.75 });
    expect(original.acceptedCount).toBeGreaterThanOrEqual(5);
    expect(original.score!).toBeLessThanOrEqual(0.15);
    expect(mirrored.score!).toBeGreaterThanOrEqual(0.85);
    const axis = await modelHelixAxis(join(dataDir, 'levelA/emd_20026_3ajo_fitted_refined.pdb'));
    expect(fractionOnModelHelices(original.candidates.filter((c) => c.accepted), axis)).toBeGreaterThanOrEqual(0.8);
  });

  it('emd_30342 (a β-rich chain, 3.9 Å) has no α-helix candidate: could not be measured, no false warning', async () => {
    const map = (await readMap(join(dataDir, 'levelA/emd_30342_chainA_zone.mrc'))).volume;
    // 7cec chain A has 8 α-helical CA windows out of 553 residues
    const result = await helixHandedness(map, { threshold: 0.035, resolution: 3.9 });
    expect(result.candidates.length).toBeGreaterThan(5);
    expect(result.score).toBeNull();
  });
});
