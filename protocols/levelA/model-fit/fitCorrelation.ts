import { atomMask, irfft3d, modelMap, pearson, rfft3d, vanDerWaalsRadius, type AtomTable, type Vec3, type Volume } from '../../../core/index.js';
import { heavyAtoms } from '../../shared/placedModel.js';

/** Extra radius (Å) of the molecular mask over each atom's van der Waals radius: solvent probe 1.1 Å minus shrink 0.9 Å (algorithms.md §4.3). */
export const MOLECULAR_MASK_PADDING = 0.2;

/**
 * Masked correlation of the map with the model map (5-Gaussian electron scattering, B-factors,
 * cut at `resolution`) over the molecular mask (non-hydrogen atoms, van der Waals radius + 0.2 Å),
 * with the atoms translated by `shift`. NaN when the mask does not reach the box.
 */
export async function fitCorrelation(map: Volume<Float32Array>, atoms: AtomTable, resolution: number, shift: Vec3 = [0, 0, 0]): Promise<{ ccMask: number; maskVoxels: number; outside: number }> {
  const moved = shift.some((s) => s !== 0) ? { ...atoms, x: atoms.x.map((v) => v + shift[0]), y: atoms.y.map((v) => v + shift[1]), z: atoms.z.map((v) => v + shift[2]) } : atoms;
  const model = await modelMap(moved, map.geometry, { style: 'electron', resolution });
  const mask = atomMask(moved, heavyAtoms(moved), map.geometry, (i) => vanDerWaalsRadius(moved.element[i]!) + MOLECULAR_MASK_PADDING);
  let maskVoxels = 0;
  for (let i = 0; i < mask.length; i++) maskVoxels += mask[i]!;
  const ccMask = maskVoxels >= 2 ? pearson(map.data, model.volume.data, mask) : Number.NaN;
  return { ccMask: Number.isFinite(ccMask) ? ccMask : Number.NaN, maskVoxels, outside: model.outside };
}

/**
 * The translation that best superposes the model map on the map, over the whole box: the peak of
 * their cross-correlation Σ_x map(x)·model(x − t), from one FFT of each (periodic box, mean
 * removed). The model is first placed by `start` (inside the box, so no atom is clipped); the
 * result is the total shift in Å. Rotations are not searched: a model in another orientation
 * stays unfitted.
 */
export async function translationSearch(map: Volume<Float32Array>, atoms: AtomTable, resolution: number, start: Vec3): Promise<Vec3> {
  const moved = { ...atoms, x: atoms.x.map((v) => v + start[0]), y: atoms.y.map((v) => v + start[1]), z: atoms.z.map((v) => v + start[2]) };
  const model = await modelMap(moved, map.geometry, { style: 'electron', resolution });
  const dims = map.dims;
  const a = await rfft3d(map.data, dims);
  const b = await rfft3d(model.volume.data, dims);
  // a · conj(b), DC removed (the means do not locate anything).
  for (let p = 0; p < a.length; p += 2) {
    const re = a[p]! * b[p]! + a[p + 1]! * b[p + 1]!;
    const im = a[p + 1]! * b[p]! - a[p]! * b[p + 1]!;
    a[p] = re;
    a[p + 1] = im;
  }
  a[0] = 0;
  a[1] = 0;
  const correlation = await irfft3d(a, dims, { overwriteInput: true });
  let best = 0;
  for (let i = 1; i < correlation.length; i++) if (correlation[i]! > correlation[best]!) best = i;
  const [nx, ny] = dims;
  const index = [best % nx, Math.floor(best / nx) % ny, Math.floor(best / (nx * ny))];
  return index.map((k, axis) => {
    const n = dims[axis]!;
    const t = k > n / 2 ? k - n : k;
    return start[axis]! + t * map.voxelSize[axis]!;
  }) as Vec3;
}
