/**
 * Number K of frequencies LocOccupancy sweeps: K = max(1, int((1/R − 1/Rmin)/σf)), `int` truncating
 * toward zero as Python does (vrs-spec §6.7, §20.4). With R ≥ Rmin the difference is ≤ 0 and K = 1.
 */
export function occupancyFrequencyCount(resolution: number, minResolution: number, shellWidth: number): number {
  if (!(resolution > 0 && minResolution > 0 && shellWidth > 0) || ![resolution, minResolution, shellWidth].every(Number.isFinite)) {
    throw new RangeError(`occupancyFrequencyCount: positive finite arguments expected, got ${resolution}, ${minResolution}, ${shellWidth}`);
  }
  return Math.max(1, Math.trunc((1 / resolution - 1 / minResolution) / shellWidth));
}
