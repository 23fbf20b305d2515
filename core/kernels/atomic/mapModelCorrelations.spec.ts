import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../stats/SeededRandom.js';
import { pearson } from '../../stats/pearson.js';
import type { VolumeGeometry } from '../../volume/index.js';
import { atomMask, vanDerWaalsRadius } from './atomMask.js';
import { highestValuesMask, mapModelCorrelations } from './mapModelCorrelations.js';
import { modelMap } from './modelMap.js';
import { syntheticHelix } from './testing/syntheticHelix.js';

const geometry: VolumeGeometry = { dims: [40, 40, 40], voxelSize: [1, 1, 1], origin: [0, 0, 0] };

function molecularMask(atoms: ReturnType<typeof syntheticHelix>['atoms']): Uint8Array {
  return atomMask(atoms, Int32Array.from({ length: atoms.count }, (_, i) => i), geometry, (i) => vanDerWaalsRadius(atoms.element[i]!) + 0.2);
}

describe('mapModelCorrelations', () => {
  it('follows the five_cc definitions on a hand-worked example', () => {
    const map = Float32Array.of(1, 5, 2, 8, 3, 7, 4, 6);
    const model = Float32Array.of(2, 9, 1, 7, 3, 8, 5, 4);
    const mask = Uint8Array.of(1, 1, 0, 1, 0, 0, 0, 0);
    const cc = mapModelCorrelations(map, model, mask);
    expect(cc.maskVoxels).toBe(3);
    expect(cc.ccMask).toBeCloseTo(pearson([1, 5, 8], [2, 9, 7]), 12);
    expect(cc.ccBox).toBeCloseTo(pearson(map, model), 12);
    // Three highest model values: 9 (index 1), 8 (5), 7 (3).
    expect(cc.ccVolume).toBeCloseTo(pearson([5, 7, 8], [9, 8, 7]), 12);
    // Three highest map values: 8 (3), 7 (5), 6 (7); union with {1, 3, 5} = {1, 3, 5, 7}.
    expect(cc.peaksVoxels).toBe(4);
    expect(cc.ccPeaks).toBeCloseTo(pearson([5, 8, 7, 6], [9, 7, 8, 4]), 12);
  });

  it('selects exactly N points, ties in index order', () => {
    expect(Array.from(highestValuesMask(Float32Array.of(1, 3, 3, 3, 0), 2))).toEqual([0, 1, 1, 0, 0]);
    expect(Array.from(highestValuesMask(Float32Array.of(1, 3, 3, 3, 0), 0))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(highestValuesMask(Float32Array.of(1, 3, 3, 3, 0), 9))).toEqual([1, 1, 1, 1, 1]);
    const rng = new SeededRandom(7);
    const values = Float64Array.from({ length: 10001 }, () => rng.normal());
    const sorted = Array.from(values).sort((a, b) => b - a);
    const top = highestValuesMask(values, 137);
    let count = 0;
    for (let i = 0; i < values.length; i++) {
      if (top[i]) {
        count++;
        expect(values[i]).toBeGreaterThanOrEqual(sorted[136]!);
      }
    }
    expect(count).toBe(137);
  });

  it('gives 1 for every CC of a model map against itself', async () => {
    const { atoms } = syntheticHelix({ length: 16, centre: [20, 20, 20] });
    const model = (await modelMap(atoms, geometry, { style: 'electron', resolution: 3 })).volume.data;
    const cc = mapModelCorrelations(model, model, molecularMask(atoms));
    for (const v of [cc.ccMask, cc.ccBox, cc.ccVolume, cc.ccPeaks]) expect(v).toBeCloseTo(1, 10);
  });

  it('drops for a model displaced by 3 Å from the density it was built for', async () => {
    const { atoms } = syntheticHelix({ length: 16, centre: [20, 20, 20], axis: 'x' });
    const rng = new SeededRandom(3);
    const density = (await modelMap(atoms, geometry, { style: 'electron', resolution: 3 })).volume.data;
    rng.addNormalNoise(density, 0.02);
    const placed = await modelMap(atoms, geometry, { style: 'electron', resolution: 3 });
    const shifted = { ...atoms, y: atoms.y.map((v) => v + 3) };
    const displaced = await modelMap(shifted, geometry, { style: 'electron', resolution: 3 });
    const good = mapModelCorrelations(density, placed.volume.data, molecularMask(atoms));
    const bad = mapModelCorrelations(density, displaced.volume.data, molecularMask(shifted));
    expect(good.ccMask).toBeGreaterThan(0.98);
    expect(bad.ccMask).toBeLessThan(0.4);
    expect(bad.ccVolume).toBeLessThan(0.4);
  });
});
