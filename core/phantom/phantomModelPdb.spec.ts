import { describe, expect, it } from 'vitest';
import { parseModel } from '../io/index.js';
import { phantomMap } from './phantomMap.js';
import { phantomModelPdb } from './phantomModelPdb.js';

describe('phantomModelPdb', () => {
  it("writes every phantom atom at its position, one chain per helix, read back by our PDB reader", () => {
    const { truth } = phantomMap({});
    const model = parseModel(phantomModelPdb(truth), 'phantom.pdb');
    expect(model.atoms.count).toBe(truth.atoms.length);
    expect(model.chains).toEqual(['A', 'B', 'C', 'D']);
    truth.atoms.forEach((atom, i) => {
      expect(model.atoms.name[i]).toBe(atom.name);
      expect(model.atoms.element[i]).toBe(atom.element);
      expect(model.atoms.x[i]).toBeCloseTo(atom.position[0], 3);
      expect(model.atoms.z[i]).toBeCloseTo(atom.position[2], 3);
      expect(model.atoms.b[i]).toBeCloseTo(truth.bFactor, 2);
    });
  });
});
