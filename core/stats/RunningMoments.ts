/**
 * Streaming count, mean, variance, min and max in float64 (Welford's update; two accumulators can be
 * merged with Chan's formula, e.g. one per worker or per block). Use it when values arrive in pieces
 * or are selected on the fly (a mask) and should not be copied into a new array.
 */
export class RunningMoments {
  count = 0;
  mean = 0;
  /** Sum of squared deviations from the running mean. */
  m2 = 0;
  min = Infinity;
  max = -Infinity;

  push(x: number): void {
    const n = ++this.count;
    const d = x - this.mean;
    this.mean += d / n;
    this.m2 += d * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** Adds values[i] for every i (or only where mask[i] equals maskValue, when a mask is given). */
  pushAll(values: ArrayLike<number>, mask?: ArrayLike<number>, maskValue = 1): void {
    if (mask && mask.length !== values.length) {
      throw new RangeError(`mask has ${mask.length} elements, values ${values.length}`);
    }
    for (let i = 0; i < values.length; i++) {
      if (mask && mask[i] !== maskValue) continue;
      this.push(values[i]!);
    }
  }

  merge(other: RunningMoments): void {
    if (other.count === 0) return;
    if (this.count === 0) {
      Object.assign(this, { count: other.count, mean: other.mean, m2: other.m2, min: other.min, max: other.max });
      return;
    }
    const n = this.count + other.count;
    const d = other.mean - this.mean;
    this.m2 += other.m2 + (d * d * this.count * other.count) / n;
    this.mean += (d * other.count) / n;
    this.count = n;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  /** ddof 0: population variance; 1: sample variance. NaN when count ≤ ddof. */
  variance(ddof = 0): number {
    return this.count > ddof ? this.m2 / (this.count - ddof) : Number.NaN;
  }

  standardDeviation(ddof = 0): number {
    return Math.sqrt(this.variance(ddof));
  }
}
