/**
 * The LocSpiral frequency sweep: `count` frequencies (Å⁻¹) from 1/lowResolution to 1/highResolution,
 * both ends included, computed as numpy.linspace does (i·step + start, the last one set to the end
 * exactly) so that the fitted abscissae are the original's to the last bit.
 */
export function sweepFrequencies(lowResolution: number, highResolution: number, count: number): Float64Array {
  if (!(lowResolution > 0 && highResolution > 0 && Number.isFinite(lowResolution) && Number.isFinite(highResolution))) {
    throw new RangeError(`sweepFrequencies: resolutions must be positive and finite, got ${lowResolution} and ${highResolution}`);
  }
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`sweepFrequencies: count must be a positive integer, got ${count}`);
  const start = 1 / lowResolution;
  const stop = 1 / highResolution;
  const out = new Float64Array(count);
  if (count === 1) {
    out[0] = start;
    return out;
  }
  const step = (stop - start) / (count - 1);
  for (let i = 0; i < count; i++) out[i] = i * step + start;
  out[count - 1] = stop;
  return out;
}
