import { beforeAll, describe, expect, it } from 'vitest';
import { applyBFactor, irfft3d, pearson, rfft3d, Volume, type SectionResult } from '../../../core/index.js';
import { runProtocolInProcess } from '../../level0/loc-bfactor/testing/runProtocolInProcess.js';
import { modelGuinierProtocol } from './modelGuinierProtocol.js';

// A "model map" whose Guinier curve is known in closed form: two concentric Gaussian blobs of unit
// mass, σ = 1 Å and 3 Å, on a 48³ grid of 1 Å. Its transform is Σ exp(−2π²σ²s²), so the curve is
// y(x) = const + ln(e^(−2π²x) + e^(−18π²x)) with x = 1/d² — curved, which lets the map–model
// correlation fall below 1 when the map carries another B-factor.
const n = 48;
const ts = 1;
const resolution = 3;
const geometry = { dims: [n, n, n] as [number, number, number], voxelSize: [ts, ts, ts] as [number, number, number], origin: [0, 0, 0] as [number, number, number] };
const sigmas = [1, 3];
const fitted = { json: { fitted: true, shiftA: [0, 0, 0], ccMask: 0.9, resolutionA: 3 } };

type Metrics = { correlation: number; correlationWithoutDc: number; rows: number };
const sectionOf = (out: Awaited<ReturnType<typeof runProtocolInProcess>>) => out.section!.value as SectionResult;

/** ln|F| of the blob pair at x = 1/d², up to a constant. */
const analytic = (x: number) => Math.log(sigmas.reduce((s, sigma) => s + Math.exp(-2 * Math.PI ** 2 * sigma ** 2 * x), 0));

describe('vrs.modelGuinier (A.d)', () => {
  let model: Volume<Float32Array>;
  beforeAll(() => {
    const data = new Float32Array(n ** 3);
    for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
      const r2 = ((x - n / 2) ** 2 + (y - n / 2) ** 2 + (z - n / 2) ** 2) * ts * ts;
      let v = 0;
      for (const s of sigmas) v += (2 * Math.PI * s * s) ** -1.5 * Math.exp(-r2 / (2 * s * s));
      data[(z * n + y) * n + x] = v;
    }
    model = new Volume(data, geometry);
  });

  /** The model with every amplitude inside Nyquist multiplied by exp(−B s²/4) (the 0.d correction kernel). */
  async function withBFactor(bFactor: number): Promise<Volume<Float32Array>> {
    const spectrum = await rfft3d(model.data, geometry.dims, { norm: 'forward' });
    applyBFactor(spectrum, geometry.dims, geometry.voxelSize, bFactor, 2 * ts);
    return model.withData(Float32Array.from(await irfft3d(spectrum, geometry.dims, { norm: 'forward' })));
  }

  /** Expected R: the rows are the shells i = 0 … 16 (d = 48/i ≥ 3 Å), x_i = (i/48)²; the map curve is y − (B/4)·x. */
  function expectedCorrelation(bFactor: number): number {
    const xs = Array.from({ length: 17 }, (_, i) => (i / (n * ts)) ** 2);
    const y = xs.map(analytic);
    return pearson(y, y.map((v, i) => v - (bFactor / 4) * xs[i]!));
  }

  it('map = model map: identical curves, R = 1', async () => {
    const section = sectionOf(await runProtocolInProcess(modelGuinierProtocol, { map: model, modelMap: model, placement: fitted }, { resolution }));
    const metrics = section.metrics as Metrics;
    expect(metrics.rows).toBe(17);
    expect(metrics.correlation).toBeCloseTo(1, 12);
    expect(section.status).toBe('ok');
    expect(section.plots![0]!.series[0]!.y).toEqual(section.plots![0]!.series[1]!.y);
  });

  it('a blurred map (B = +200 Å²) keeps a high correlation, as the straight-line computation predicts', async () => {
    const metrics = sectionOf(await runProtocolInProcess(modelGuinierProtocol, { map: await withBFactor(200), modelMap: model, placement: fitted }, { resolution })).metrics as Metrics;
    const expected = expectedCorrelation(200);
    expect(expected).toBeGreaterThan(0.98);
    expect(metrics.correlation).toBeCloseTo(expected, 2);
    expect(metrics.correlation).toBeLessThan(1 - 1e-4);
  });

  it('a strongly sharpened map (B = −200 Å²) turns the curve over: R ≈ −0.92 as predicted, and the warning fires', async () => {
    const section = sectionOf(await runProtocolInProcess(modelGuinierProtocol, { map: await withBFactor(-200), modelMap: model, placement: fitted }, { resolution }));
    const metrics = section.metrics as Metrics;
    const expected = expectedCorrelation(-200);
    expect(expected).toBeLessThan(-0.9);
    expect(metrics.correlation).toBeCloseTo(expected, 2);
    expect(section.status).toBe('warnings');
    expect(section.warnings[0]).toContain('below 0.5');
    expect(section.abstract).toBeDefined();
  });

  it('without a resolution: not applicable; a model that does not fit: the not-fitted section', async () => {
    const none = sectionOf(await runProtocolInProcess(modelGuinierProtocol, { map: model, modelMap: model, placement: fitted }, {}));
    expect(none.status).toBe('not-applicable');
    expect(none.reason).toContain('resolution was not reported');
    const unfitted = sectionOf(await runProtocolInProcess(modelGuinierProtocol, { placement: { json: { fitted: false, shiftA: [0, 0, 0], ccMask: 0.2, resolutionA: 3 } } }, { resolution }));
    expect(unfitted.id).toBe('A.d');
    expect(unfitted.status).toBe('not-applicable');
    expect(unfitted.reason).toContain('does not fit');
  });

  it('a zero model map fails with a reason', async () => {
    const zero = model.withData(new Float32Array(n ** 3));
    const section = sectionOf(await runProtocolInProcess(modelGuinierProtocol, { map: model, modelMap: zero, placement: fitted }, { resolution }));
    expect(section.status).toBe('failed');
    expect(section.reason).toContain('zero');
  });
});
