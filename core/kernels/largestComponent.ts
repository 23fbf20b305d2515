import type { BinaryMask, Volume, VoxelArray } from '../volume/index.js';
import { connectedComponents } from './connectedComponents.js';
import type { Connectivity } from './neighbourOffsets.js';

export interface LargestComponent {
  /** 1 on the voxels of the largest component, 0 elsewhere (all 0 when the input is empty). */
  mask: BinaryMask;
  /** Its label in `connectedComponents` numbering (0 when there is none). */
  label: number;
  size: number;
  /** Number of components in the input. */
  componentCount: number;
  /** Voxels per label (connectedComponents numbering); sizes[0] counts the background. */
  sizes: number[];
}

/**
 * Keeps the largest connected component of the non-zero voxels (Xmipp `keepBiggest`, 26-connected
 * by default). Ties go to the component whose first voxel comes first in memory order.
 */
export function largestComponent(mask: Volume<VoxelArray>, connectivity: Connectivity = 26): LargestComponent {
  const { labels, sizes, count } = connectedComponents(mask, connectivity);
  let label = 0;
  for (let l = 1; l <= count; l++) if (sizes[l]! > (label === 0 ? 0 : sizes[label]!)) label = l;
  const out = new Uint8Array(labels.length);
  if (label !== 0) for (let i = 0; i < labels.length; i++) out[i] = labels[i] === label ? 1 : 0;
  return { mask: mask.withData(out), label, size: label === 0 ? 0 : sizes[label]!, componentCount: count, sizes };
}
