// The summary's resolution paragraph: unreliable estimates listed apart, the overestimation
// sentence printing the mean and its 80 % bound. Every expected number is computed by hand below.
import { describe, expect, it } from 'vitest';
import { buildReport } from './buildReport.js';
import type { SectionResult } from './SectionResult.js';
import { validateReport } from './validateReport.js';

const fixed = { tool: 'cryo-vrs', version: '9.9.9', generatedAt: '2026-05-02T07:25:00.000Z' };

function section(id: string, level: string, estimate: SectionResult['resolutionEstimates']): SectionResult {
  return { id, level, title: `Title ${id}`, method: 'method', status: 'ok', warnings: [], metrics: {}, resolutionEstimates: estimate };
}

function summaryOf(sections: SectionResult[], reported: number | null) {
  const report = buildReport(sections, { entry: { mapFile: 'm.map', resolution: reported }, ...fixed });
  validateReport(report);
  return report.summary.resolution!;
}

describe('resolution summary', () => {
  it('prints the estimate and its 80 % bound (one estimate 11.2 Å: 0.8 × 11.2 = 8.96 → 9.0 Å; reported 7 < 8.96)', () => {
    const r = summaryOf([section('0.e', '0', [{ method: 'MonoRes', value: 11.2 }])], 7);
    expect(r.mayBeOverestimated).toBe(true);
    expect(r.sentences).toEqual([
      'The resolution estimated by MonoRes is 11.2 Å.',
      'The reported resolution is 7.0 Å.',
      'The reported resolution may be overestimated: it is below 80% of the estimate (0.8 × 11.2 Å = 9.0 Å).',
    ]);
  });

  it('prints the mean, not 0.8 × mean, as the average (11.0 and 11.4: mean 11.2, bound 8.96)', () => {
    const r = summaryOf([section('1.a', '1', [{ method: 'FSC', value: 11.0 }]), section('1.e', '1', [{ method: 'MonoRes', value: 11.4 }])], 7);
    expect(r.mean).toBeCloseTo(11.2, 12);
    expect(r.sentences[0]).toBe('The resolution estimated by 2 methods goes from 11.0 Å to 11.4 Å, with an average of 11.2 Å.');
    expect(r.sentences[2]).toBe('The reported resolution may be overestimated: it is below 80% of the average estimate (0.8 × 11.2 Å = 9.0 Å).');
  });

  it('leaves an unreliable estimate out of min, max, mean and the test, and lists it apart', () => {
    // Reliable 8.0 and 9.0: mean 8.5, bound 6.8; reported 7.0 > 6.8 → not flagged. With the
    // unreliable 11.2 counted the mean would be 9.4 and the bound 7.52 > 7.0 (flagged).
    const sections = [
      section('0.e', '0', [{ method: 'MonoRes median', value: 11.2, reliable: false, unreliableReason: '65% of the mask voxels were not measured.' }]),
      section('1.a', '1', [{ method: 'FSC 0.143', value: 8.0 }]),
      section('1.e', '1', [{ method: 'MonoRes half maps', value: 9.0 }]),
    ];
    const r = summaryOf(sections, 7);
    expect(r.estimates.map((e) => e.sectionId)).toEqual(['1.a', '1.e']);
    expect([r.min, r.max, r.mean]).toEqual([8, 9, 8.5]);
    expect(r.mayBeOverestimated).toBe(false);
    expect(r.unreliable).toEqual([{ sectionId: '0.e', method: 'MonoRes median', value: 11.2, reason: '65% of the mask voxels were not measured.' }]);
    expect(r.sentences).toEqual([
      'The resolution estimated by 2 methods goes from 8.0 Å to 9.0 Å, with an average of 8.5 Å.',
      'The reported resolution is 7.0 Å.',
      expect.stringMatching(/^Left out as unreliable: MonoRes median \(Sec\. [0-9.]+\), 11\.2 Å: 65% of the mask voxels were not measured\.$/),
    ]);
  });

  it('says so when every estimate is unreliable, and does not flag the reported resolution', () => {
    const r = summaryOf([section('0.e', '0', [{ method: 'MonoRes', value: 11.2, reliable: false, unreliableReason: 'most voxels unmeasured' }])], 7);
    expect(r.estimates).toEqual([]);
    expect([r.min, r.max, r.mean]).toEqual([null, null, null]);
    expect(r.mayBeOverestimated).toBe(false);
    expect(r.sentences[0]).toBe('No reliable resolution estimate is available.');
    expect(r.sentences[2]).toMatch(/^Left out as unreliable: MonoRes.*11\.2 Å: most voxels unmeasured\.$/);
  });
});
