import type { VolumeGeometry } from '../../volume/index.js';

/** The columns an atom mask reads. */
export interface MaskAtoms {
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
}

/**
 * Marks the grid points within `radius(atom)` Å of the given atoms (1 inside, 0 outside), on the
 * grid voxel (i, j, k) ↦ origin + (i, j, k)·voxelSize. Atoms outside the box mark nothing.
 * Cost: Σ over atoms of the voxels in a ball of their radius.
 */
export function atomMask(atoms: MaskAtoms, indices: ArrayLike<number>, geometry: VolumeGeometry, radius: number | ((atom: number) => number)): Uint8Array {
  const [nx, ny, nz] = geometry.dims;
  const mask = new Uint8Array(nx * ny * nz);
  for (let n = 0; n < indices.length; n++) {
    const atom = indices[n]!;
    forEachVoxelInBall(geometry, atoms.x[atom]!, atoms.y[atom]!, atoms.z[atom]!, typeof radius === 'number' ? radius : radius(atom), (p) => {
      mask[p] = 1;
    });
  }
  return mask;
}

/**
 * Calls `visit` with the flat index of every grid point within `radius` Å of (x, y, z) Å, in memory
 * order; points outside the box are skipped.
 */
export function forEachVoxelInBall(geometry: VolumeGeometry, x: number, y: number, z: number, radius: number, visit: (index: number) => void): void {
  const [nx, ny, nz] = geometry.dims;
  const [sx, sy, sz] = geometry.voxelSize;
  const [ox, oy, oz] = geometry.origin;
  const px = (x - ox) / sx;
  const py = (y - oy) / sy;
  const pz = (z - oz) / sz;
  const r2 = radius * radius;
  const x0 = Math.max(0, Math.ceil(px - radius / sx));
  const x1 = Math.min(nx - 1, Math.floor(px + radius / sx));
  const y0 = Math.max(0, Math.ceil(py - radius / sy));
  const y1 = Math.min(ny - 1, Math.floor(py + radius / sy));
  const z0 = Math.max(0, Math.ceil(pz - radius / sz));
  const z1 = Math.min(nz - 1, Math.floor(pz + radius / sz));
  for (let k = z0; k <= z1; k++) {
    const dz2 = ((k - pz) * sz) ** 2;
    for (let j = y0; j <= y1; j++) {
      const dyz2 = dz2 + ((j - py) * sy) ** 2;
      if (dyz2 > r2) continue;
      const row = (k * ny + j) * nx;
      for (let i = x0; i <= x1; i++) if (dyz2 + ((i - px) * sx) ** 2 <= r2) visit(row + i);
    }
  }
}

/** Van der Waals radii (Å, Bondi 1964) of the elements in biomolecular models; 1.8 Å otherwise. */
const VAN_DER_WAALS: Readonly<Record<string, number>> = {
  H: 1.2, C: 1.7, N: 1.55, O: 1.52, F: 1.47, P: 1.8, S: 1.8, CL: 1.75, SE: 1.9, BR: 1.85, I: 1.98,
  NA: 2.27, MG: 1.73, K: 2.75, CA: 2.31, FE: 1.94, ZN: 1.39, MN: 1.97, CU: 1.4, NI: 1.63, CO: 1.92,
};

export function vanDerWaalsRadius(element: string): number {
  return VAN_DER_WAALS[element] ?? 1.8;
}
