import type { Volume } from 'cryo-vrs';

/** Where the density above the threshold sits relative to the box faces. */
export interface BoxEdgeMeasure {
  /** Voxels above the threshold. */
  voxelsAbove: number;
  /** Of those, voxels whose centre is within `distanceA` of any box face. */
  voxelsAboveNearFaces: number;
  /** voxelsAboveNearFaces / voxelsAbove (0 when nothing is above the threshold). */
  fraction: number;
  /** The same per face, in the order −x, +x, −y, +y, −z, +z (corner voxels count for each face they are near). */
  perFace: [number, number, number, number, number, number];
  /** Voxel layers counted as "near" along x, y, z. */
  layers: [number, number, number];
}

/**
 * Fraction of the voxels above `threshold` that lie within `distanceA` Å of the box faces. The box
 * boundary is half a voxel beyond the outermost voxel centres, so the centre of voxel i along x is
 * (min(i, nx − 1 − i) + 0.5)·sx from the nearest x face; a voxel is near when that is ≤ distanceA.
 * A molecule cut by its box puts much of its density there; a well-boxed one puts almost none.
 */
export function boxEdgeFraction(volume: Volume<Float32Array>, threshold: number, distanceA: number): BoxEdgeMeasure {
  const [nx, ny, nz] = volume.dims;
  const [sx, sy, sz] = volume.voxelSize;
  // Layers with (i + 0.5)·s ≤ d, i.e. i ≤ d/s − 0.5; at most the whole axis.
  const layersOf = (n: number, s: number) => Math.min(n, Math.max(0, Math.floor(distanceA / s - 0.5) + 1));
  const layers: [number, number, number] = [layersOf(nx, sx), layersOf(ny, sy), layersOf(nz, sz)];
  const [lx, ly, lz] = layers;
  const data = volume.data;
  const perFace: [number, number, number, number, number, number] = [0, 0, 0, 0, 0, 0];
  let voxelsAbove = 0;
  let voxelsAboveNearFaces = 0;
  let index = 0;
  for (let z = 0; z < nz; z++) {
    const nearLowZ = z < lz;
    const nearHighZ = z >= nz - lz;
    for (let y = 0; y < ny; y++) {
      const nearLowY = y < ly;
      const nearHighY = y >= ny - ly;
      for (let x = 0; x < nx; x++, index++) {
        if (!(data[index]! > threshold)) continue;
        voxelsAbove++;
        const nearLowX = x < lx;
        const nearHighX = x >= nx - lx;
        if (nearLowX) perFace[0]++;
        if (nearHighX) perFace[1]++;
        if (nearLowY) perFace[2]++;
        if (nearHighY) perFace[3]++;
        if (nearLowZ) perFace[4]++;
        if (nearHighZ) perFace[5]++;
        if (nearLowX || nearHighX || nearLowY || nearHighY || nearLowZ || nearHighZ) voxelsAboveNearFaces++;
      }
    }
  }
  const fraction = voxelsAbove > 0 ? voxelsAboveNearFaces / voxelsAbove : 0;
  const perFaceFraction = perFace.map((count) => (voxelsAbove > 0 ? count / voxelsAbove : 0)) as BoxEdgeMeasure['perFace'];
  return { voxelsAbove, voxelsAboveNearFaces, fraction, perFace: perFaceFraction, layers };
}
