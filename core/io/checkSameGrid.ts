import { VrsInputError } from '../errors/index.js';
import type { Vec3 } from '../volume/index.js';

export interface GridDescription {
  dims: Vec3;
  voxelSize: Vec3;
  origin: Vec3;
}

/**
 * Half maps (and any map compared voxel by voxel with another) must sit on the reference's grid:
 * same box, same voxel size and the same origin. A mismatch is an input error naming the other
 * file and the field, with both values — never a resampling done behind the user's back. Voxel
 * sizes may differ by 1e-4 relative (headers round cell lengths); origins by a thousandth of a
 * voxel.
 */
export function checkSameGrid(reference: GridDescription, other: GridDescription, names: { reference: string; other: string }): void {
  const [rx, ry, rz] = reference.dims;
  const [ox, oy, oz] = other.dims;
  if (rx !== ox || ry !== oy || rz !== oz) {
    throw new VrsInputError(`box ${other.dims.join(' × ')} differs from ${names.reference}'s ${reference.dims.join(' × ')}; the two must be on the same grid`, names.other, 'dims');
  }
  for (let k = 0; k < 3; k++) {
    const a = reference.voxelSize[k]!;
    const b = other.voxelSize[k]!;
    if (Math.abs(a - b) > 1e-4 * Math.max(a, b)) {
      throw new VrsInputError(`voxel size ${fmt(other.voxelSize)} Å differs from ${names.reference}'s ${fmt(reference.voxelSize)} Å`, names.other, 'voxel size');
    }
  }
  for (let k = 0; k < 3; k++) {
    if (Math.abs(reference.origin[k]! - other.origin[k]!) > 1e-3 * reference.voxelSize[k]!) {
      throw new VrsInputError(`origin (${fmt(other.origin)}) Å differs from ${names.reference}'s (${fmt(reference.origin)}) Å`, names.other, 'origin');
    }
  }
}

function fmt(values: readonly number[]): string {
  return values.map((v) => Number(v.toPrecision(7)).toString()).join(', ');
}
