import { describe, expect, it } from 'vitest';
import { Volume, type BinaryMask, type SectionResult } from '../../../core/index.js';
import { randomPhaseField } from '../../../core/kernels/locspiral/testing/randomPhaseFields.js';
import { runProtocolInProcess } from '../loc-bfactor/testing/runProtocolInProcess.js';
import { locOccupancyProtocol } from './locOccupancyProtocol.js';

const n = 40;

function volumeOf(data: Float32Array, voxel: number): Volume<Float32Array> {
  return new Volume(data, { dims: [n, n, n], voxelSize: [voxel, voxel, voxel], origin: [0, 0, 0] });
}
function halfMask(): BinaryMask {
  const data = new Uint8Array(n ** 3);
  data.fill(1, 0, (n ** 3) / 2);
  return new Volume(data, { dims: [n, n, n], voxelSize: [1, 1, 1], origin: [0, 0, 0] });
}
async function section(inputs: Record<string, Volume<Float32Array> | BinaryMask>, params: Record<string, unknown>) {
  const outputs = await runProtocolInProcess(locOccupancyProtocol, inputs, params);
  return { section: outputs['section']!.value as SectionResult, map: outputs['occupancyMap']?.value as Volume<Float32Array> | undefined };
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

describe('vrs.locOccupancy', () => {
  const mask = halfMask();

  it('measures a random-phase map: K by hand, values k/K, mean ¾ over the mask', async () => {
    // 40³ of 3 Å, R = 7: σf = 4.8/120 = 0.04; K = int((1/7 − 1/15)/0.04) = int(1.90) = 1.
    // 40³ of 2 Å, R = 4.5: σf = 0.06; K = int((0.22222 − 0.06667)/0.06) = int(2.59) = 2.
    const one = await section({ map: volumeOf(randomPhaseField(n, 3, 50, 4), 3), mask }, { resolution: 7 });
    expect(one.section.metrics['frequencyCount']).toBe(1);
    const two = await section({ map: volumeOf(randomPhaseField(n, 2, 50, 4), 2), mask, softMask: volumeOf(ball(6), 2) }, { resolution: 4.5, threshold: 0.5 });
    expect(two.section.metrics['frequencyCount']).toBe(2);
    expect(two.section.metrics['frequencies']).toEqual([1 / 15, 1 / 4.5]);
    const values = two.map!.data.filter((_, i) => mask.data[i] === 1);
    expect(values.filter((v) => v !== 0 && v !== 0.5 && v !== 1).length).toBe(0);
    // 32 000 mask voxels: h = 31 999·0.25 = 7999.75, so exactly 24 000 voxels reach q at each frequency.
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBeCloseTo(0.75, 12);
    // Mean ¾ with values in {0, ½, 1}: the median is ½ or 1, never below ½ (the criterion cannot fire).
    expect(['ok']).toContain(two.section.status);
    expect(two.section.figures![0]!.panels).toHaveLength(3);
    expect(two.section.notes!.join(' ')).toMatch(/= 2 frequencies/);
  });

  it('does not apply without a resolution or at 15 Å or worse; compatibility: original uses 1/15 Å⁻¹ alone', async () => {
    const map = volumeOf(randomPhaseField(n, 9, 0, 1), 9);
    expect((await section({ map, mask }, {})).section.status).toBe('not-applicable');
    const corrected = await section({ map, mask }, { resolution: 18 });
    expect(corrected.section.status).toBe('not-applicable');
    expect(corrected.section.reason).toMatch(/not finer than 15 Å/);
    const original = await section({ map, mask }, { resolution: 18, compatibility: 'original' });
    expect(original.section.metrics['frequencyCount']).toBe(1);
    expect(original.section.metrics['frequencies']).toEqual([1 / 15]);
    // One frequency: 0 or 1 per voxel, a quarter of the mask at 0 → p2.5 = 0, median 1 (5107: 0, .5, 1, 1, 1 had ties).
    expect(original.section.metrics['percentiles']).toMatchObject({ p2_5: 0, p50: 1, p97_5: 1 });
  });

  it('could not be measured with NaN voxels or an empty mask', async () => {
    const map = volumeOf(randomPhaseField(n, 2, 0, 1), 2);
    const nan = map.clone();
    nan.data[7] = Number.POSITIVE_INFINITY;
    expect((await section({ map: nan, mask }, { resolution: 4.5 })).section.reason).toMatch(/1 NaN or infinite/);
    const empty = await section({ map, mask: mask.withData(new Uint8Array(n ** 3)) }, { resolution: 4.5 });
    expect(empty.section.status).toBe('failed');
    expect(empty.section.reason).toMatch(/empty/);
  });
});
