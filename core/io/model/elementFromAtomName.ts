/** Two-letter elements met in biomolecular models (ions, metals, halogens, cofactors). */
const TWO_LETTER_ELEMENTS = new Set([
  'LI', 'BE', 'NA', 'MG', 'AL', 'SI', 'CL', 'AR', 'CA', 'SC', 'TI', 'CR', 'MN', 'FE', 'CO', 'NI', 'CU', 'ZN', 'GA', 'GE', 'AS', 'SE',
  'BR', 'KR', 'RB', 'SR', 'ZR', 'MO', 'RU', 'RH', 'PD', 'AG', 'CD', 'IN', 'SN', 'SB', 'TE', 'XE', 'CS', 'BA', 'LA', 'CE', 'PR',
  'ND', 'SM', 'EU', 'GD', 'TB', 'DY', 'HO', 'ER', 'TM', 'YB', 'LU', 'HF', 'TA', 'RE', 'OS', 'IR', 'PT', 'AU', 'HG', 'TL', 'PB',
  'BI', 'TH', 'PA', 'U', 'NP', 'PU',
]);

/**
 * Element of a PDB atom whose element columns (77–78) are blank, from the 4-character name field
 * (columns 13–16). PDB right-justifies the element in columns 13–14, so " CA " is a C-alpha carbon
 * and "CA  " calcium; a digit in column 13 ("1HG1") is a hydrogen position prefix. ATOM records
 * name only polymer atoms, whose elements are single letters.
 */
export function elementFromAtomName(nameField: string, isHetero: boolean): string {
  const field = nameField.padEnd(4, ' ').toUpperCase();
  const first = field[0]!;
  if (first === ' ' || (first >= '0' && first <= '9')) {
    const letter = field[1]!;
    return letter >= 'A' && letter <= 'Z' ? letter : '';
  }
  if (isHetero) {
    const two = field.slice(0, 2);
    if (TWO_LETTER_ELEMENTS.has(two)) return two;
  }
  return first >= 'A' && first <= 'Z' ? first : '';
}

/**
 * Element from an atom name without PDB column alignment (mmCIF without type_symbol): a hetero
 * atom named exactly like a two-letter element ("MG", "ZN") is that element, otherwise the first
 * letter after any digits.
 */
export function elementFromBareAtomName(name: string, isHetero: boolean): string {
  const upper = name.trim().toUpperCase();
  if (isHetero && TWO_LETTER_ELEMENTS.has(upper)) return upper;
  const m = /[A-Z]/.exec(upper);
  return m ? m[0] : '';
}
