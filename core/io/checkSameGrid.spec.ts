import { describe, expect, it } from 'vitest';
import { VrsInputError } from '../errors/index.js';
import { checkSameGrid, type GridDescription } from './checkSameGrid.js';

const map: GridDescription = { dims: [100, 100, 100], voxelSize: [2.02, 2.02, 2.02], origin: [-101, -101, -101] };
const names = { reference: 'emd_1997.map', other: 'half2.mrc' };

function problem(other: GridDescription): VrsInputError {
  try {
    checkSameGrid(map, other, names);
  } catch (error) {
    return error as VrsInputError;
  }
  throw new Error('expected an input error');
}

describe('checkSameGrid', () => {
  it('accepts the same grid, and voxel sizes equal up to header rounding', () => {
    expect(() => checkSameGrid(map, { ...map, voxelSize: [2.0200001, 2.02, 2.02] }, names)).not.toThrow();
  });
  it('names the other file and the field that differs', () => {
    const box = problem({ ...map, dims: [100, 100, 96] });
    expect(box).toBeInstanceOf(VrsInputError);
    expect(box.source).toBe('half2.mrc');
    expect(box.field).toBe('dims');
    expect(box.message).toContain('100 × 100 × 96');
    expect(problem({ ...map, voxelSize: [2.1, 2.1, 2.1] }).field).toBe('voxel size');
    const origin = problem({ ...map, origin: [-101, -101, -100] });
    expect(origin.field).toBe('origin');
    expect(origin.message).toContain("emd_1997.map's (-101, -101, -101)");
  });
});
