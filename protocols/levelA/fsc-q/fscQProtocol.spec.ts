import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { halfMapPair, modelMap, readMap, regionalResolutionPhantom, Volume, type SectionResult } from '../../../core/index.js';
import { runProtocolInProcess } from '../../level0/loc-bfactor/testing/runProtocolInProcess.js';
import { numpyPercentile } from '../../level1/testing/localResolutionTesting.js';
import { placedModel } from '../../shared/placedModel.js';
import { fscQProtocol } from './fscQProtocol.js';

const n = 40;
const ts = 1.5;
const geometry = { dims: [n, n, n] as [number, number, number], voxelSize: [ts, ts, ts] as [number, number, number], origin: [0, 0, 0] as [number, number, number] };
const fitted = { json: { fitted: true, shiftA: [0, 0, 0], ccMask: 0.9, resolutionA: 6 } };
const model = { path: '/nonexistent/model.pdb' };

type Outputs = Awaited<ReturnType<typeof runProtocolInProcess>>;
const sectionOf = (out: Outputs) => out.section!.value as SectionResult;

describe('vrs.fscQ (A.b)', () => {
  let signal: Float32Array;
  let mask: Volume<Float32Array>;
  let half1: Volume<Float32Array>;
  let half2: Volume<Float32Array>;
  let map: Volume<Float32Array>;
  beforeAll(() => {
    const phantom = regionalResolutionPhantom(geometry.dims, ts, [{ centre: [20, 20, 20], radius: 14, resolution: 6 }], { seed: 41 });
    signal = phantom.signal.data as Float32Array;
    mask = new Volume(Float32Array.from(phantom.mask), geometry);
    const halves = halfMapPair(phantom.signal, { seed: 42, noiseSd: 1.2 });
    half1 = halves.half1 as Volume<Float32Array>;
    half2 = halves.half2 as Volume<Float32Array>;
    map = new Volume(half1.data.map((v, i) => (v + half2.data[i]!) / 2), geometry);
  });

  it('returns the not-fitted section without reading any volume when the model does not fit', async () => {
    const out = await runProtocolInProcess(fscQProtocol, { placement: { json: { fitted: false, shiftA: [0, 0, 0], ccMask: 0.1, resolutionA: 3, reason: 'masked CC 0.100' } } }, {});
    const section = sectionOf(out);
    expect(section.id).toBe('A.b');
    expect(section.status).toBe('not-applicable');
    expect(section.reason).toContain('does not fit');
    expect(out.fscQr).toBeUndefined();
  });

  it('a model unrelated to the map: FSC-Qr far above 1.5 inside the atoms, the 10 % criterion warns; numbers match the FSC-Qr map', async () => {
    // An independent texture as "model map": the local FSC with the map is noise, its 0.67 crossing
    // sits at the first shells (tens of Å) while the halves reach ≈ 5–6 Å, so FSC-Qr ≫ 1.5.
    const wrong = regionalResolutionPhantom(geometry.dims, ts, [{ centre: [20, 20, 20], radius: 14, resolution: 6 }], { seed: 99 }).signal.data as Float32Array;
    const modelMapVolume = new Volume(wrong, geometry);
    const out = await runProtocolInProcess(fscQProtocol, { map, half1, half2, softMask: mask, model, placement: fitted, modelMap: modelMapVolume }, { step: 3, threshold: 0.5 });
    const section = sectionOf(out);
    const fscQr = (out.fscQr!.value as Volume<Float32Array>).data;
    // The sample, rebuilt from its definition: model map > 0.97, soft mask ≥ 0.5, box inside the map.
    const sample: number[] = [];
    for (let i = 0; i < fscQr.length; i++) {
      const x = i % n, y = Math.floor(i / n) % n, z = Math.floor(i / (n * n));
      if (wrong[i]! > 0.97 && mask.data[i]! >= 0.5 && [x, y, z].every((c) => c >= 10 && c <= 30)) sample.push(fscQr[i]!);
    }
    const sorted = [...sample].sort((a, b) => a - b);
    const metrics = section.metrics as { meanFscQr: number; interval: [number, number]; percentAbsAbove15: number; voxelsInsideAtoms: number };
    expect(metrics.voxelsInsideAtoms).toBe(sample.length);
    expect(metrics.meanFscQr).toBeCloseTo(sample.reduce((a, b) => a + b, 0) / sample.length, 6);
    expect(metrics.interval[0]).toBeCloseTo(numpyPercentile(sorted, 2.5), 6);
    expect(metrics.interval[1]).toBeCloseTo(numpyPercentile(sorted, 97.5), 6);
    const beyond = (100 * sample.filter((v) => Math.abs(v) > 1.5).length) / sample.length;
    expect(metrics.percentAbsAbove15).toBeCloseTo(beyond, 9);
    expect(beyond).toBeGreaterThan(50);
    expect(section.status).toBe('warnings');
    expect(section.warnings.some((w) => w.includes('|FSC-Qr| > 1.5'))).toBe(true);
    expect(section.abstract).toBeDefined();
    expect(section.plots![0]!.series[0]!.y.reduce((a, b) => a + b, 0)).toBe(sample.length);
    expect(section.figures![0]!.panels).toHaveLength(3);
    expect(section.figures![0]!.colorBar).toMatchObject({ min: -3, max: 3 });
    expect(Object.keys(out.section!.files ?? {})).toHaveLength(3);
  });

  it('identical halves and model map = map: every local FSC is 1, FSC-Qr is 0 everywhere and the homogeneity guard fires', async () => {
    // Both BlocRes runs compare a map with itself: both stop at Nyquist (3 Å), FSC-Q = 3 − 3 = 0.
    const out = await runProtocolInProcess(fscQProtocol, { map, half1: map, half2: map, softMask: mask, model, placement: fitted, modelMap: map }, { step: 3 });
    const section = sectionOf(out);
    const metrics = section.metrics as { meanFscQr: number; interval: [number, number]; percentAbsAbove15: number };
    expect(metrics.meanFscQr).toBe(0);
    expect(metrics.interval).toEqual([0, 0]);
    expect(metrics.percentAbsAbove15).toBe(0);
    expect(section.status).toBe('warnings');
    expect(section.warnings).toHaveLength(1);
    expect(section.warnings[0]).toContain('homogeneous');
    expect(section.figures).toEqual([]);
  });

  const half1Path = '/work/shared/data/level1/emd_5168_half1.mrc';
  const modelPath = '/work/shared/data/levelA/emd_5168_3mfp_model.pdb';
  describe.skipIf(!existsSync(half1Path) || !existsSync(modelPath))('EMD-5168 synthetic halves with the 3MFP homology model', () => {
    it('the model as deposited scores better (lower FSC-Qr) than the same model displaced by 8 Å', async () => {
      const dir = '/work/shared/data/level1/';
      const [full, h1, h2] = await Promise.all(['full', 'half1', 'half2'].map(async (k) => (await readMap(`${dir}emd_5168_${k}.mrc`)).volume as Volume<Float32Array>));
      const { atoms } = await placedModel(modelPath);
      // The soft mask: the model's own envelope (electron model map at 8 Å above 2 % of its maximum).
      const envelope = (await modelMap(atoms, full!.geometry, { style: 'electron', resolution: 8 })).volume.data;
      let top = 0;
      for (const v of envelope) top = Math.max(top, v);
      const softMask = full!.withData(Float32Array.from(envelope, (v) => (v > 0.02 * top ? 1 : 0)));
      const run = async (shiftA: [number, number, number]) => {
        const placed = await placedModel(modelPath, shiftA);
        const mm = (await modelMap(placed.atoms, full!.geometry, { style: 'xmipp' })).volume;
        const out = await runProtocolInProcess(fscQProtocol, { map: full, half1: h1, half2: h2, softMask, model: { path: modelPath }, placement: { json: { fitted: true, shiftA, ccMask: 0.8, resolutionA: 6.6 } }, modelMap: mm }, { maxBoxes: 1500 });
        return sectionOf(out).metrics as { meanFscQr: number; voxelsInsideAtoms: number; step: number };
      };
      const given = await run([0, 0, 0]);
      const moved = await run([8, 0, 0]);
      expect(given.voxelsInsideAtoms).toBeGreaterThan(500);
      expect(moved.meanFscQr).toBeGreaterThan(given.meanFscQr + 0.2);
    }, 60_000);
  });
});
