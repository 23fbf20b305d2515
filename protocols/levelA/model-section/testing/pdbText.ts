// Test helper: fixed-column PDB text for small hand-made models (ATOM/HETATM, TER between chains).

export interface TestAtom {
  name: string;
  resName: string;
  chain: string;
  resSeq: number;
  x: number;
  y: number;
  z: number;
  element: string;
  b?: number;
  hetero?: boolean;
}

export function pdbText(atoms: readonly TestAtom[]): string {
  const lines: string[] = [];
  const f = (v: number, w: number, d: number) => v.toFixed(d).padStart(w);
  atoms.forEach((a, i) => {
    const previous = atoms[i - 1];
    if (previous && previous.chain !== a.chain) lines.push('TER');
    const name = a.name.length < 4 && a.element.length === 1 ? ` ${a.name.padEnd(3)}` : a.name.padEnd(4);
    const record = a.hetero ? 'HETATM' : 'ATOM  ';
    lines.push(
      `${record}${String(i + 1).padStart(5)} ${name} ${a.resName.padStart(3)} ${a.chain}${String(a.resSeq).padStart(4)}    ${f(a.x, 8, 3)}${f(a.y, 8, 3)}${f(a.z, 8, 3)}${f(1, 6, 2)}${f(a.b ?? 20, 6, 2)}          ${a.element.padStart(2)}`,
    );
  });
  lines.push('END', '');
  return lines.join('\n');
}
