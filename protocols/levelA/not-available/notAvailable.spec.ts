import { describe, expect, it } from 'vitest';
import type { SectionResult } from '../../../core/index.js';
import { runProtocolInProcess } from '../../level0/loc-bfactor/testing/runProtocolInProcess.js';
import { daqProtocol } from './daqProtocol.js';
import { multimodelProtocol } from './multimodelProtocol.js';

const fitted = { json: { fitted: true, shiftA: [0, 0, 0], ccMask: 0.9, resolutionA: 3 } };
const unfitted = { json: { fitted: false, shiftA: [0, 0, 0], ccMask: 0.1, resolutionA: 3, reason: 'masked CC 0.100' } };

describe('level-A checks vrs cannot compute (A.c, A.g)', () => {
  for (const [protocol, id, title, needs] of [
    [multimodelProtocol, 'A.c', 'Multimodel stability', 'Rosetta'],
    [daqProtocol, 'A.g', 'DAQ', 'trained weights'],
  ] as const) {
    it(`${id} ${title}: not applicable (never scored), saying why and what to do instead`, async () => {
      const section = (await runProtocolInProcess(protocol, { placement: fitted }, {})).section!.value as SectionResult;
      expect(section).toMatchObject({ id, level: 'A', title, summaryLabel: `${id} ${title}`, status: 'not-applicable', warnings: [], metrics: {} });
      expect(section.reason).toContain(needs);
      expect(section.reason).toContain('Q-score');
      expect(section.results).toHaveLength(2);
      expect(protocol.section).toEqual({ id, level: 'A', title });
    });

    it(`${id}: a model that does not fit gives the not-fitted section`, async () => {
      const section = (await runProtocolInProcess(protocol, { placement: unfitted }, {})).section!.value as SectionResult;
      expect(section.status).toBe('not-applicable');
      expect(section.reason).toContain('does not fit');
      expect(section.reason).not.toContain(needs);
    });
  }
});
