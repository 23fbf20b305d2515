/**
 * Decodes a PDB integer field that may use hybrid-36 (how writers fit serials ≥ 100 000 in 5
 * columns and residue numbers ≥ 10 000 in 4): decimal first, then A0000… upper-case base 36, then
 * a0000… lower case. Returns NaN for anything else (e.g. "*****").
 */
export function decodeHybrid36(field: string, width: number): number {
  const s = field.trim();
  if (s.length === 0) return Number.NaN;
  const first = s.charCodeAt(0);
  const isUpper = first >= 65 && first <= 90;
  const isLower = first >= 97 && first <= 122;
  if (!isUpper && !isLower) return /^[+-]?\d+$/.test(s) ? Number.parseInt(s, 10) : Number.NaN;
  if (s.length !== width || !(isUpper ? /^[0-9A-Z]+$/ : /^[0-9a-z]+$/).test(s)) return Number.NaN;
  const block = 26 * 36 ** (width - 1);
  const value = Number.parseInt(s, 36) - 10 * 36 ** (width - 1) + 10 ** width;
  return isUpper ? value : value + block;
}
