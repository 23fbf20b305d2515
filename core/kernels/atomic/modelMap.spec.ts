import { describe, expect, it } from 'vitest';
import { modelMap, type ScatteringAtoms } from './modelMap.js';
import { PENG_ELECTRON_FACTORS } from './pengScattering.js';

function atoms(list: { x: number; y: number; z: number; element: string; b?: number; occupancy?: number }[]): ScatteringAtoms {
  return {
    count: list.length,
    x: Float64Array.from(list, (a) => a.x),
    y: Float64Array.from(list, (a) => a.y),
    z: Float64Array.from(list, (a) => a.z),
    element: list.map((a) => a.element),
    b: Float32Array.from(list, (a) => a.b ?? 0),
    occupancy: Float32Array.from(list, (a) => a.occupancy ?? 1),
  };
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}

describe('modelMap', () => {
  it('integrates to f_e(0) = Σ a_i per atom, times occupancy (the zero-frequency scattering factor)', async () => {
    const geometry = { dims: [40, 40, 40] as [number, number, number], voxelSize: [0.8, 0.8, 0.8] as [number, number, number], origin: [-10.3, 5.2, 100.05] as [number, number, number] };
    const model = atoms([
      { x: 5.77, y: 21.1, z: 115.4, element: 'C', b: 30 },
      { x: 2.0, y: 18.0, z: 112.0, element: 'O', b: 40, occupancy: 0.5 },
    ]);
    const expected = sum(PENG_ELECTRON_FACTORS.C!.a) + 0.5 * sum(PENG_ELECTRON_FACTORS.O!.a);
    const { volume } = await modelMap(model, geometry, { style: 'electron' });
    expect(sum(volume.data) * 0.8 ** 3).toBeCloseTo(expected, 3);
    // With a cut far beyond the atoms' width the integral (the DC term) is unchanged.
    const cut = await modelMap(model, geometry, { style: 'electron', resolution: 2 });
    expect(sum(cut.volume.data) * 0.8 ** 3).toBeCloseTo(expected, 3);
  });

  it('puts the density peak where the header says, to a fraction of a voxel (non-integer origin)', async () => {
    const geometry = { dims: [32, 32, 32] as [number, number, number], voxelSize: [1, 1, 1] as [number, number, number], origin: [118.9999987, -3.25, 0.5] as [number, number, number] };
    const model = atoms([{ x: 135.3, y: 12.6, z: 16.9, element: 'S', b: 40 }]);
    const { volume } = await modelMap(model, geometry, { style: 'electron', resolution: 3 });
    // Centre of mass within 5 voxels of the expected peak (the hard cut's ringing wraps around the box).
    let cx = 0, cy = 0, cz = 0, m = 0;
    for (let k = 12; k <= 22; k++) for (let j = 11; j <= 21; j++) for (let i = 11; i <= 21; i++) {
      const v = volume.get(i, j, k);
      cx += v * i; cy += v * j; cz += v * k; m += v;
    }
    expect(cx / m + 118.9999987).toBeCloseTo(135.3, 1);
    expect(cy / m - 3.25).toBeCloseTo(12.6, 1);
    expect(cz / m + 0.5).toBeCloseTo(16.9, 1);
  });

  it('with B the peak equals Σ a_i (4π/(b_i+B))^{3/2} (hand computation) on a fine grid', async () => {
    const geometry = { dims: [31, 31, 31] as [number, number, number], voxelSize: [0.25, 0.25, 0.25] as [number, number, number], origin: [0, 0, 0] as [number, number, number] };
    const { volume } = await modelMap(atoms([{ x: 3.75, y: 3.75, z: 3.75, element: 'N', b: 20 }]), geometry, { style: 'electron' });
    const f = PENG_ELECTRON_FACTORS.N!;
    const peak = f.a.reduce((s, a, i) => s + a * ((4 * Math.PI) / (f.b[i]! + 20)) ** 1.5, 0);
    expect(volume.get(15, 15, 15)).toBeCloseTo(peak, 4);
  });

  it('counts atoms of untabulated elements and atoms outside the box', async () => {
    const geometry = { dims: [10, 10, 10] as [number, number, number], voxelSize: [1, 1, 1] as [number, number, number], origin: [0, 0, 0] as [number, number, number] };
    const result = await modelMap(atoms([{ x: 5, y: 5, z: 5, element: 'ZN' }, { x: 500, y: 5, z: 5, element: 'C' }, { x: 5, y: 5, z: 5, element: 'C' }]), geometry, { style: 'electron' });
    expect(result.untabulated).toEqual({ ZN: 1 });
    expect(result.outside).toBe(1);
    expect(result.placed).toBe(1);
  });
});
