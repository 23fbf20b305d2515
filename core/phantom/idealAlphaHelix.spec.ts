import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../volume/index.js';
import { crossProduct, idealAlphaHelix } from './idealAlphaHelix.js';

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const dist = (a: Vec3, b: Vec3) => Math.hypot(...sub(a, b));

describe('idealAlphaHelix', () => {
  const axis: Vec3 = [0.2, -0.3, 0.9];
  const unit = axis.map((a) => a / Math.hypot(...axis)) as Vec3;
  const start: Vec3 = [10, 20, 30];
  const right = idealAlphaHelix({ start, axis, residues: 20, phase: 40 });
  const atom = (atoms: typeof right, res: number, name: string) => atoms.find((a) => a.residue === res && a.name === name)!.position;

  it('has standard bond lengths (Engh & Huber values within 0.05 Å)', () => {
    for (let i = 2; i < 18; i++) {
      expect(dist(atom(right, i, 'N'), atom(right, i, 'CA'))).toBeCloseTo(1.458, 1);
      expect(dist(atom(right, i, 'CA'), atom(right, i, 'C'))).toBeCloseTo(1.525, 1);
      expect(dist(atom(right, i, 'C'), atom(right, i, 'O'))).toBeCloseTo(1.231, 1);
      expect(dist(atom(right, i, 'C'), atom(right, i + 1, 'N'))).toBeCloseTo(1.329, 1);
      expect(dist(atom(right, i, 'CA'), atom(right, i, 'CB'))).toBeCloseTo(1.53, 1);
      // α-helix hydrogen bond O(i)···N(i+4)
      expect(Math.abs(dist(atom(right, i - 2, 'O'), atom(right, i + 2, 'N')) - 2.95)).toBeLessThan(0.15);
    }
  });

  it('rises 1.5 Å per residue with 3.6 residues per turn (18 residues = 5 turns = 27 Å)', () => {
    const d = sub(atom(right, 18, 'CA'), atom(right, 0, 'CA'));
    d.forEach((v, k) => expect(v).toBeCloseTo(27 * unit[k]!, 10));
    const ca0 = sub(atom(right, 0, 'CA'), start);
    expect(dot(ca0, unit)).toBeCloseTo(0, 10);
    expect(Math.hypot(...ca0)).toBeCloseTo(2.3, 10);
  });

  it('turns right-handed with L residues; the left-handed one is the mirror image', () => {
    const turnSign = (atoms: typeof right, along: Vec3) => {
      const a = sub(atom(atoms, 3, 'CA'), start);
      const b = sub(atom(atoms, 4, 'CA'), start);
      return Math.sign(dot(crossProduct(a, b), along));
    };
    const chiralVolume = (atoms: typeof right, i: number) => {
      const ca = atom(atoms, i, 'CA');
      return dot(sub(atom(atoms, i, 'N'), ca), crossProduct(sub(atom(atoms, i, 'C'), ca), sub(atom(atoms, i, 'CB'), ca)));
    };
    // advancing along +axis, counter-clockwise seen from the tip
    expect(turnSign(right, unit)).toBe(1);
    expect(chiralVolume(right, 5)).toBeGreaterThan(2);
    const left = idealAlphaHelix({ start, axis, residues: 20, phase: 40, handedness: 'left' });
    // the left helix advances along −axis and turns clockwise about it
    expect(dot(sub(atom(left, 10, 'CA'), atom(left, 0, 'CA')), unit)).toBeLessThan(0);
    expect(turnSign(left, unit.map((v) => -v) as Vec3)).toBe(-1);
    expect(chiralVolume(left, 5)).toBeCloseTo(-chiralVolume(right, 5), 10);
  });
});
