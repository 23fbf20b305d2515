import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseParamAssignments } from './parseParamAssignments.js';

const specs = {
  threshold: { type: 'number' },
  passes: { type: 'integer' },
  verbose: { type: 'boolean' },
  shells: { type: 'number[]' },
  levels: { type: 'string[]' },
  map: { type: 'path' },
} as const;

describe('parseParamAssignments', () => {
  it('types values by the workflow declarations', () => {
    expect(parseParamAssignments(specs, ['threshold=0.012', 'passes=3', 'verbose=yes', 'shells=1,2.5', 'levels=0, 1', 'map=a=b.map'], undefined, '/')).toEqual({
      threshold: 0.012,
      passes: 3,
      verbose: true,
      shells: [1, 2.5],
      levels: ['0', '1'],
      map: 'a=b.map',
    });
  });

  it('lets --param override a params file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrs-params-'));
    writeFileSync(join(dir, 'p.yaml'), 'threshold: 1.5\npasses: 2\n');
    expect(parseParamAssignments(specs, ['passes=4'], 'p.yaml', dir)).toEqual({ threshold: 1.5, passes: 4 });
  });

  it('rejects malformed assignments and numbers', () => {
    expect(() => parseParamAssignments(specs, ['threshold'], undefined, '/')).toThrow('--param expects name=value, got "threshold"');
    expect(() => parseParamAssignments(specs, ['threshold='], undefined, '/')).toThrow('--param threshold: expected a number, got ""');
    expect(() => parseParamAssignments(specs, ['threshold=1,5'], undefined, '/')).toThrow('expected a number, got "1,5"');
  });
});
