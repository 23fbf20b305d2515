import { describe, expect, it } from 'vitest';
import { YamlSource } from './YamlSource.js';

describe('YamlSource', () => {
  const source = new YamlSource('f.yaml', 'version: 1\nsteps:\n  mask:\n    protocol: vrs.hardMask\n    params: { threshold: 0.5 }\n');

  it('locates values and keys by path (1-based line and column)', () => {
    expect(source.locate(['steps', 'mask', 'protocol'])).toEqual({ file: 'f.yaml', line: 4, column: 15 });
    expect(source.locate(['steps', 'mask'], 'key')).toEqual({ file: 'f.yaml', line: 3, column: 3 });
    expect(source.locate(['steps', 'mask', 'params', 'threshold'])).toEqual({ file: 'f.yaml', line: 5, column: 26 });
  });

  it('falls back to the nearest existing parent value', () => {
    // No `inputs` in step mask: the step's mapping, which starts on line 4.
    expect(source.locate(['steps', 'mask', 'inputs', 'map']).line).toBe(4);
  });

  it('reports syntax errors with their line and no data', () => {
    const broken = new YamlSource('b.yaml', 'a: 1\nb: [\n');
    expect(broken.data).toBeUndefined();
    expect(broken.syntaxIssues[0]!.location!.file).toBe('b.yaml');
  });
});
