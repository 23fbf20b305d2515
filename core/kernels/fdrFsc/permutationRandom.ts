import { SeededRandom } from '../../stats/index.js';

/** A source of uniform 32-bit integers (what the permutation test draws from). */
export interface Uint32Source {
  nextUint32(): number;
}

/**
 * The permutation test's stream for a seed: xoshiro128** (SeededRandom) started from the first
 * four words of SeededRandom(seed) — the state the stream was defined with, kept so that FDR-FSC
 * results stay those of earlier runs.
 */
export class PermutationRandom extends SeededRandom {
  constructor(seed: number) {
    super(seed);
    const seeder = new SeededRandom(seed);
    this.setState([seeder.nextUint32(), seeder.nextUint32(), seeder.nextUint32(), seeder.nextUint32()]);
  }
}
