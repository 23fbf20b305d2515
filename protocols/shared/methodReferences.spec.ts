import { describe, expect, it } from 'vitest';
import { buildReport, validateReport, type MethodReference } from '../../core/index.js';
import * as refs from './methodReferences.js';

const all = Object.entries(refs) as [string, MethodReference][];

describe('the method reference table', () => {
  it('holds each paper once: no two constants share a DOI or a title', () => {
    const dois = all.flatMap(([, r]) => (r.doi ? [r.doi.toLowerCase()] : []));
    const titles = all.flatMap(([, r]) => (r.title ? [r.title.toLowerCase()] : []));
    expect(new Set(dois).size).toBe(dois.length);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('names each constant after its first author and year, and gives bare DOIs, never URLs', () => {
    for (const [name, r] of all) {
      expect(name.endsWith(`_${r.year}`), name).toBe(true);
      if (r.doi) expect(r.doi, name).toMatch(/^10\.\d{4,9}\/\S+$/);
    }
  });

  it('every reference is valid in report.json (schema)', () => {
    const report = buildReport([{ id: '0.a', level: '0', title: 't', method: 'm', status: 'no-criteria', warnings: [], metrics: {}, references: all.map(([, r]) => r) }], {
      entry: { mapFile: 'm.map', resolution: null },
    });
    expect(() => validateReport(report)).not.toThrow();
  });
});
