import { describe, expect, it } from 'vitest';
import { irfft3dSync, rfft3dSync, SeededRandom, Volume, VrsInputError, type SectionResult, type Vec3 } from '../../../core/index.js';
import { runProtocolInProcess } from '../../level0/loc-bfactor/testing/runProtocolInProcess.js';
import { fscPermutationProtocol } from './fscPermutationProtocol.js';

const n = 32;
const ts = 1.5;

function volumeOf(data: Float32Array, voxel = ts): Volume<Float32Array> {
  return new Volume(data, { dims: [n, n, n], voxelSize: [voxel, voxel, voxel], origin: [0, 0, 0] });
}

function noise(seed: number, sd = 1): Float32Array {
  const random = new SeededRandom(seed);
  return Float32Array.from({ length: n ** 3 }, () => sd * random.normal());
}

function signedIndex(k: number): number {
  return k <= n / 2 ? k : k - n;
}

/** White noise keeping only the Fourier points of SPOC shells 0 … K (|k| < K + ½). */
function bandLimited(shells: number, seed: number): Float32Array {
  const dims: Vec3 = [n, n, n];
  const spectrum = rfft3dSync(Float64Array.from(noise(seed)), dims);
  let p = 0;
  for (let kz = 0; kz < n; kz++)
    for (let ky = 0; ky < n; ky++)
      for (let kx = 0; kx <= n / 2; kx++, p++) {
        if (Math.sqrt(kx * kx + signedIndex(ky) ** 2 + signedIndex(kz) ** 2) < shells + 0.5) continue;
        spectrum[2 * p] = 0;
        spectrum[2 * p + 1] = 0;
      }
  return Float32Array.from(irfft3dSync(spectrum, dims));
}

const ones = volumeOf(new Float32Array(n ** 3).fill(1));

async function section(half1: Volume<Float32Array>, half2: Volume<Float32Array>, params: Record<string, unknown> = {}, softMask: Volume<Float32Array> = ones): Promise<SectionResult> {
  const out = await runProtocolInProcess(fscPermutationProtocol, { half1, half2, softMask }, params);
  return out['section']!.value as SectionResult;
}

// S/(S+N) = 0.9 up to shell K = 6 and 0 beyond (noise of standard deviation 1/3 against a white
// unit-variance signal): significance ends exactly at shell 6, resolution N·Ts/6 = 8 Å.
const K = 6;
const signal = bandLimited(K, 4);
const noise1 = noise(5, 1 / 3);
const noise2 = noise(6, 1 / 3);
const half1 = volumeOf(signal.map((v, i) => v + noise1[i]!));
const half2 = volumeOf(signal.map((v, i) => v + noise2[i]!));

describe('vrs.fscPermutation (1.b)', () => {
  it('keeps the metrics contract on a band-limited phantom: resolution N·Ts/K, curve, estimate, plots with frequency on x', async () => {
    const s = await section(half1, half2, { resolution: 8.5 });
    expect(s.id).toBe('1.b');
    expect(s.level).toBe('1');
    expect(s.summaryLabel).toBe('1.b FSC permutation test (FDR-controlled FSC)');
    expect(s.metrics).toMatchObject({ fdrResolution: (n * ts) / K, fdr: 0.01, seed: 3, outcome: 'shell', fdrShell: K, mask: 'softMask' });
    const curve = s.metrics['curve'] as { frequency: number[]; fsc: number[]; qValue: number[] };
    expect(curve.frequency).toHaveLength(n / 2);
    curve.frequency.forEach((f, k) => expect(f).toBeCloseTo((k + 1) / (n * ts), 14));
    expect(curve.fsc).toHaveLength(n / 2);
    for (let k = 0; k < K; k++) expect(curve.qValue[k]).toBeLessThanOrEqual(0.01);
    expect(curve.qValue[K]).toBeGreaterThan(0.01);
    // in-band FSC ≈ 0.9, out of band ≈ 0 (shell sizes ≥ 100: scatter ≲ 0.1)
    for (let k = 1; k < K; k++) expect(curve.fsc[k]).toBeGreaterThan(0.8);
    for (let k = K + 1; k < n / 2; k++) expect(Math.abs(curve.fsc[k]!)).toBeLessThan(0.1);
    expect(s.resolutionEstimates).toEqual([{ method: 'FDR-FSC (1% FDR)', value: (n * ts) / K }]);
    expect(s.status).toBe('ok');
    expect(s.plots!.map((p) => p.id)).toEqual(['fsc_fdr', 'q_values']);
    expect(s.plots![0]!.series[0]!.x).toEqual(curve.frequency);
    expect(s.plots![0]!.vLines![0]!.x).toBeCloseTo(K / (n * ts), 14);
    expect(s.results![0]).toMatch(/resolution at 1% FDR is {0,3}8\.0 Å/);
  });

  it('warns when the reported resolution is finer than 80 % of the FDR resolution; no resolution: no criteria', async () => {
    // 0.8·8 Å = 6.4 Å
    const warned = await section(half1, half2, { resolution: 6.3 });
    expect(warned.status).toBe('warnings');
    expect(warned.warnings).toHaveLength(1);
    expect(warned.warnings[0]).toMatch(/particularly high with respect to the FDR-FSC \(1% FDR\) resolution \(8\.00 Å\)/);
    expect((await section(half1, half2, { resolution: 6.5 })).status).toBe('ok');
    const free = await section(half1, half2, {});
    expect(free.status).toBe('no-criteria');
    expect(free.metrics['fdrResolution']).toBe((n * ts) / K);
  });

  it('is deterministic for a seed and records it', async () => {
    const a = await section(half1, half2, { seed: 11 });
    const b = await section(half1, half2, { seed: 11 });
    expect(a.metrics['seed']).toBe(11);
    expect(b.metrics['curve']).toEqual(a.metrics['curve']);
    await expect(section(half1, half2, { seed: 1.5 })).rejects.toThrow(/integer/);
  });

  it('reaches Nyquist (2·Ts) for identical halves, and finds nothing (or almost nothing) for independent noise', async () => {
    const same = await section(half1, volumeOf(half1.data.slice()), { resolution: 4 });
    expect(same.metrics).toMatchObject({ outcome: 'nyquist', fdrResolution: 2 * ts });
    expect(same.notes!.join(' ')).toMatch(/limited by the sampling/);
    const pure = await section(volumeOf(noise(21)), volumeOf(noise(22)), { resolution: 4 });
    if (pure.status === 'failed') {
      expect(pure.reason).toMatch(/Not even the first Fourier shell/);
      expect(pure.metrics['fdrResolution']).toBeNull();
    } else expect(pure.metrics['fdrResolution'] as number).toBeGreaterThanOrEqual((n * ts) / 2);
  });

  it("uses the soft mask (its grid checked), or SPOC's circular mask on request", async () => {
    // A soft mask that halves the map: the result differs from the unmasked one, and is that of
    // the halves multiplied by the mask beforehand with a mask of ones.
    const halfMask = volumeOf(Float32Array.from({ length: n ** 3 }, (_, i) => (i < n ** 3 / 2 ? 1 : 0.25)));
    const masked = await section(half1, half2, {}, halfMask);
    const premultiplied = await section(volumeOf(half1.data.map((v, i) => v * halfMask.data[i]!)), volumeOf(half2.data.map((v, i) => v * halfMask.data[i]!)), {});
    expect(masked.metrics['curve']).toEqual(premultiplied.metrics['curve']);
    const circular = await section(half1, half2, { mask: 'circular' });
    expect(circular.metrics['mask']).toBe('circular');
    expect(circular.notes!.join(' ')).toMatch(/circular mask: radius min\(N\)\/2 − 4 = 12 voxels/);
    expect(circular.metrics['curve']).not.toEqual((await section(half1, half2, {})).metrics['curve']);
    await expect(section(half1, half2, {}, volumeOf(ones.data, 2))).rejects.toThrow(VrsInputError);
    const empty = await section(half1, half2, {}, volumeOf(new Float32Array(n ** 3)));
    expect(empty.status).toBe('failed');
    expect(empty.reason).toMatch(/soft mask is empty/);
  });

  it('fails with a reason for non-finite voxels', async () => {
    const bad = half2.clone();
    bad.data[10] = Number.POSITIVE_INFINITY;
    const s = await section(half1, bad);
    expect(s.status).toBe('failed');
    expect(s.reason).toMatch(/second half map has 1 voxel that is not a finite number/);
  });
});
