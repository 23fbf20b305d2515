import type { Uint32Source } from './permutationRandom.js';

/** Settings of the per-shell permutation test (algorithms §3.2 step 4; SPOC's defaults). */
export interface PermutationSettings {
  /** At most this many permutations per shell (SPOC: min(n!, 1000)). */
  maxPermutations: number;
  /** The p-value is checked after every block of this many permutations (SPOC: 200). */
  blockSize: number;
  /** Stop when the p-value changed by less than this since the previous block (SPOC: 0.001). */
  tolerance: number;
}

export const SPOC_PERMUTATIONS: PermutationSettings = { maxPermutations: 1000, blockSize: 200, tolerance: 0.001 };

export interface PermutationOutcome {
  pValue: number;
  /** Permutations drawn (fewer than the maximum after an early stop). */
  permutations: number;
  /** Permutations whose correlation exceeded the true one. */
  exceeding: number;
}

/**
 * The permutation test of one Fourier shell: `a` and `b` hold `count` complex coefficients
 * (interleaved re, im, from complex index `offset`) of the two halves at the same Fourier points.
 * Each permutation pairs a's coefficients with a random rearrangement of b's and computes their
 * correlation Re Σ a·conj(b_π) / √(Σ|a|²·Σ|b|²); p = #(correlation > trueFsc)/#permutations
 * (a correlation equal to trueFsc up to rounding does not count).
 * Permutations are counted in blocks; after each block the running p-value is compared with the
 * one after the previous block (0 before the first) and the test stops once it moved by less than
 * the tolerance. A shell whose coefficients are all zero in one half has nothing to test: p = 1.
 *
 * b's slice is shuffled in place (Fisher–Yates with `random`; successive shuffles compose to
 * independent uniform permutations), which keeps the inner loop one cache-friendly pass: the swap
 * that fixes position i also adds a[i]·conj(b[i]) to the sum.
 */
export function shellPermutationTest(
  a: Float64Array, b: Float64Array, offset: number, count: number, trueFsc: number,
  random: Uint32Source, settings: PermutationSettings = SPOC_PERMUTATIONS,
): PermutationOutcome {
  if (count > MAX_SHELL_SAMPLES) throw new RangeError(`shellPermutationTest: ${count} coefficients, at most ${MAX_SHELL_SAMPLES} supported`);
  const start = 2 * offset;
  const end = start + 2 * count;
  let sa = 0;
  let sb = 0;
  for (let k = start; k < end; k++) {
    sa += a[k]! * a[k]!;
    sb += b[k]! * b[k]!;
  }
  const denominator = Math.sqrt(sa * sb);
  if (!(denominator > 0)) return { pValue: 1, permutations: 0, exceeding: 0 };
  // numerator > trueFsc·denominator is the comparison of the correlations without a division; a
  // rearrangement equal to the true pairing up to rounding (the identity, or one that only swaps
  // equal coefficients) must not count as exceeding it, hence the relative margin.
  const bar = trueFsc * denominator + TIE_MARGIN * denominator;
  const total = settings.maxPermutations;
  let exceeding = 0;
  let previous = 0;
  let done = 0;
  while (done < total) {
    const blockEnd = Math.min(total, done + settings.blockSize);
    for (; done < blockEnd; done++) {
      if (shuffledCorrelation(a, b, start, count, random) > bar) exceeding++;
    }
    if (done < total) {
      const p = exceeding / done;
      if (Math.abs(p - previous) < settings.tolerance) break;
      previous = p;
    }
  }
  return { pValue: done > 0 ? exceeding / done : 1, permutations: done, exceeding };
}

/** Shuffles b[start .. start + 2·count) as complex pairs and returns Re Σ a·conj(b) of the result. */
function shuffledCorrelation(a: Float64Array, b: Float64Array, start: number, count: number, random: Uint32Source): number {
  let sum = 0;
  for (let i = count - 1; i > 0; i--) {
    const bi = start + 2 * i;
    const bj = start + 2 * randomBelow(random, i + 1);
    const re = b[bj]!;
    const im = b[bj + 1]!;
    b[bj] = b[bi]!;
    b[bj + 1] = b[bi + 1]!;
    b[bi] = re;
    b[bi + 1] = im;
    sum += a[bi]! * re + a[bi + 1]! * im;
  }
  if (count > 0) sum += a[start]! * b[start]! + a[start + 1]! * b[start + 1]!;
  return sum;
}

/** Correlations closer than this are ties (rounding of sums of a few thousand products is ~1e-13). */
const TIE_MARGIN = 1e-12;

const TWO_32 = 4294967296;
const INV_TWO_32 = 1 / TWO_32;
/** randomBelow is exact up to this bound. */
export const MAX_SHELL_SAMPLES = 1 << 21;

/**
 * Uniform integer in [0, bound) for bound ≤ 2^21 (Lemire's multiply-and-reject, exact: the
 * product of a 32-bit draw and the bound stays below 2^53). The high and low words come from a
 * multiplication by 2^−32 and a floor, both exact, rather than a floating-point remainder, which
 * costs several times more in this innermost loop.
 */
export function randomBelow(random: Uint32Source, bound: number): number {
  let product = random.nextUint32() * bound;
  let high = Math.floor(product * INV_TWO_32);
  let low = product - high * TWO_32;
  if (low < bound) {
    const threshold = (TWO_32 - bound) % bound;
    while (low < threshold) {
      product = random.nextUint32() * bound;
      high = Math.floor(product * INV_TWO_32);
      low = product - high * TWO_32;
    }
  }
  return high;
}
