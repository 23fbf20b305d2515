import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emringerScore, mapSampler, modelMap, readMap, ringerScan, type SectionResult, type Vec3 } from '../../../core/index.js';
import { ringerTestAtoms, toPdb, type TestAtom } from '../../../core/kernels/atomic/testing/emringerTestModel.js';
import { runProtocolInProcess } from '../../level0/loc-bfactor/testing/runProtocolInProcess.js';
import { placedModel } from '../../shared/placedModel.js';
import { emringerProtocol } from './emringerProtocol.js';

const placement = { json: { fitted: true, shiftA: [0, 0, 0], ccMask: 0.9, resolutionA: 3 } };

function writeModel(atoms: readonly TestAtom[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'vrs-emringer-')), 'model.pdb');
  writeFileSync(file, toPdb(atoms));
  return file;
}

/** The model's density on a 0.5 Å grid around it, 5-Gaussian atoms (B 20 Å²) cut at 2 Å. */
async function densityOf(atoms: readonly TestAtom[]) {
  const xs = atoms.map((a) => a.xyz);
  const lo = [0, 1, 2].map((a) => Math.min(...xs.map((p) => p[a]!)) - 6) as Vec3;
  const hi = [0, 1, 2].map((a) => Math.max(...xs.map((p) => p[a]!)) + 6);
  const voxel = 0.5;
  const dims = [0, 1, 2].map((a) => Math.ceil((hi[a]! - lo[a]!) / voxel) + 1) as Vec3;
  const table = {
    count: atoms.length,
    x: Float64Array.from(atoms, (a) => a.xyz[0]),
    y: Float64Array.from(atoms, (a) => a.xyz[1]),
    z: Float64Array.from(atoms, (a) => a.xyz[2]),
    element: atoms.map((a) => a.element),
    b: new Float32Array(atoms.length).fill(20),
    occupancy: new Float32Array(atoms.length).fill(1),
  };
  return (await modelMap(table, { dims, voxelSize: [voxel, voxel, voxel], origin: lo }, { style: 'electron', resolution: 2 })).volume;
}

const section = (out: Awaited<ReturnType<typeof runProtocolInProcess>>) => out.section!.value as SectionResult;

describe('vrs.emringer on a synthetic model with the density at the model', () => {
  const n = 36;
  const rotameric = Array.from({ length: n }, (_, i) => [60, 180, 300][i % 3]! + [-10, 0, 10][Math.floor(i / 3) % 3]!);
  // Off-rotamer side chains: 0°, 120°, 240° ± up to 15° (bins 5, 1, 3 of the scorer).
  const scrambled = Array.from({ length: n }, (_, i) => [0, 120, 240][i % 3]! + [-15, -5, 5, 15][Math.floor(i / 3) % 4]!);

  it('side chains at rotamers in density that follows them: every peak rotameric, score 10·√(33/39) = 9.199, status ok', async () => {
    const atoms = ringerTestAtoms(rotameric);
    const out = section(await runProtocolInProcess(emringerProtocol, { map: await densityOf(atoms), model: { path: writeModel(atoms) }, placement }, { resolution: 2 }));
    expect(out.status).toBe('ok');
    expect(out.metrics.modelLength).toBe(n);
    expect(out.metrics.rotamerRatio).toBe(1);
    expect(out.metrics.emringerScore as number).toBeCloseTo(10 * Math.sqrt(33 / 39), 6);
    expect(out.metrics.maxZScore as number).toBeCloseTo(Math.sqrt(33 / 39) * Math.sqrt(n), 6);
    expect(out.plots!.map((p) => p.id)).toEqual(['emringer_threshold_scan', 'emringer_rotamer_ratio', 'emringer_chi1_histogram', 'emringer_rolling_A', 'emringer_rolling_z']);
    const hist = out.plots![2]!;
    expect(hist.series[1]!.y.reduce((a, b) => a + b, 0)).toBe(0);
    expect(hist.series[0]!.y.reduce((a, b) => a + b, 0)).toBe(n);
  });

  it('the score reads the density, not the model χ1: side chains moved off-rotamer in the same map score the same', async () => {
    const map = await densityOf(ringerTestAtoms(rotameric));
    const out = section(await runProtocolInProcess(emringerProtocol, { map, model: { path: writeModel(ringerTestAtoms(scrambled)) }, placement }, {}));
    expect(out.metrics.emringerScore as number).toBeCloseTo(10 * Math.sqrt(33 / 39), 6);
  });

  it('the placement shift is applied: a model stored 12 Å off, placed back by shiftA, scores as the fitted one', async () => {
    const atoms = ringerTestAtoms(rotameric);
    const map = await densityOf(atoms);
    const moved = atoms.map((a) => ({ ...a, xyz: [a.xyz[0] - 12, a.xyz[1] + 3, a.xyz[2]] as [number, number, number] }));
    const shifted = { json: { ...placement.json, shiftA: [12, -3, 0] } };
    const out = section(await runProtocolInProcess(emringerProtocol, { map, model: { path: writeModel(moved) }, placement: shifted }, {}));
    expect(out.metrics.emringerScore as number).toBeCloseTo(10 * Math.sqrt(33 / 39), 6);
  });

  it('density at off-rotamer χ1 for two thirds of the side chains: score clearly lower, below 1, warnings', async () => {
    const mixed = scrambled.map((chi, i) => (i % 3 === 0 ? rotameric[i]! : chi));
    const atoms = ringerTestAtoms(mixed);
    const out = section(await runProtocolInProcess(emringerProtocol, { map: await densityOf(atoms), model: { path: writeModel(atoms) }, placement }, {}));
    // Every threshold counts a subset of the peaks; at the lowest, all 36: Z = (12 − 36·39/72)/√(36·39·33/72²) = −2.509.
    const scan = out.metrics.thresholdScan as { zScore: number[]; peaks: number[] };
    expect(scan.peaks[0]).toBe(n);
    expect(scan.zScore[0]!).toBeCloseTo((12 - (36 * 39) / 72) / Math.sqrt((36 * 39 * 33) / 72 / 72), 9);
    expect(out.metrics.emringerScore as number).toBeLessThan(1);
    expect(out.status).toBe('warnings');
    expect(out.warnings[0]).toMatch(/below 1/);
  });

  it('no scored side chain in the map: failed with the reason', async () => {
    const atoms = ringerTestAtoms(rotameric.slice(0, 4));
    const map = await densityOf(atoms);
    const far = atoms.map((a) => ({ ...a, xyz: [a.xyz[0] + 500, a.xyz[1], a.xyz[2]] as [number, number, number] }));
    const out = section(await runProtocolInProcess(emringerProtocol, { map, model: { path: writeModel(far) }, placement }, {}));
    expect(out.status).toBe('failed');
    expect(out.reason).toMatch(/no residues could be scanned/);
  });

  it('model not fitted: not applicable, the map is not read', async () => {
    const out = section(await runProtocolInProcess(emringerProtocol, { model: { path: '/nonexistent.pdb' }, placement: { json: { fitted: false, shiftA: [0, 0, 0], ccMask: 0.1, resolutionA: 3, reason: 'test' } } }, {}));
    expect(out.status).toBe('not-applicable');
  });
});

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = resolve(repoRoot, '../shared/data');
const pairs = [
  { name: 'emd_20026 + 3ajo (1.75 Å)', map: 'levelA/emd_20026_zone.mrc', model: 'levelA/emd_20026_3ajo_fitted_refined.pdb', minScore: 2 },
  { name: 'emd_0093 + 6gyn (3.5 Å, 220³ gz)', map: 'levelA/emd_0093_masked_MAP_m4A.mrc.gz', model: 'levelA/6gyn.pdb', minScore: 0.5 },
];

for (const pair of pairs) {
  const mapFile = join(dataDir, pair.map);
  const modelFile = join(dataDir, pair.model);
  describe.skipIf(!existsSync(mapFile) || !existsSync(modelFile))(`vrs.emringer on ${pair.name}`, () => {
    it('finite score, in seconds', async () => {
      const t0 = performance.now();
      const map = (await readMap(mapFile)).volume;
      const t1 = performance.now();
      const out = section(await runProtocolInProcess(emringerProtocol, { map, model: { path: modelFile }, placement }, {}));
      const t2 = performance.now();
      const m = out.metrics;
      // The other interpolator, for the report: how much the choice moves the score.
      const { atoms, residues } = await placedModel(modelFile);
      const cubic = emringerScore(ringerScan(atoms, residues, mapSampler(map, 'tricubic')).scans);
      console.log(
        `${pair.name}: score ${m.emringerScore} (tricubic ${cubic.emringerScore}), Z ${m.maxZScore}, ratio ${m.rotamerRatio}, threshold ${m.optimalThreshold}, L ${m.modelLength}; read ${((t1 - t0) / 1000).toFixed(2)} s, protocol ${((t2 - t1) / 1000).toFixed(2)} s; ${out.results![1]}`,
      );
      expect(Number.isFinite(m.emringerScore)).toBe(true);
      expect(m.emringerScore as number).toBeGreaterThan(pair.minScore);
      expect(t2 - t1).toBeLessThan(20_000);
    }, 60_000);
  });
}

describe('EMRinger on a model without scored residues', () => {
  it('does not apply to a poly-alanine model (the phantom of core/phantom), with the reason', async () => {
    const { phantomMap, phantomModelPdb } = await import('../../../core/index.js');
    const { volume, truth } = phantomMap({});
    const file = join(mkdtempSync(join(tmpdir(), 'vrs-emringer-ala-')), 'ala.pdb');
    writeFileSync(file, phantomModelPdb(truth));
    const out = await runProtocolInProcess(emringerProtocol, { map: volume, model: { path: file }, placement: { json: { fitted: true, shiftA: [0, 0, 0], ccMask: 0.9, resolutionA: 4 } } }, {});
    const section = out['section']!.value as SectionResult;
    expect(section.status).toBe('not-applicable');
    expect(section.reason).toMatch(/poly-alanine/);
  });
});
