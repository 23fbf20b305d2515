/**
 * Largest prime handled by the generic O(p²) butterfly; a length with a larger prime factor goes
 * through Bluestein's algorithm. Near this size both cost about the same (measured on 47…97).
 */
export const MAX_GENERIC_RADIX = 61;

/**
 * Splits n into the radices of the Stockham passes (8, 4, 2 for powers of two, then 3, 5, 7 and
 * other primes up to MAX_GENERIC_RADIX), or returns null when n has a larger prime factor.
 * n = 1 gives no passes.
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
      if (p > MAX_GENERIC_RADIX) return null;
      radices.push(p);
      rest /= p;
    }
  }
  return radices;
}
