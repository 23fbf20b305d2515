import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPdbAtom, readMap, Volume, type SectionResult, type Vec3 } from '../../../core/index.js';
import { runProtocolInProcess } from '../../level0/loc-bfactor/testing/runProtocolInProcess.js';
import { qScoreProtocol } from './qScoreProtocol.js';

interface TestAtom {
  name: string;
  resName: string;
  chain: string;
  seq: number;
  at: Vec3;
  element: string;
  het?: boolean;
}

function pdbLine(serial: number, a: TestAtom): string {
  return formatPdbAtom({ serial, name: a.name, resName: a.resName, chain: a.chain, resSeq: a.seq, x: a.at[0], y: a.at[1], z: a.at[2], element: a.element, hetero: a.het ?? false });
}

function writePdb(list: TestAtom[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vrs-qscore-')), 'model.pdb');
  writeFileSync(path, [...list.map((a, i) => pdbLine(i + 1, a)), 'END', ''].join('\n'));
  return path;
}

/** Each atom the reference Gaussian (σ = 0.6 Å) on a 0.25 Å grid: the map Q-score is built to match. */
function referenceMap(centres: Vec3[]): Volume<Float32Array> {
  const dims: Vec3 = [120, 100, 100];
  const voxel = 0.25;
  const origin: Vec3 = [-5.1, -4.9, -5.05];
  const data = new Float32Array(dims[0] * dims[1] * dims[2]);
  for (const [cx, cy, cz] of centres) {
    for (let k = 0; k < dims[2]; k++) {
      const dz = origin[2] + k * voxel - cz;
      if (Math.abs(dz) > 4) continue;
      for (let j = 0; j < dims[1]; j++) {
        const dy = origin[1] + j * voxel - cy;
        if (Math.abs(dy) > 4) continue;
        for (let i = 0; i < dims[0]; i++) {
          const dx = origin[0] + i * voxel - cx;
          data[(k * dims[1] + j) * dims[0] + i]! += Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * 0.36));
        }
      }
    }
  }
  return new Volume(data, { dims, voxelSize: [voxel, voxel, voxel], origin });
}

// Isolated atoms, 7–8 Å apart: one "residue" of protein (N, CA, C named), one of another, a water.
const ATOMS: TestAtom[] = [
  { name: 'N', resName: 'ALA', chain: 'A', seq: 1, at: [0.3, 0.2, 0.1], element: 'N' },
  { name: 'CA', resName: 'ALA', chain: 'A', seq: 1, at: [7.9, 0.4, 0.2], element: 'C' },
  { name: 'C', resName: 'ALA', chain: 'A', seq: 1, at: [15.6, 0.1, 0.4], element: 'C' },
  { name: 'N', resName: 'GLY', chain: 'A', seq: 2, at: [0.2, 8.1, 0.3], element: 'N' },
  { name: 'CA', resName: 'GLY', chain: 'A', seq: 2, at: [8.2, 8.3, 0.2], element: 'C' },
  { name: 'C', resName: 'GLY', chain: 'A', seq: 2, at: [15.9, 8.0, 0.1], element: 'C' },
  { name: 'O', resName: 'HOH', chain: 'W', seq: 1, at: [8.0, 16.1, 8.0], element: 'O', het: true },
];
const FITTED = { json: { fitted: true, shiftA: [0, 0, 0], ccMask: 0.9, resolutionA: 3 } };

async function run(map: Volume<Float32Array> | undefined, modelPath: string, placement: unknown, params: Record<string, unknown> = {}): Promise<SectionResult> {
  const out = await runProtocolInProcess(qScoreProtocol, { map, model: { path: modelPath }, placement: { json: placement } }, params);
  return out.section!.value as SectionResult;
}

describe('vrs.qScore', () => {
  it('scores ≈ 1 on the reference map itself, and its homogeneity guard fires on such a perfect map', async () => {
    const path = writePdb(ATOMS);
    const section = await run(referenceMap(ATOMS.map((a) => a.at)), path, FITTED.json, { resolution: 2.5 });
    expect(section.id).toBe('A.e');
    expect(section.metrics.meanQ as number).toBeGreaterThan(0.99);
    expect(section.metrics.atomsScored).toBe(7);
    // Expected protein Q at 2.5 Å: −0.1775·2.5 + 1.1192 = 0.67545.
    expect(section.metrics.expectedQ as number).toBeCloseTo(0.67545, 10);
    const chains = section.metrics.perChain as { chain: string; type: string; meanQ: number; estimatedResolution: number }[];
    expect(chains.map((c) => `${c.chain}:${c.type}`)).toEqual(['A:protein', 'W:water']);
    expect(chains[0]!.estimatedResolution).toBeCloseTo((chains[0]!.meanQ - 1.1192) / -0.1775, 10);
    expect(section.resolutionEstimates?.[0]?.value).toBeCloseTo((chains[0]!.estimatedResolution + chains[1]!.estimatedResolution) / 2, 10);
    // All Q ≈ 1: p97.5 − p2.5 < 0.1.
    expect(section.status).toBe('warnings');
    expect(section.warnings).toHaveLength(1);
    expect(section.warnings[0]).toMatch(/homogeneous/);
    expect(section.results!.join(' ')).toMatch(/σ = 0\.6 Å/);
    expect(section.results!.join(' ')).toMatch(/2\.5 Å/);
    expect(section.plots!.map((p) => p.id)).toEqual(['q_histogram', 'q_profile_A']);
  }, 30_000);

  it('warns on a median Q below 0.1 when the model sits 2 Å off its density', async () => {
    const shifted = ATOMS.map((a) => ({ ...a, at: [a.at[0] + 2, a.at[1], a.at[2]] as Vec3 }));
    const section = await run(referenceMap(ATOMS.map((a) => a.at)), writePdb(shifted), FITTED.json);
    expect(section.metrics.medianQ as number).toBeLessThan(0.1);
    expect(section.warnings.some((w) => /median Q-score/.test(w))).toBe(true);
    expect(section.metrics.expectedQ).toBeNull();
  }, 30_000);

  it('applies the placement shift and stops without reading the map when the model does not fit', async () => {
    const moved = ATOMS.map((a) => ({ ...a, at: [a.at[0] - 30, a.at[1] + 12, a.at[2]] as Vec3 }));
    const fitted = await run(referenceMap(ATOMS.map((a) => a.at)), writePdb(moved), { ...FITTED.json, shiftA: [30, -12, 0] });
    expect(fitted.metrics.meanQ as number).toBeGreaterThan(0.99);
    const notFitted = await run(undefined, writePdb(ATOMS), { fitted: false, shiftA: [0, 0, 0], ccMask: 0.1, resolutionA: 3, reason: 'test' });
    expect(notFitted.status).toBe('not-applicable');
  }, 30_000);
});

const ZONE = '/work/shared/data/levelA/emd_30342_chainA_zone.mrc';
const MODEL = '/work/shared/data/levelA/7cec_chainA.cif';

describe.skipIf(!existsSync(ZONE) || !existsSync(MODEL))('vrs.qScore on EMD-30342 / 7CEC chain A', () => {
  it("agrees with MapQ's published mean Q 0.4506 (σ = 0.6) within 0.02", async () => {
    const map = await readMap(ZONE);
    const section = await run(map.volume, MODEL, FITTED.json, { resolution: 3.9 });
    expect(Math.abs((section.metrics.meanQ as number) - 0.4506)).toBeLessThan(0.02);
    const chains = section.metrics.perChain as { chain: string; type: string; estimatedResolution: number }[];
    const protein = chains.find((c) => c.chain === 'A' && c.type === 'protein')!;
    // MapQ's mean 0.4506 corresponds to 3.77 Å on the protein line; ours must be within 0.02/0.1775 ≈ 0.11 Å.
    expect(Math.abs(protein.estimatedResolution - 3.7668)).toBeLessThan(0.12);
    expect(section.status).toBe('ok');
  }, 30_000);
});
