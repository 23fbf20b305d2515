/**
 * Frequency in cycles per sample of FFT index i on an axis of n samples (Xmipp FFT_IDX2DIGFREQ,
 * numpy fftfreq): i/n for i ≤ floor(n/2), else (i − n)/n. For even n, index n/2 is +0.5.
 */
export function digitalFrequency(index: number, n: number): number {
  return index <= Math.floor(n / 2) ? index / n : (index - n) / n;
}
