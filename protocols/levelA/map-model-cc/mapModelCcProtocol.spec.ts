import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { modelMap, readMap, SeededRandom, shutdownFftWorkers, Volume, type SectionResult, type VolumeGeometry } from '../../../core/index.js';
import { syntheticHelix } from '../../../core/kernels/atomic/testing/syntheticHelix.js';
import { runProtocolInProcess } from '../../level0/loc-bfactor/testing/runProtocolInProcess.js';
import type { ModelPlacement } from '../../shared/placedModel.js';
import { fitCorrelation } from '../model-fit/fitCorrelation.js';
import { mapModelCcProtocol } from './mapModelCcProtocol.js';

afterAll(() => shutdownFftWorkers());

const geometry: VolumeGeometry = { dims: [40, 40, 40], voxelSize: [1, 1, 1], origin: [0, 0, 0] };
const helix = syntheticHelix({ length: 20, centre: [20, 20, 20], chains: ['A', 'B'] });
const modelFile = join(mkdtempSync(join(tmpdir(), 'vrs-mapmodelcc-')), 'helix.pdb');
writeFileSync(modelFile, helix.pdb);

const placement = (over: Partial<ModelPlacement> = {}): ModelPlacement => ({ fitted: true, shiftA: [0, 0, 0], ccMask: 0.9, resolutionA: 3, ...over });

async function run(map: Volume<Float32Array> | undefined, params: Record<string, unknown>, place = placement(), model = modelFile): Promise<SectionResult> {
  const out = await runProtocolInProcess(mapModelCcProtocol, { map, model: { path: model }, placement: { json: place } }, params);
  return out.section!.value as SectionResult;
}

/** The helix's model map at d0 (only the atoms kept by `keep`), plus white noise of `noise` × its rms. */
async function phantom(d0: number, noise: number, keep?: (atom: number) => boolean): Promise<Volume<Float32Array>> {
  const select = keep ? Int32Array.from({ length: helix.atoms.count }, (_, i) => i).filter(keep) : undefined;
  const { volume } = await modelMap(helix.atoms, geometry, { style: 'electron', resolution: d0, ...(select ? { select } : {}) });
  let power = 0;
  for (const v of volume.data) power += v * v;
  if (noise > 0) new SeededRandom(2).addNormalNoise(volume.data, noise * Math.sqrt(power / volume.data.length));
  return volume;
}

type Metrics = Record<string, number | null> & { ccPerChain: Record<string, number | null>; perResidue: { chain: string; seq: number; name: string; cc: number | null }[] };

describe('vrs.mapModelCc', () => {
  it('does not read the map when the model does not fit', async () => {
    const section = await run(undefined, {}, placement({ fitted: false, ccMask: 0.1, reason: 'masked CC 0.100' }));
    expect(section.status).toBe('not-applicable');
    expect(section.reason).toContain('does not fit');
  });

  it('the model map against itself: every CC is 1; the metrics, table and plots the contract names', async () => {
    const section = await run(await phantom(3, 0), { resolution: 2 });
    const m = section.metrics as Metrics;
    expect(Object.keys(m).sort()).toEqual(
      [
        'ccMask', 'ccBox', 'ccVolume', 'ccPeaks', 'ccMainChain', 'ccSideChain', 'ccPerChain', 'perResidue', 'percentResiduesBelow05',
        'd99', 'dModel', 'dFscModel0', 'dFscModel0143', 'dFscModel05', 'd99Unmasked', 'dModelUnmasked',
        'dFscModel0Unmasked', 'dFscModel0143Unmasked', 'dFscModel05Unmasked', 'maskSmoothingRadiusA', 'resolutionA',
      ].sort(),
    );
    // Resolution 2 Å is raised to 3 Å, where the phantom was made: the two model maps are the same.
    expect(m.resolutionA).toBe(3);
    for (const key of ['ccMask', 'ccBox', 'ccVolume', 'ccPeaks', 'ccMainChain', 'ccSideChain']) expect(m[key]).toBeCloseTo(1, 5);
    expect(Object.keys(m.ccPerChain)).toEqual(['A', 'B']);
    for (const cc of Object.values(m.ccPerChain)) expect(cc).toBeCloseTo(1, 5);
    expect(m.perResidue).toHaveLength(20);
    expect(m.perResidue[0]).toEqual({ chain: 'A', seq: 1, name: 'SER', cc: expect.closeTo(1, 5) });
    expect(m.percentResiduesBelow05).toBe(0);
    expect(section.results!.join(' ')).toContain('max(reported resolution 2.00 Å, 3 Å)');
    expect(section.tables![0]!.rows).toEqual([
      { chain: 'A', residues: 10, cc: expect.closeTo(1, 5) },
      { chain: 'B', residues: 10, cc: expect.closeTo(1, 5) },
    ]);
    expect(section.plots!.map((p) => p.id)).toEqual(['cc_per_residue_A', 'cc_per_residue_B', 'cc_per_residue_histogram', 'map_model_fsc']);
    expect(section.plots![0]!.hLines![0]!.y).toBeCloseTo(1, 5);
    expect(section.plots![3]!.series.map((s) => s.label)).toEqual(['Masked', 'Unmasked']);
    expect(section.plots![3]!.hLines).toEqual([{ y: 0.5, label: '0.5' }]);
    expect(section.method).toContain('not Phenix');
    // The map cut at 3 Å against the model map to Nyquist: the unmasked FSC falls from 1 to 0 at 1/3 Å⁻¹.
    expect(1 / m.dFscModel05Unmasked!).toBeGreaterThan(1 / 3 - 1 / 40);
    expect(1 / m.dFscModel05Unmasked!).toBeLessThan(1 / 3 + 1 / 40);
    // Masked, both spectra are convolved with the same mask spectrum: correlation spills past 1/3 Å⁻¹.
    expect(m.dFscModel05!).toBeLessThanOrEqual(m.dFscModel05Unmasked!);
    expect(m.dFscModel05!).toBeGreaterThan(0.85 * 3);
    expect(section.status).toBe('warnings');
    expect(section.warnings).toHaveLength(1);
    expect(section.warnings[0]).toContain('finer than 0.8 × d_FSC,model(0.5, masked)');
  });

  it('a phantom at d0 = 4 Å with noise: d_model and the FSC 0.5 crossing near 4 Å; no warning at the true resolution', async () => {
    const section = await run(await phantom(4, 0.1), { resolution: 4 });
    const m = section.metrics as Metrics;
    expect(m.ccMask).toBeGreaterThan(0.98);
    expect(Math.abs(m.dModel! - 4)).toBeLessThanOrEqual(4 * 4 * (1 / 160) * 1.01);
    expect(m.d99!).toBeGreaterThan(3.85);
    expect(m.d99!).toBeLessThan(5);
    expect(1 / m.dFscModel05Unmasked!).toBeGreaterThanOrEqual(1 / 4 - 1 / 40);
    expect(1 / m.dFscModel05Unmasked!).toBeLessThanOrEqual(1 / 4 + 1 / 40);
    // The masked crossing is finer (see above), here by about three shells on a thin helix.
    expect(m.dFscModel05!).toBeLessThanOrEqual(m.dFscModel05Unmasked!);
    expect(m.dFscModel05!).toBeGreaterThan(0.85 * 4);
    expect(section.status).toBe('ok');
    expect(section.resolutionEstimates!.map((e) => e.method)).toEqual([
      'd99 (map, ours)',
      'd_model (map–model, ours)',
      'd_FSC,model at 0 (masked, ours)',
      'd_FSC,model at 0.143 (masked, ours)',
      'd_FSC,model at 0.5 (masked, ours)',
    ]);
  });

  it('warns when more than 10 % of the residues have no density, and for a resolution finer than 0.8 × d_FSC,model(0.5)', async () => {
    // Chain B's density missing: half the residues.
    const section = await run(await phantom(4, 0.1, (i) => helix.atoms.chain[i] === 'A'), { resolution: 2.5 });
    const m = section.metrics as Metrics;
    // Chain A's end next to the missing chain B loses some density too.
    expect(m.ccPerChain.A).toBeGreaterThan(0.8);
    expect(m.ccPerChain.B).toBeLessThan(0.5);
    expect(m.percentResiduesBelow05).toBeGreaterThanOrEqual(40);
    expect(section.status).toBe('warnings');
    expect(section.warnings).toHaveLength(2);
    expect(section.warnings[0]).toContain('more than 10 %');
    expect(section.abstract).toContain('Phenix');
  });

  it('CC(mask) is the fit check’s masked CC (same molecular mask, same model map)', async () => {
    const map = await phantom(3.5, 0.3);
    const section = await run(map, { resolution: 3.5 });
    const { ccMask } = await fitCorrelation(map, helix.atoms, 3.5);
    expect((section.metrics as Metrics).ccMask).toBeCloseTo(ccMask, 5);
  });

  it('a model placed 3 Å away from its density correlates poorly', async () => {
    const section = await run(await phantom(3, 0.05), { resolution: 3 }, placement({ shiftA: [0, 3, 0] }));
    const m = section.metrics as Metrics;
    expect(m.ccMask).toBeLessThan(0.4);
    expect(m.percentResiduesBelow05).toBeGreaterThan(50);
  });
});

const dataDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../shared/data/levelA');
const pairs = [
  { map: 'emd_6272_fragment.mrc', model: 'emd_6272_fragment.pdb', resolution: undefined },
  { map: 'emd_0093_masked_MAP_m4A.mrc.gz', model: '6gyn.pdb', resolution: 3.5 },
];

describe.skipIf(!pairs.every((p) => existsSync(join(dataDir, p.map)) && existsSync(join(dataDir, p.model))))('vrs.mapModelCc on real map–model pairs', () => {
  it('emd_6272 fragment and emd_0093 + 6gyn (220³): finite correlations in [−1, 1], resolutions in range, under 30 s each', async () => {
    for (const pair of pairs) {
      const map = (await readMap(join(dataDir, pair.map))).volume;
      const start = performance.now();
      const section = await run(map, pair.resolution !== undefined ? { resolution: pair.resolution } : {}, placement({ resolutionA: 3.5 }), join(dataDir, pair.model));
      const seconds = (performance.now() - start) / 1000;
      expect(seconds).toBeLessThan(30);
      const m = section.metrics as Metrics;
      for (const key of ['ccMask', 'ccBox', 'ccVolume', 'ccPeaks', 'ccMainChain', 'ccSideChain']) {
        expect(Number.isFinite(m[key])).toBe(true);
        expect(Math.abs(m[key]!)).toBeLessThanOrEqual(1);
      }
      const residueCcs = m.perResidue.map((r) => r.cc).filter((v): v is number => v !== null);
      expect(residueCcs.length).toBeGreaterThan(0.9 * m.perResidue.length);
      for (const cc of residueCcs) expect(Math.abs(cc)).toBeLessThanOrEqual(1);
      // A fitted model at ~3.5 Å: the map–model FSC reaches 0.5 between Nyquist and 10 Å.
      for (const key of ['d99', 'dModel', 'dFscModel05']) {
        expect(m[key]!).toBeGreaterThanOrEqual(2 * map.voxelSize[0] - 1e-9);
        expect(m[key]!).toBeLessThan(10);
      }
      expect(['ok', 'warnings']).toContain(section.status);
    }
  });
});
