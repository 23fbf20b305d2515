/**
 * Deterministic pseudo-random numbers for phantoms and tests: xoshiro128** (Blackman & Vigna,
 * 32-bit state words), seeded through splitmix32 so that any integer seed gives a well-mixed,
 * never all-zero state. Gaussian deviates by the Box–Muller transform (the second deviate of each
 * pair is kept for the next call). Not for cryptography.
 */
export class SeededRandom {
  /**
   * The four state words as signed 32-bit integers: kept as unsigned numbers in object fields, V8
   * boxes them as doubles once they pass 2^30, which made every draw allocate (the FDR-FSC
   * permutation test draws 10⁸ numbers on a 100³ map).
   */
  protected readonly s = new Int32Array(4);
  private spare = Number.NaN;

  constructor(seed = 1) {
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    for (let k = 0; k < 4; k++) this.s[k] = next();
  }

  /** A generator with the raw 128-bit state given (for reproducing reference sequences). */
  static fromState(state: readonly [number, number, number, number]): SeededRandom {
    if (state.every((s) => s >>> 0 === 0)) throw new RangeError('xoshiro128** state must not be all zero');
    const r = new SeededRandom();
    r.setState(state);
    return r;
  }

  /** The raw state (unsigned), e.g. to start another generator on the same sequence. */
  state(): [number, number, number, number] {
    return [this.s[0]! >>> 0, this.s[1]! >>> 0, this.s[2]! >>> 0, this.s[3]! >>> 0];
  }

  protected setState(state: readonly [number, number, number, number]): void {
    for (let k = 0; k < 4; k++) this.s[k] = state[k]!;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const s0 = s[0]!;
    const s1 = s[1]!;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    const s2 = s[2]! ^ s0;
    const s3 = s[3]! ^ s1;
    s[0] = s0 ^ s3;
    s[1] = s1 ^ s2;
    s[2] = s2 ^ t;
    s[3] = rotl(s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [a, b). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  /** Standard normal deviate. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = Number.NaN;
      return z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Adds (not sets) Gaussian noise of the given standard deviation to every element. */
  addNormalNoise(target: Float32Array | Float64Array, sd: number): void {
    for (let i = 0; i < target.length; i++) target[i]! += sd * this.normal();
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
