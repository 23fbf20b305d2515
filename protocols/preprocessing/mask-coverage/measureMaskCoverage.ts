import { componentsByThreshold, connectedComponents, dilate, MAX_BOX_SHARE_ABOVE_THRESHOLD, threshold as thresholdMask, type BinaryMask, type Volume } from '../../../core/index.js';
import { PROTEIN_VOLUME_A3_PER_DA } from '../../level0/mask-analysis/massTable.js';
import { GOOD_COVERAGE, PART_SHARE, type MaskCoverage } from './MaskCoverage.js';

export interface MaskCoverageOptions {
  threshold: number;
  /** Dilation passes of the hard mask (HardMaskInfo.passes), reused for the molecule mask. */
  passes: number;
  expectedMassKDa?: number;
  /** Levels in the join search (about; the step is rounded to 1, 2 or 5 × 10^k). */
  ladderLevels?: number;
}

/**
 * The mask-coverage check (issue 12): the hard mask keeps the largest component at the contour,
 * which is the molecule only when the contour does not split it. Measures the share of the
 * thresholded voxels (and density) the mask holds and how many components 95 % of them need.
 * Coverage is poor when the mask holds under 95 % and the second component is a part (≥ 5 % of
 * the thresholded voxels), not dust. Then it searches downwards from the contour, on a ladder of
 * round levels between the contour and the map's mean, for the highest level at which one
 * component holds ≥ 95 % (where the parts join), and suggests the highest level ten ladder steps
 * round (one significant figure coarser) at or below it that still does — searching only while the
 * contour encloses at most three times the voxels (below that, noise joins everything). The
 * returned mask is the hard mask when coverage is good, else the parts (≥ 5 %) among the
 * components needed for 95 %, dilated as the hard mask:
 * the molecule as the contour shows it, for checks (0.a) that must see all of it.
 */
export function measureMaskCoverage(map: Volume, hardMask: BinaryMask, opts: MaskCoverageOptions): { coverage: MaskCoverage; mask: BinaryMask } {
  const { threshold: t, passes } = opts;
  const data = map.data;
  const inMask = hardMask.data;
  let voxels = 0, voxelsIn = 0, density = 0, densityIn = 0, positive = 0, positiveIn = 0, sum = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    sum += v;
    const inside = inMask[i] !== 0;
    if (v > 0) {
      positive += v;
      if (inside) positiveIn += v;
    }
    if (v >= t) {
      voxels++;
      density += v;
      if (inside) {
        voxelsIn++;
        densityIn += v;
      }
    }
  }
  const voxelVolume = map.voxelSize[0] * map.voxelSize[1] * map.voxelSize[2];
  const kDa = (count: number) => (count * voxelVolume) / PROTEIN_VOLUME_A3_PER_DA / 1000;
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

  const raw = thresholdMask(map, t);
  const { labels, sizes, count } = connectedComponents(raw, 26);
  const bySize = Array.from({ length: count }, (_, k) => k + 1).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  let needed = 0;
  for (let held = 0; needed < bySize.length && held < GOOD_COVERAGE * voxels; needed++) held += sizes[bySize[needed]!]!;
  const secondShare = bySize.length > 1 ? share(sizes[bySize[1]!]!, voxels) : 0;
  const maskCoverage = share(voxelsIn, voxels);
  const poor = voxels > 0 && maskCoverage < GOOD_COVERAGE && secondShare >= PART_SHARE;

  const coverage: MaskCoverage = {
    threshold: t,
    thresholdedVoxels: voxels,
    maskCoverage,
    thresholdedDensityCoverage: share(densityIn, density),
    positiveDensityCoverage: share(positiveIn, positive),
    coverageComponents95: needed,
    secondComponentShare: secondShare,
    poor,
    joinThreshold: null,
    suggestedThreshold: null,
    suggestedLargestShare: null,
    enclosedMassKDa: kDa(voxels),
    expectedMassKDa: opts.expectedMassKDa ?? null,
    suggestedMassKDa: null,
    moleculeComponents: 1,
  };
  if (!poor) return { coverage, mask: hardMask };

  const mean = sum / data.length;
  const search = joinSearch(map, t, mean, opts.ladderLevels ?? 100, Math.min(MAX_JOIN_GROWTH * voxels, MAX_BOX_SHARE_ABOVE_THRESHOLD * data.length));
  if (search !== null) {
    coverage.joinThreshold = search.join;
    coverage.suggestedThreshold = search.suggested;
    coverage.suggestedLargestShare = search.largestShare;
    coverage.suggestedMassKDa = kDa(search.voxels);
  }
  // The molecule: the parts among the components needed for 95 % (dust left out: it would move
  // 0.a's free space to a speck near the box face).
  const kept = new Uint8Array(count + 1);
  let parts = 0;
  for (let k = 0; k < needed; k++) {
    if (k > 0 && sizes[bySize[k]!]! < PART_SHARE * voxels) break;
    kept[bySize[k]!] = 1;
    parts++;
  }
  const molecule = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) molecule[i] = kept[labels[i]!]!;
  coverage.moleculeComponents = parts;
  return { coverage, mask: dilate(map.withData(molecule), passes, 18) };
}

/** 1, 2 or 5 × 10^k, the nearest at or above x. */
export function roundStep(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/**
 * A join counts only while the contour encloses at most this many times the voxels it encloses at
 * the given threshold: lower, noise joins everything into one component and the "suggestion" would
 * be a contour in the background.
 */
export const MAX_JOIN_GROWTH = 3;

function joinSearch(map: Volume, t: number, floor: number, levels: number, maxVoxels: number): { join: number; suggested: number; largestShare: number; voxels: number } | null {
  if (!(t > floor)) return null;
  const step = roundStep((t - floor) / levels);
  // Round levels strictly below the contour (the contour itself is known to be split), down to the floor.
  const ladder: number[] = [];
  for (let k = Math.ceil(t / step - 1e-9) - 1; k * step > floor && ladder.length < 4 * levels; k--) ladder.push(Number((k * step).toPrecision(12)));
  if (ladder.length === 0) return null;
  const r = componentsByThreshold(map, ladder);
  const holds = (k: number) => r.voxels[k]! > 0 && r.voxels[k]! <= maxVoxels && r.largest[k]! >= GOOD_COVERAGE * r.voxels[k]!;
  const joinAt = ladder.findIndex((_, k) => holds(k));
  if (joinAt < 0) return null;
  // The suggestion: the highest multiple of ten steps at or below the join that holds, else the join.
  const coarse = 10 * step;
  let pick = joinAt;
  for (let k = joinAt; k < ladder.length; k++) {
    const multiple = Math.abs(ladder[k]! / coarse - Math.round(ladder[k]! / coarse)) < 1e-6;
    if (multiple && holds(k)) {
      pick = k;
      break;
    }
    if (multiple) break;
  }
  return { join: ladder[joinAt]!, suggested: ladder[pick]!, largestShare: r.largest[pick]! / r.voxels[pick]!, voxels: r.voxels[pick]! };
}
