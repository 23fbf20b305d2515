// Measured per-point costs (ns, one thread, batches of 16–32 lines, this machine's Zen 4 at 2.6 GHz):
// a pass of the generic odd-prime butterfly of radix p ≈ 4 + 0.58·p; a specialised pass (2…8) ≈ 2;
// a Bluestein transform of length n with inner length M ≈ 2.3·(M/n)·log2 M. Only the ratios matter.
const GENERIC_PASS_COST = 4;
const GENERIC_COST_PER_RADIX = 0.58;
const SPECIAL_PASS_COST = 2;
const BLUESTEIN_COST = 2.3;

/**
 * Splits n into the radices of the Stockham passes (8, 4, 2 for powers of two, then 3, 5 and odd
 * primes for the generic butterfly), or returns null when Bluestein's algorithm is cheaper, which
 * happens for large prime factors (from 59 on; 23 = 184/8 stays with the generic butterfly).
 * n = 1 gives no passes. (A 3×3 radix-9 pass was tried and measured no faster than two radix-3s.)
 */
export function chooseRadices(n: number): number[] | null {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`FFT length must be a positive integer, got ${n}`);
  let rest = n;
  let twos = 0;
  while (rest % 2 === 0) {
    rest /= 2;
    twos++;
  }
  const radices: number[] = [];
  // Radix 8 needs the fewest passes; a leftover 2^1 is better as 4·4 than 8·2.
  let eights = Math.floor(twos / 3);
  let leftover = twos % 3;
  if (leftover === 1 && eights > 0) {
    eights--;
    leftover = 4;
  }
  for (let i = 0; i < eights; i++) radices.push(8);
  if (leftover === 4) radices.push(4, 4);
  else if (leftover === 2) radices.push(4);
  else if (leftover === 1) radices.push(2);
  for (let p = 3; rest > 1; p += 2) {
    if (p * p > rest) p = rest; // what is left is prime
    while (rest % p === 0) {
      radices.push(p);
      rest /= p;
    }
  }
  let cost = 0;
  for (const p of radices) cost += p > 5 && p !== 8 ? GENERIC_PASS_COST + GENERIC_COST_PER_RADIX * p : SPECIAL_PASS_COST;
  let m = 1;
  while (m < 2 * n - 1) m *= 2;
  const bluestein = (BLUESTEIN_COST * m * Math.log2(m)) / n;
  return n > 2 && bluestein < cost ? null : radices;
}
