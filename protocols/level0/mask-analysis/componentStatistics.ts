import type { Compatibility } from '../../../core/index.js';

/** One listed component of the 95 % walk. */
export interface ListedComponent {
  voxels: number;
  /** 100·voxels / raw voxels. */
  percent: number;
  /** Cumulated percentage up to this component. */
  cumulativePercent: number;
}

export interface ComponentStatistics {
  /** Components needed to reach 95 % of the raw-mask voxels. */
  components95: number;
  /** Voxels in those components. */
  voxels95: number;
  /** The walk, at most the first 100 components. */
  listed: ListedComponent[];
  remainingComponents: number;
  remainingVoxels: number;
  /** Average remaining component in voxels (null when none remains). */
  averageRemainingVoxels: number | null;
  /**
   * Average remaining blob volume in Å³: averageRemainingVoxels·Ts³ (corrected), or Ts³ in
   * `original` mode (remaining voxels divided by themselves, §19 B2; null when none remains).
   */
  averageRemainingBlobVolumeA3: number | null;
  /** "Their size goes from … to …": the largest remaining component (corrected) or the last one listed (original, B3). */
  remainingFromVoxels: number | null;
  /** The smallest component. */
  remainingToVoxels: number | null;
}

/**
 * The connectivity statistics of 0.b (vrs-spec §6.2): walk the components of the raw mask from the
 * largest, accumulating voxels until 95 % of the raw mask is reached, then describe what remains.
 * `sizes` are the real components' voxel counts, largest first. The corrected statistics (default)
 * count only real components (B4), average the remaining blobs over their number (B2) and start
 * the remaining size range at the first component outside the list (B3). `original` reproduces the
 * original service: the background, sorted among the components, takes one step of the walk
 * (n95 = steps − 1), the average blob volume is Ts³, and the range starts at the sorted entry at
 * position n95 (the last listed component when the background is the largest label).
 */
export function componentStatistics(
  sizes: readonly number[],
  backgroundVoxels: number,
  voxelVolume: number,
  compatibility: Compatibility = 'corrected',
): ComponentStatistics {
  const raw = sizes.reduce((a, b) => a + b, 0);
  const target = 0.95 * raw;
  const listed: ListedComponent[] = [];
  let cumulated = 0;
  let components95 = 0;
  let fromVoxels: number | null;
  if (compatibility === 'original') {
    const all = [...sizes.map((voxels) => ({ voxels, background: false })), { voxels: backgroundVoxels, background: true }].sort((a, b) => b.voxels - a.voxels);
    let steps = 0;
    for (const entry of all) {
      if (cumulated >= target) break;
      steps++;
      if (entry.background) continue;
      cumulated += entry.voxels;
      if (listed.length < 100) listed.push(listedEntry(entry.voxels, cumulated, raw));
    }
    components95 = Math.max(0, steps - 1);
    fromVoxels = components95 < all.length ? all[components95]!.voxels : null;
  } else {
    for (const voxels of sizes) {
      if (cumulated >= target) break;
      cumulated += voxels;
      components95++;
      if (listed.length < 100) listed.push(listedEntry(voxels, cumulated, raw));
    }
    fromVoxels = components95 < sizes.length ? sizes[components95]! : null;
  }
  const remainingComponents = sizes.length - components95;
  const remainingVoxels = raw - cumulated;
  const averageRemainingVoxels = remainingComponents > 0 ? remainingVoxels / remainingComponents : null;
  const averageRemainingBlobVolumeA3 =
    compatibility === 'original'
      ? remainingVoxels > 0
        ? (remainingVoxels / remainingVoxels) * voxelVolume
        : null
      : averageRemainingVoxels === null
        ? null
        : averageRemainingVoxels * voxelVolume;
  const none = remainingComponents <= 0;
  return {
    components95,
    voxels95: cumulated,
    listed,
    remainingComponents,
    remainingVoxels,
    averageRemainingVoxels,
    averageRemainingBlobVolumeA3,
    remainingFromVoxels: none ? null : fromVoxels,
    remainingToVoxels: none ? null : sizes[sizes.length - 1]!,
  };
}

function listedEntry(voxels: number, cumulated: number, raw: number): ListedComponent {
  return { voxels, percent: (100 * voxels) / raw, cumulativePercent: (100 * cumulated) / raw };
}
