/** The smallest n' ≥ n whose only prime factors are 2, 3 and 5 (fast FFT lengths). */
export function fftFriendlySize(n: number): number {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`size must be a positive integer, got ${n}`);
  for (let m = n; ; m++) {
    let r = m;
    for (const p of [2, 3, 5]) while (r % p === 0) r /= p;
    if (r === 1) return m;
  }
}
