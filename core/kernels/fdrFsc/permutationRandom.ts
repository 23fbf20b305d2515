import { SeededRandom } from '../../stats/index.js';

/** A source of uniform 32-bit integers (what the permutation test draws from). */
export interface Uint32Source {
  nextUint32(): number;
}

/**
 * xoshiro128** with its state in an Int32Array: the same sequence as core/stats SeededRandom
 * started from the same state, at a fraction of the cost. SeededRandom keeps its words as unsigned
 * numbers in object fields, which V8 stores as boxed doubles once they pass 2^30; the permutation
 * test draws one number per coefficient per permutation (10⁸ draws on a 100³ map), where that
 * allocation dominated. The state is seeded by the first four words of SeededRandom(seed).
 */
export class PermutationRandom implements Uint32Source {
  private readonly s = new Int32Array(4);

  constructor(seed: number) {
    const seeder = new SeededRandom(seed);
    for (let k = 0; k < 4; k++) this.s[k] = seeder.nextUint32();
  }

  /** The raw state (unsigned), e.g. to start a SeededRandom on the same sequence. */
  state(): [number, number, number, number] {
    return [this.s[0]! >>> 0, this.s[1]! >>> 0, this.s[2]! >>> 0, this.s[3]! >>> 0];
  }

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
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
