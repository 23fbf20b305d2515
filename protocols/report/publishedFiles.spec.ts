import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProtocolRegistry, loadWorkflow, packageModule } from '../../core/index.js';
import { parsePublished, publishedFiles } from './publishedFiles.js';

const repoRoot = join(import.meta.dirname, '../..');

describe('published files', () => {
  it('parses "step.output=file" and refuses paths leaving the run folder', () => {
    expect(parsePublished(['localResolution.localResolution=local_resolution.mrc', 'a.b=maps/./x.mrc'])).toEqual([
      { step: 'localResolution', output: 'localResolution', file: 'local_resolution.mrc' },
      { step: 'a', output: 'b', file: 'maps/x.mrc' },
    ]);
    expect(() => parsePublished(['a=x.mrc'])).toThrow(/step.output=file/);
    expect(() => parsePublished(['a.b=../x.mrc'])).toThrow(/inside the run folder/);
    expect(() => parsePublished(['a.b=/tmp/x.mrc'])).toThrow(/inside the run folder/);
  });

  it('attaches each file to the section of its step, and leaves out files of steps that did not finish', () => {
    const entries = parsePublished(['s1.map=one.mrc', 's2.map=two.mrc', 'other.map=three.mrc']);
    expect(publishedFiles(entries, [{ sectionId: '0.e', step: 's1', stepFinished: true }, { sectionId: '0.f', step: 's2', stepFinished: false }])).toEqual([
      { file: 'one.mrc', step: 's1', output: 'map', sectionId: '0.e' },
      { file: 'three.mrc', step: 'other', output: 'map' },
    ]);
  });

  it("every bundled workflow's report step lists exactly the publish entries of its other steps", async () => {
    const registry = await loadProtocolRegistry([packageModule('protocols/index')]);
    const files = readdirSync(join(repoRoot, 'workflows')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const workflow = loadWorkflow(join(repoRoot, 'workflows', file), registry);
      const report = workflow.steps.find((s) => s.protocol.id === 'vrs.report');
      if (!report) continue;
      const publish = workflow.steps.filter((s) => s !== report).flatMap((s) => Object.entries(s.publish).map(([port, target]) => `${s.name}.${port}=${target}`));
      expect(report.params['published'], file).toEqual({ kind: 'literal', value: publish });
      expect(report.publish, file).toMatchObject({ report: 'report.json', figures: 'figures', data: 'data' });
    }
  });
});
