import { describe, expect, it } from 'vitest';
import { fitSlopeWeights, readPngHeader, sweepFrequencies, Volume, type BinaryMask, type SectionResult } from '../../../core/index.js';
import { bandVariances, randomPhaseField } from '../../../core/kernels/locspiral/testing/randomPhaseFields.js';
import { locBfactorProtocol } from './locBfactorProtocol.js';
import { runProtocolInProcess } from './testing/runProtocolInProcess.js';

const n = 40;
const ts = 1.5;

function volumeOf(data: Float32Array, voxel = ts): Volume<Float32Array> {
  return new Volume(data, { dims: [n, n, n], voxelSize: [voxel, voxel, voxel], origin: [0, 0, 0] });
}
/** The lower half of the box (z < n/2) as the molecule. */
function halfMask(): BinaryMask {
  const data = new Uint8Array(n ** 3);
  data.fill(1, 0, (n ** 3) / 2);
  return new Volume(data, { dims: [n, n, n], voxelSize: [ts, ts, ts], origin: [0, 0, 0] });
}

async function section(inputs: Record<string, Volume<Float32Array> | BinaryMask>, params: Record<string, unknown>) {
  const outputs = await runProtocolInProcess(locBfactorProtocol, inputs, params);
  return { section: outputs['section']!.value as SectionResult, files: outputs['section']!.files, map: outputs['bFactorMap']?.value as Volume<Float32Array> | undefined };
}

/** 4·slope of ½ ln σ(φ)² against φ² (see the kernel's tests): the expected mean local B. */
function expectedMeanB(bFactor: number, voxel: number, resolution: number): number {
  const f = sweepFrequencies(15, resolution, 10);
  const c = fitSlopeWeights(Array.from(f, (v) => v * v));
  return bandVariances(n, voxel, bFactor, f).reduce((sum, v, j) => sum + 4 * c[j]! * 0.5 * Math.log(v), 0);
}

/** 1 inside a ball of `radius` voxels about the box centre, 0 outside. */
function ball(radius: number): Float32Array {
  const out = new Float32Array(n ** 3);
  for (let i = 0; i < out.length; i++) {
    const x = i % n;
    const y = Math.floor(i / n) % n;
    const z = Math.floor(i / (n * n));
    out[i] = Math.hypot(x - n / 2, y - n / 2, z - n / 2) < radius ? 1 : 0;
  }
  return out;
}

describe('vrs.locBfactor', () => {
  const field = volumeOf(randomPhaseField(n, ts, 0, 2));
  const mask = halfMask();

  it('does not apply without a resolution, at 15 Å or worse (corrected), or beyond the map’s Nyquist frequency', async () => {
    const none = await section({ map: field, mask }, {});
    expect(none.section.status).toBe('not-applicable');
    expect(none.section.reason).toMatch(/not reported/);
    expect(none.map).toBeUndefined();
    expect((await section({ map: field, mask }, { resolution: 15 })).section.reason).toMatch(/not finer than 15 Å/);
    // 2·1.5 Å = 3 Å is the finest resolution the map holds.
    expect((await section({ map: field, mask }, { resolution: 2.9 })).section.reason).toMatch(/finer than twice the voxel size/);
    expect((await section({ map: field, mask }, { resolution: 3 })).section.status).not.toBe('not-applicable');
  });

  it('runs at 18 Å with compatibility: original, sweeping 1/15 → 1/18 Å⁻¹ as the original does', async () => {
    const coarse = volumeOf(randomPhaseField(n, 6, 0, 2), 6);
    const result = await section({ map: coarse, mask }, { resolution: 18, compatibility: 'original' });
    expect(['ok', 'warnings']).toContain(result.section.status);
    const f = result.section.metrics['frequencies'] as number[];
    expect([f[0], f[9]]).toEqual([1 / 15, 1 / 18]);
    expect(result.section.notes!.join(' ')).toMatch(/Original behaviour/);
  });

  it('could not be measured: NaN voxels, an empty mask, no background in the inscribed sphere', async () => {
    const nan = field.clone();
    nan.data[123] = Number.NaN;
    const withNan = await section({ map: nan, mask }, { resolution: 3.5 });
    expect(withNan.section.status).toBe('failed');
    expect(withNan.section.reason).toMatch(/1 NaN or infinite/);
    const empty = await section({ map: field, mask: mask.withData(new Uint8Array(n ** 3)) }, { resolution: 3.5 });
    expect(empty.section.reason).toMatch(/mask of the resized map is empty/);
    const full = await section({ map: field, mask: mask.withData(new Uint8Array(n ** 3).fill(1)) }, { resolution: 3.5 });
    expect(full.section.reason).toMatch(/No background voxel/);
  });

  it('passes a random-phase map with B = 0 and warns for B = 800 (median below −300 Å²)', async () => {
    // 40³ boxes of 3 Å swept from 15 to 7 Å. Expected mean local B (kernel tests): −107 Å² for B = 0
    // and −592 Å² for B = 800 (the 4.8-voxel shell of a 120 Å box is wide: the scale is compressed).
    const voxel = 3;
    expect(expectedMeanB(0, voxel, 7)).toBeGreaterThan(-250);
    expect(expectedMeanB(800, voxel, 7)).toBeLessThan(-350);
    const flat = volumeOf(randomPhaseField(n, voxel, 0, 2), voxel);
    // A small ball as the soft mask keeps the surface of the noise-like map small (fast views).
    const soft = flat.withData(ball(6));
    const ok = await section({ map: flat, mask, softMask: soft }, { resolution: 7, threshold: 0.5 });
    expect(ok.section.status).toBe('ok');
    expect(ok.section.abstract).toBeUndefined();
    const p = ok.section.metrics['percentiles'] as { p2_5: number; p50: number; p97_5: number };
    expect(Math.abs(p.p50 - expectedMeanB(0, voxel, 7))).toBeLessThan(25);
    const figure = ok.section.figures![0]!;
    expect([figure.colorBar!.min, figure.colorBar!.max]).toEqual([p.p2_5, p.p97_5]);
    for (const panel of figure.panels) expect(readPngHeader(ok.files![panel.file]!).width).toBe(panel.width);
    expect(ok.map!.dims).toEqual([n, n, n]);

    const steep = await section({ map: volumeOf(randomPhaseField(n, voxel, 800, 2), voxel), mask }, { resolution: 7 });
    expect(steep.section.status).toBe('warnings');
    expect(Math.abs((steep.section.metrics['percentiles'] as { p50: number }).p50 - expectedMeanB(800, voxel, 7))).toBeLessThan(40);
    expect(steep.section.warnings).toEqual([expect.stringMatching(/^The median B-factor \(-\d+\.\d\d Å²\) is out of the interval \[-300, 0\] Å²\.$/)]);
    expect(steep.section.abstract).toBe('There seems to be a problem with its local B-factor.');
    expect(steep.section.figures).toEqual([]);
  });

  it('flags a plane wave, whose local B is the same everywhere, as too homogeneous', async () => {
    const wave = new Float32Array(n ** 3);
    for (let i = 0; i < wave.length; i++) {
      const x = i % n;
      const y = Math.floor(i / n) % n;
      wave[i] = Math.cos((2 * Math.PI * (3 * x + 2 * y)) / n);
    }
    const result = await section({ map: volumeOf(wave), mask }, { resolution: 3.5 });
    const p = result.section.metrics['percentiles'] as { p2_5: number; p97_5: number };
    expect(Math.abs(p.p97_5 - p.p2_5)).toBeLessThan(0.01);
    expect(result.section.warnings[0]).toMatch(/too homogeneous/);
  });
});
