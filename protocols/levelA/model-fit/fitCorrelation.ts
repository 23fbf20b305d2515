import { atomMask, modelMap, pearson, vanDerWaalsRadius, type AtomTable, type Vec3, type Volume } from '../../../core/index.js';
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
