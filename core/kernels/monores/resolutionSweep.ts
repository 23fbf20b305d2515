/** One frequency MonoRes visits. */
export interface SweepFrequency {
  /** The nominal resolution maxRes − k·step (Å) that led to this Fourier index. */
  nominalResolution: number;
  /** Fourier index round(n·Ts/nominal) along the axis used for rounding. */
  fourierIndex: number;
  /** Digital frequency fourierIndex/n (cycles/voxel). */
  frequency: number;
  /** Resolution actually tested, Ts/frequency (Å): the nominal one snapped to the Fourier grid. */
  resolution: number;
}

export interface SweepOptions {
  /** Voxel size Ts (Å). */
  voxelSize: number;
  /** Box size along the axis whose Fourier indices round the frequencies (Xmipp: the z size). */
  boxSize: number;
  /** Lowest resolution (largest Å value), where the sweep starts. */
  maxResolution: number;
  /** Highest resolution (smallest Å value); below 2·Ts it is raised to 2·Ts (Nyquist). */
  minResolution: number;
  /** Step between nominal resolutions (Å). */
  step: number;
}

/**
 * The frequencies of the MonoRes sweep (algorithms §3.5 `resolution2eval`): nominal resolutions
 * maxRes, maxRes − step, … are turned into digital frequencies Ts/res, rounded to the nearest
 * Fourier index of the box; an index equal to the previous one is skipped; index 0 (infinite
 * resolution) is skipped too; the sweep ends at the first resolution finer than Nyquist (2·Ts).
 * The MonoRes loop also stops after a resolution ≤ minRes − 0.001, which this list includes.
 */
export function resolutionSweep(opts: SweepOptions): SweepFrequency[] {
  const { voxelSize, boxSize, maxResolution, step } = opts;
  if (!(voxelSize > 0) || !(step > 0) || !(maxResolution > 0) || !Number.isInteger(boxSize) || boxSize < 2) {
    throw new RangeError(`resolutionSweep needs positive voxel size, step and maxResolution and a box ≥ 2, got ${JSON.stringify(opts)}`);
  }
  const nyquist = 2 * voxelSize;
  const minResolution = Math.max(opts.minResolution, nyquist);
  const out: SweepFrequency[] = [];
  let lastIndex = -1;
  for (let k = 0; ; k++) {
    const nominal = maxResolution - k * step;
    if (!(nominal > 0)) break;
    const index = Math.round((boxSize * voxelSize) / nominal);
    if (index === lastIndex || index === 0) continue;
    lastIndex = index;
    const frequency = index / boxSize;
    const resolution = voxelSize / frequency;
    if (resolution < nyquist) break;
    out.push({ nominalResolution: nominal, fourierIndex: index, frequency, resolution });
    if (resolution <= minResolution - 0.001) break;
  }
  return out;
}
