/**
 * Formats one number or string with a C printf conversion (%d, %i, %u, %f, %e, %E, %g, %G, %s, with
 * flags, width and precision), so tables print numbers exactly as the original report did
 * ("%5.2f", "%5.4f", "%f", "%d"). null, undefined and NaN print as "—"; infinities as "∞"/"−∞".
 */
export function formatPrintf(value: number | string | null | undefined, format: string): string {
  const m = /^%([-+ 0#]*)(\d*)(?:\.(\d+))?([diufeEgGs])$/.exec(format);
  if (!m) throw new RangeError(`unsupported printf format "${format}"`);
  const [, flags = '', widthText = '', precisionText, conversion] = m;
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return '—';
  let body: string;
  if (conversion === 's' || typeof value === 'string') {
    body = String(value);
    if (precisionText !== undefined && conversion === 's') body = body.slice(0, Number(precisionText));
  } else if (!Number.isFinite(value)) {
    body = value > 0 ? '∞' : '−∞';
  } else {
    const precision = precisionText === undefined ? 6 : Number(precisionText);
    switch (conversion) {
      case 'd':
      case 'i':
      case 'u':
        body = Math.trunc(value).toFixed(0);
        break;
      case 'f':
        body = value.toFixed(precision);
        break;
      case 'e':
      case 'E':
        body = cExponent(value.toExponential(precision));
        if (conversion === 'E') body = body.toUpperCase();
        break;
      default: {
        // %g: shortest of %e / %f at `precision` significant digits, trailing zeros removed.
        const p = precision === 0 ? 1 : precision;
        const exponent = value === 0 ? 0 : Math.floor(Math.log10(Math.abs(Number(value.toPrecision(p)))));
        body = exponent < -4 || exponent >= p ? cExponent(value.toExponential(p - 1)) : value.toFixed(Math.max(0, p - 1 - exponent));
        if (!flags.includes('#')) body = body.replace(/(\.\d*?)0+(?=$|e)/, '$1').replace(/\.(?=$|e)/, '');
        if (conversion === 'G') body = body.toUpperCase();
      }
    }
    if (body.startsWith('-') && Number(body.replace(/[^0-9.]/g, '')) === 0 && !/[1-9]/.test(body)) body = body.slice(1); // no "-0.00"
    if (!body.startsWith('-')) {
      if (flags.includes('+')) body = '+' + body;
      else if (flags.includes(' ')) body = ' ' + body;
    }
  }
  const width = widthText === '' ? 0 : Number(widthText);
  if (body.length >= width) return body;
  if (flags.includes('-')) return body.padEnd(width);
  if (flags.includes('0') && typeof value === 'number' && conversion !== 's') {
    const sign = /^[-+ ]/.test(body) ? body[0]! : '';
    return sign + body.slice(sign.length).padStart(width - sign.length, '0');
  }
  return body.padStart(width);
}

/** JavaScript writes 1e+5; C writes 1e+05 (at least two exponent digits). */
function cExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** A table cell without an explicit format: integers as they are, other numbers to 6 significant digits. */
export function formatCell(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}
