export type Connectivity = 6 | 18 | 26;

/**
 * The (dx, dy, dz) offsets of a voxel's neighbours: 6 shares a face, 18 a face or an edge,
 * 26 a face, an edge or a corner.
 */
export function neighbourOffsets(connectivity: Connectivity): [number, number, number][] {
  if (connectivity !== 6 && connectivity !== 18 && connectivity !== 26) {
    throw new RangeError(`connectivity must be 6, 18 or 26, got ${String(connectivity)}`);
  }
  const maxL1 = connectivity === 6 ? 1 : connectivity === 18 ? 2 : 3;
  const out: [number, number, number][] = [];
  for (let dz = -1; dz <= 1; dz++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const l1 = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
        if (l1 > 0 && l1 <= maxL1) out.push([dx, dy, dz]);
      }
    }
  }
  return out;
}
