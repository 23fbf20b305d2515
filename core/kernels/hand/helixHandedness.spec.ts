import { afterAll, describe, expect, it } from 'vitest';
import { shutdownFftWorkers } from '../../fft/index.js';
import { mirror, phantomMap, type PhantomHelix } from '../../phantom/index.js';
import type { Vec3 } from '../../volume/index.js';
import { helixHandedness, type HelixCandidate } from './helixHandedness.js';

afterAll(() => shutdownFftWorkers());

/** Distance (Å) from a candidate's centre to a true helix axis, and the angle (°) between the axes. */
function offTruth(c: HelixCandidate, helices: readonly PhantomHelix[]): { distance: number; angle: number } {
  let best = { distance: Infinity, angle: 90 };
  for (const h of helices) {
    const d = h.end.map((e, k) => e - h.start[k]!) as Vec3;
    const len = Math.hypot(...d);
    const u = d.map((x) => x / len) as Vec3;
    const q = c.centre.map((x, k) => x - h.start[k]!) as Vec3;
    const t = Math.max(0, Math.min(len, q[0] * u[0] + q[1] * u[1] + q[2] * u[2]));
    const distance = Math.hypot(q[0] - t * u[0], q[1] - t * u[1], q[2] - t * u[2]);
    if (distance < best.distance) {
      const cos = Math.abs(c.axis[0] * u[0] + c.axis[1] * u[1] + c.axis[2] * u[2]);
      best = { distance, angle: (Math.acos(Math.min(1, cos)) * 180) / Math.PI };
    }
  }
  return best;
}

describe('helixHandedness on phantoms with known hands', () => {
  const opts = { dims: [80, 80, 80] as Vec3, voxelSize: 1.2, resolution: 4, helices: 6, residuesPerHelix: 20, snr: 4, seed: 3 };

  it('right-handed helices score 0, the x-mirrored map 1; the candidates lie on the true helix axes', async () => {
    const { volume, truth } = phantomMap(opts);
    const right = await helixHandedness(volume, { threshold: truth.suggestedThreshold, resolution: 4 });
    expect(right.score).toBe(0);
    expect(right.meanDifference!).toBeGreaterThan(0.02);
    expect(right.lowPassResolution).toBe(5); // max(R, 5 Å)
    // six 28.5 Å helices: every helix yields at least one candidate, all on a true axis
    expect(right.acceptedCount).toBeGreaterThanOrEqual(6);
    for (const c of right.candidates.filter((x) => x.accepted)) {
      const off = offTruth(c, truth.helices);
      expect(off.distance).toBeLessThan(1.5);
      expect(off.angle).toBeLessThan(10);
    }
    const mirrored = await helixHandedness(mirror(volume, 'x'), { threshold: truth.suggestedThreshold, resolution: 4 });
    expect(mirrored.score).toBe(1);
    expect(mirrored.meanDifference!).toBeLessThan(-0.02);
    // the mirrored map gets the mirrored score
    expect(mirrored.score! + right.score!).toBeCloseTo(1, 9);
  });

  it('a phantom built from left-handed helices scores 1, its mirror 0 (any mirror axis)', async () => {
    const { volume, truth } = phantomMap({ ...opts, handedness: 'left', seed: 8 });
    const left = await helixHandedness(volume, { threshold: truth.suggestedThreshold, resolution: 4 });
    expect(left.score).toBe(1);
    const mirrored = await helixHandedness(mirror(volume, 'z'), { threshold: truth.suggestedThreshold, resolution: 4 });
    expect(mirrored.score).toBe(0);
  });

  it('keeps working at 5 Å with strong noise (SNR 1)', async () => {
    const { volume, truth } = phantomMap({ ...opts, resolution: 5, snr: 1, bFactor: 80, seed: 11 });
    const right = await helixHandedness(volume, { threshold: truth.suggestedThreshold, resolution: 5 });
    const mirrored = await helixHandedness(mirror(volume, 'y'), { threshold: truth.suggestedThreshold, resolution: 5 });
    expect(right.acceptedCount).toBeGreaterThanOrEqual(3);
    expect(right.score!).toBeLessThanOrEqual(0.2);
    expect(mirrored.score!).toBeGreaterThanOrEqual(0.8);
  });
});

describe('helixHandedness without an answer', () => {
  it('finds no candidate in a map of blobs only (score null)', async () => {
    const { volume, truth } = phantomMap({ dims: [64, 64, 64], helices: 0, blobs: 2, snr: Infinity, resolution: 4 });
    const r = await helixHandedness(volume, { threshold: truth.suggestedThreshold, resolution: 4 });
    expect(r.score).toBeNull();
    expect(r.acceptedCount).toBe(0);
    expect(r.meanDifference).toBeNull();
    expect(r.maskVoxels).toBeGreaterThan(0);
  });

  it('reports an empty mask when no voxel reaches the threshold, and rejects NaN voxels and bad arguments', async () => {
    const { volume } = phantomMap({ dims: [32, 32, 32] });
    const r = await helixHandedness(volume, { threshold: 1e9, resolution: 4 });
    expect(r.maskVoxels).toBe(0);
    expect(r.score).toBeNull();
    expect(r.candidates).toEqual([]);
    const bad = volume.clone();
    bad.data[100] = Number.NaN;
    await expect(helixHandedness(bad, { threshold: 0.1, resolution: 4 })).rejects.toThrow(/NaN, not a finite number/);
    bad.data[100] = Number.NEGATIVE_INFINITY;
    await expect(helixHandedness(bad, { threshold: 0.1, resolution: 4 })).rejects.toThrow(/-Infinity, not a finite number/);
    await expect(helixHandedness(volume, { threshold: Number.NaN, resolution: 4 })).rejects.toThrow(/threshold/);
    await expect(helixHandedness(volume, { threshold: 0.1, resolution: 0 })).rejects.toThrow(/resolution/);
  });

  it('stops when aborted', async () => {
    const { volume, truth } = phantomMap({ dims: [48, 48, 48] });
    const controller = new AbortController();
    controller.abort(new Error('stop here'));
    await expect(helixHandedness(volume, { threshold: truth.suggestedThreshold, resolution: 4, signal: controller.signal })).rejects.toThrow('stop here');
  });
});
