/** Tick positions for a linear axis: multiples of 1, 2 or 5 × 10^k inside [min, max], at most ~maxCount. */
export function linearTicks(min: number, max: number, maxCount = 6): { ticks: number[]; step: number } {
  if (!(max > min)) return { ticks: [min], step: 0 };
  const rough = (max - min) / Math.max(1, maxCount);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  for (let i = first; i <= last; i++) ticks.push(cleanFloat(i * step));
  return { ticks, step };
}

/** The interval [min, max] widened outwards to multiples of the tick step. */
export function niceBounds(min: number, max: number, maxCount = 6): [number, number] {
  if (!(max > min)) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return [min - pad, max + pad];
  }
  const { step } = linearTicks(min, max, maxCount);
  return [cleanFloat(Math.floor(min / step + 1e-9) * step), cleanFloat(Math.ceil(max / step - 1e-9) * step)];
}

/**
 * Ticks for a log axis over [min, max] (both > 0): every power of ten inside, thinned to at most
 * ~maxCount; when the range spans less than two decades, 2× and 5× ticks too.
 */
export function logTicks(min: number, max: number, maxCount = 7): number[] {
  const lo = Math.floor(Math.log10(min) + 1e-9);
  const hi = Math.ceil(Math.log10(max) - 1e-9);
  const ticks: number[] = [];
  const decades = hi - lo;
  const every = Math.max(1, Math.ceil(decades / maxCount));
  const short = Math.log10(max / min) < 2;
  for (let k = lo; k <= hi; k++) {
    const multipliers = short ? [1, 2, 5] : [1];
    for (const m of multipliers) {
      if (m === 1 && (k - lo) % every !== 0) continue;
      const v = m * 10 ** k;
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) ticks.push(cleanFloat(v));
    }
  }
  return ticks;
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** "10³", "2×10⁻²": a power-of-ten tick label with Unicode superscripts. */
export function formatPowerOfTen(v: number): string {
  const exponent = Math.floor(Math.log10(v) + 1e-9);
  const mantissa = Math.round(v / 10 ** exponent);
  const power = '10' + [...String(exponent)].map((c) => SUPERSCRIPT[c]).join('');
  if (exponent >= 0 && exponent <= 3) return String(Math.round(v));
  return mantissa === 1 ? power : `${mantissa}×${power}`;
}

/** Label of a linear tick whose spacing is `step`: enough decimals to tell ticks apart, a true minus sign. */
export function formatTick(v: number, step: number): string {
  const magnitude = Math.max(Math.abs(v), Math.abs(step));
  let text: string;
  if (v === 0) text = '0';
  else if (magnitude >= 1e6 || (step > 0 && step < 1e-4)) {
    const exponent = Math.floor(Math.log10(Math.abs(v)));
    const mantissa = v / 10 ** exponent;
    text = `${cleanFloat(Number(mantissa.toPrecision(3)))}×10${[...String(exponent)].map((c) => SUPERSCRIPT[c]).join('')}`;
  } else {
    const decimals = step > 0 ? Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9) + (isHalfStep(step) ? 1 : 0))) : 2;
    text = v.toFixed(decimals);
  }
  return text.replace(/^-/, '−');
}

function isHalfStep(step: number): boolean {
  // 2.5 × 10^k needs one digit more than its power of ten.
  const m = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
  return Math.abs(m - 2.5) < 1e-6;
}

function cleanFloat(v: number): number {
  return Number(v.toPrecision(12));
}

/** `v` with at least `digits` significant digits and no exponent below 10⁶ (−5648.6 → "−5649", 2.5 → "2.50"). */
export function formatSignificant(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(v)));
  if (magnitude >= 6 || magnitude < -4) return formatTick(v, 10 ** (magnitude - digits + 1));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return v.toFixed(decimals).replace(/^-/, '−');
}
