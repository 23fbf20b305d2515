/** One frequency of a MonoDir direction sweep, with the tails of its two filters. */
export interface MonoDirFrequency {
  /** Fourier index along the box and its digital frequency index/n. */
  fourierIndex: number;
  frequency: number;
  /** Ts/frequency (Å). */
  resolution: number;
  /** Start of the high-pass tail (digital, below `frequency`). */
  highStart: number;
  /** End of the amplitude low-pass tail (digital, above `frequency`, at most ½). */
  lowEnd: number;
}

export interface MonoDirSweepOptions {
  voxelSize: number;
  /** Box size whose Fourier indices the frequencies snap to (Xmipp: the z size). */
  boxSize: number;
  /** Resolution the sweep starts from (Å; MonoDir 18). */
  startResolution?: number;
  /** Minimum step between tested resolutions (Å; VRS resstep 0.5), 1 Å while the resolution is above 8 Å. */
  step?: number;
  /** The program's internal floor (Å; 1). */
  minResolution?: number;
}

/**
 * The frequencies of a MonoDir direction (algorithms §3.6b step 4, Xmipp `resolution2eval_`):
 * from the Fourier index of 18 Å upwards by one index; when the new resolution is closer than the
 * minimum step to the last one, the frequency jumps to Ts/(last − step), snapped to an index (and
 * skipped when that index was the last one). High-pass tail from res + max(0.05·res, step),
 * amplitude low-pass to res − max(0.05·res, step), both snapped to indices, at least one index away
 * from the frequency and capped at ½. Ends beyond digital frequency 0.49 or after a resolution
 * ≤ minRes − 0.001.
 */
export function monoDirSweep(opts: MonoDirSweepOptions): MonoDirFrequency[] {
  const { voxelSize: ts, boxSize: n } = opts;
  const start = opts.startResolution ?? 18;
  const baseStep = opts.step ?? 0.5;
  const minRes = opts.minResolution ?? 1;
  if (!(ts > 0) || !Number.isInteger(n) || n < 4 || !(start > 0) || !(baseStep > 0)) {
    throw new RangeError(`monoDirSweep: bad options ${JSON.stringify(opts)}`);
  }
  const out: MonoDirFrequency[] = [];
  let index = Math.max(1, Math.round((n * ts) / start));
  let lastResolution = Infinity;
  let lastIndex = -1;
  for (let guard = 0; guard < 4 * n; guard++) {
    let frequency = index / n;
    let resolution = ts / frequency;
    const minStep = resolution > 8 ? 1 : baseStep;
    if (Math.abs(resolution - lastResolution) < minStep) {
      const target = lastResolution - minStep;
      frequency = target > 0 ? ts / target : 0.5;
      index = Math.round(frequency * n);
      frequency = index / n;
      if (index === lastIndex) {
        index++;
        continue;
      }
    }
    if (frequency > 0.49) break;
    resolution = ts / frequency;
    lastResolution = resolution;
    const width = Math.max(0.05 * resolution, minStep);
    const snap = (res: number) => {
      const f = res > 0 ? ts / res : 0.5;
      return Math.round((f > 0.5 ? 0.5 : f) * n);
    };
    let high = snap(resolution + width);
    let low = snap(resolution - width);
    if (high >= index) high = index - 1;
    if (low <= index) low = index + 1;
    out.push({ fourierIndex: index, frequency, resolution, highStart: Math.max(0, high) / n, lowEnd: Math.min(0.5, low / n) });
    if (resolution <= minRes - 0.001) break;
    lastIndex = index;
    index++;
  }
  return out;
}
