import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildHardMask } from '../hard-mask/buildHardMask.js';
import { massAnalysisProtocol } from '../../level0/mass-analysis/massAnalysisProtocol.js';
import { coverageAbstract, coverageResults } from '../../level0/input-data/coverageText.js';
import { runProtocolInProcess } from '../../level0/loc-bfactor/testing/runProtocolInProcess.js';
import { readMap, SeededRandom, type SectionResult, Volume } from '../../../core/index.js';
import type { MaskCoverage } from './MaskCoverage.js';
import { measureMaskCoverage, roundStep } from './measureMaskCoverage.js';
import { maskCoverageProtocol } from './maskCoverageProtocol.js';
import { FROM_PARTIAL_MASK, partialMaskNote, withPartialMask } from '../../shared/maskCoverageNotes.js';

const n = 64;
const ts = 2;
const grid = { dims: [n, n, n] as [number, number, number], voxelSize: [ts, ts, ts] as [number, number, number], origin: [0, 0, 0] as [number, number, number] };

/**
 * Two equal Gaussian blobs (σ 4 voxels, peak 1) at z = 20 and z = 44 on the box axis, joined by a
 * thin rod of 0.455 along the axis: at contours above 0.455 they are two components of equal size
 * (mirror images about z = 32), at 0.455 and below one.
 */
function twoBlobs(): Volume<Float32Array> {
  const data = new Float32Array(n ** 3);
  for (let z = 0, p = 0; z < n; z++) {
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++, p++) {
        const r2 = (x - 32) ** 2 + (y - 32) ** 2;
        const blobs = Math.exp(-(r2 + (z - 20) ** 2) / 32) + Math.exp(-(r2 + (z - 44) ** 2) / 32);
        const rod = r2 <= 1 && z >= 20 && z <= 44 ? 0.455 : 0;
        data[p] = Math.max(blobs, rod);
      }
    }
  }
  return new Volume(data, grid);
}

describe('measureMaskCoverage', () => {
  it('two blobs split by the contour: half the voxels in the mask, both parts needed, the join at the rod and a round contour below it', () => {
    const map = twoBlobs();
    const { mask, info } = buildHardMask(map, 0.6);
    const { coverage, mask: molecule } = measureMaskCoverage(map, mask, { threshold: 0.6, passes: info.passes, expectedMassKDa: 100 });
    let above = 0;
    for (const v of map.data) if (v >= 0.6) above++;
    expect(coverage.thresholdedVoxels).toBe(above);
    expect(coverage.maskCoverage).toBe(0.5); // mirror-image blobs, one in the mask
    expect(coverage.secondComponentShare).toBe(0.5);
    expect(coverage.coverageComponents95).toBe(2);
    expect(coverage.poor).toBe(true);
    // Ladder step: (0.6 − mean)/100 ≈ 0.006 → 0.01; the rod (0.455) joins the blobs from 0.45 down;
    // the round contour (steps of 0.1) at or below it is 0.4, where one component holds everything.
    expect(roundStep(0.006)).toBe(0.01);
    expect(coverage.joinThreshold).toBe(0.45);
    expect(coverage.suggestedThreshold).toBe(0.4);
    expect(coverage.suggestedLargestShare).toBe(1);
    expect(coverage.enclosedMassKDa).toBeCloseTo((above * 8) / 1207, 12); // 1.207 Å³ per dalton
    expect(coverage.expectedMassKDa).toBe(100);
    // The molecule mask holds both blobs (at z = 20 and 44), the hard mask one.
    const at = (z: number) => 32 + n * (32 + n * z);
    expect([molecule.data[at(20)], molecule.data[at(44)]]).toEqual([1, 1]);
    expect(mask.data[at(20)]! + mask.data[at(44)]!).toBe(1);
    expect(coverage.moleculeComponents).toBe(2);
  });

  it('a contour below the join: good coverage, nothing suggested, the hard mask itself returned', () => {
    const map = twoBlobs();
    const { mask, info } = buildHardMask(map, 0.42);
    const { coverage, mask: molecule } = measureMaskCoverage(map, mask, { threshold: 0.42, passes: info.passes });
    expect(coverage.maskCoverage).toBe(1);
    expect(coverage.coverageComponents95).toBe(1);
    expect(coverage.poor).toBe(false);
    expect(coverage.suggestedThreshold).toBeNull();
    expect(coverage.expectedMassKDa).toBeNull();
    expect(molecule).toBe(mask);
  });

  it('two blobs with no bridge in noise: the parts never join before noise does, so nothing is suggested (no contour in the background)', () => {
    const map = twoBlobs();
    const data = map.data;
    // Remove the rod and add Gaussian noise of σ 0.05 (seeded): below ~0.15 noise joins everything.
    const random = new SeededRandom(7);
    for (let z = 0, p = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++, p++) {
      const r2 = (x - 32) ** 2 + (y - 32) ** 2;
      data[p] = Math.exp(-(r2 + (z - 20) ** 2) / 32) + Math.exp(-(r2 + (z - 44) ** 2) / 32) + 0.05 * random.normal();
    }
    const { mask, info } = buildHardMask(map, 0.5);
    const { coverage } = measureMaskCoverage(map, mask, { threshold: 0.5, passes: info.passes });
    expect(coverage.poor).toBe(true);
    expect(coverage.suggestedThreshold).toBeNull();
    expect(coverage.joinThreshold).toBeNull();
    expect(partialMaskNote(coverage)).toContain('No lower contour enclosing at most three times as many voxels joins them');
  });

  it('the molecule mask keeps the parts and leaves out dust near the box faces, so 0.a measures the molecule', async () => {
    const map = twoBlobs();
    const data = map.data;
    // Lone voxels of 1 near two faces: components of one voxel each, counted for 95 % but not parts.
    for (let k = 0; k < 25; k++) data[2 + n * (5 + 2 * k + n * 2)] = 1;
    for (let k = 0; k < 25; k++) data[(n - 3) + n * (5 + 2 * k + n * (n - 3))] = 1;
    const { mask, info } = buildHardMask(map, 0.6);
    const { coverage, mask: molecule } = measureMaskCoverage(map, mask, { threshold: 0.6, passes: info.passes });
    expect(coverage.poor).toBe(true);
    expect(coverage.moleculeComponents).toBe(2);
    expect(molecule.data[2 + n * (5 + n * 2)]).toBe(0);
    const massA = (await runProtocolInProcess(massAnalysisProtocol, { map, mask, coverage: { json: coverage }, moleculeMask: molecule }, {})).section!.value as SectionResult;
    expect(massA.warnings).toEqual([]);
    expect(massA.method).toMatch(/the 2 parts of the molecule/);
  });

  it('dust is not a split: a blob and many single voxels above the contour (under 5 % each) is not poor coverage', () => {
    const map = twoBlobs();
    const data = map.data;
    // Remove the second blob and the rod; sprinkle 300 lone voxels (8 % of the blob's voxels).
    for (let z = 33; z < n; z++) data.fill(0, z * n * n, (z + 1) * n * n);
    for (let k = 0; k < 300; k++) data[(5 + (k % 10) * 5) + n * (5 + Math.floor(k / 10) % 10 * 5 + n * (40 + 2 * Math.floor(k / 100)))] = 1;
    const { mask, info } = buildHardMask(map, 0.6);
    const { coverage } = measureMaskCoverage(map, mask, { threshold: 0.6, passes: info.passes });
    expect(coverage.maskCoverage).toBeLessThan(0.95);
    expect(coverage.poor).toBe(false);
  });
});

describe('vrs.maskCoverage → 0.a and the input section', () => {
  async function sections(map: Volume<Float32Array>, threshold: number, compatibility: 'corrected' | 'original' = 'corrected') {
    const { mask, info } = buildHardMask(map, threshold);
    const out = await runProtocolInProcess(maskCoverageProtocol, { map, mask, maskInfo: { json: info } }, { threshold });
    const coverage = out.info!.value as MaskCoverage;
    const moleculeMask = out.mask!.value as typeof mask;
    const massA = (await runProtocolInProcess(massAnalysisProtocol, { map, mask, coverage: { json: coverage }, moleculeMask }, { compatibility })).section!.value as SectionResult;
    return { coverage, massA, mask, info };
  }

  it('corrected: 0.a measures both blobs together, so the split phantom is centred; original: the one-blob mask is decentred and the warning is marked', async () => {
    const map = twoBlobs();
    const corrected = await sections(map, 0.6);
    // Both blobs: extent z ≈ 15…49 of 64, symmetric about the box centre → no decentring.
    expect(corrected.massA.warnings).toEqual([]);
    expect(corrected.massA.method).toMatch(/molecule mask/);
    const original = await sections(map, 0.6, 'original');
    // One blob (z ≈ 15…25): |right − left| / size ≈ 37 % > 20 % in Z.
    expect(original.massA.warnings.some((w) => /decentred in Z/.test(w) && /partial mask/.test(w))).toBe(true);
  });
});

const emd1997 = '/work/shared/data/level0/emd_1997.map';
describe.skipIf(!existsSync(emd1997))('EMD-1997 (GroEL): the contour 1.0 splits the two rings, 0.8 does not', () => {
  it('at 1.0 the input section names the split as the cause and suggests 0.8; 0.a is not decentred; at 0.8 no note', async () => {
    const { volume } = await readMap(emd1997);
    const map = volume as Volume<Float32Array>;
    for (const [threshold, poor] of [[1.0, true], [0.8, false]] as const) {
      const { mask, info } = buildHardMask(map, threshold);
      const out = await runProtocolInProcess(maskCoverageProtocol, { map, mask, maskInfo: { json: info } }, { threshold, expectedMassKDa: 800 });
      const coverage = out.info!.value as MaskCoverage;
      expect(coverage.poor).toBe(poor);
      const massA = (await runProtocolInProcess(massAnalysisProtocol, { map, mask, coverage: { json: coverage }, moleculeMask: out.mask!.value as typeof mask }, {})).section!.value as SectionResult;
      expect(massA.warnings.filter((w) => /decentred/.test(w))).toEqual([]);
      if (poor) {
        // The figures: largest component 49.9 % of the thresholded voxels; one component from 0.8 (99.8 %).
        expect(coverage.maskCoverage).toBeGreaterThan(0.49);
        expect(coverage.maskCoverage).toBeLessThan(0.52);
        expect(coverage.suggestedThreshold).toBe(0.8);
        expect(coverage.suggestedLargestShare).toBeGreaterThan(0.99);
        expect(coverage.enclosedMassKDa).toBeCloseTo(232, 0);
        expect(coverage.suggestedMassKDa).toBeCloseTo(306, 0);
        expect(coverageAbstract(coverage)).toMatch(/^The contour 1\.0 splits the molecule: the analysis mask holds only \d\d\.\d % of the voxels above it, .* A contour of 0\.8 keeps the molecule in one piece\.$/);
        expect(coverageResults(coverage).join(' ')).toMatch(/232 kDa \(306 kDa at 0\.8\), against 800 kDa given for the sample \(ratio 0\.29\): the contour encloses much less/);
      } else {
        expect(coverage.suggestedThreshold).toBeNull();
        expect(massA.notes ?? []).toEqual([]);
      }
    }
  }, 60_000);
});

describe('withPartialMask', () => {
  const section: SectionResult = { id: '0.e', level: '0', title: 'T', method: 'm', status: 'warnings', warnings: ['w1'], metrics: { a: 1 } };
  const poor = { poor: true, maskCoverage: 0.5, threshold: 1, coverageComponents95: 2, suggestedThreshold: 0.8, suggestedLargestShare: 0.998, joinThreshold: 0.83 } as MaskCoverage;

  it('adds the note and marks the warnings it is told to, only when coverage is poor', () => {
    const noted = withPartialMask(section, poor, () => false);
    expect(noted.warnings).toEqual(['w1']);
    expect(noted.notes).toEqual([partialMaskNote(poor)]);
    expect(partialMaskNote(poor)).toBe(
      'The mask with hard borders holds only 50.0 % of the voxels above the contour 1.0: the contour splits the molecule into parts (2 components are needed for 95 %), so this section sees only the largest part. ' +
        'At 0.8 one component holds 99.8 % of the voxels above it (the parts join below 0.83); consider that contour.',
    );
    expect(withPartialMask(section, poor).warnings).toEqual([`w1${FROM_PARTIAL_MASK}`]);
    expect(withPartialMask(section, { ...poor, poor: false })).toBe(section);
    expect(withPartialMask(section, undefined)).toBe(section);
  });
});
