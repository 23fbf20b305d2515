import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Volume, writeMap } from '../../core/index.js';
import { cli, repoRoot, tempDir, writeWorkflow } from './helpers.js';

const pluginDir = join(repoRoot, 'plugins/vrs-plugin-box-edge');

/** The plugin is loaded as published (its dist/ JS); build it when its sources are newer. */
function ensurePluginBuilt(): void {
  const built = join(pluginDir, 'dist/index.js');
  const newestSource = Math.max(...readdirSync(join(pluginDir, 'src')).map((name) => statSync(join(pluginDir, 'src', name)).mtimeMs));
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  // Type checking is `npm run typecheck`'s job; here only the JavaScript is needed.
  execFileSync(process.execPath, [tsc, '-p', join(pluginDir, 'tsconfig.json'), '--noCheck'], { stdio: 'inherit' });
}

describe('the example third-party plugin (vrs-plugin-box-edge)', () => {
  beforeAll(ensurePluginBuilt);

  it('is loaded from configuration and its check runs in a worker on a map read by the built-in importMap', async () => {
    const dir = tempDir('vrs-plugin-');
    // 20³ voxels of 2 Å; a 10³ block of density 1 against the −x face. Within 4 Å of a face lie the
    // voxel layers x = 0 and x = 1 (centres 1 Å and 3 Å from the face): 200 of the 1000 voxels.
    const n = 20;
    const volume = Volume.zeros([n, n, n], [2, 2, 2], [0, 0, 0]);
    for (let z = 5; z < 15; z++) for (let y = 5; y < 15; y++) for (let x = 0; x < 10; x++) volume.data[volume.index(x, y, z)] = 1;
    const mapFile = join(dir, 'cut.mrc');
    await writeMap(mapFile, volume);
    writeFileSync(join(dir, 'vrs.config.yaml'), `plugins:\n  - ${pluginDir}\n`);
    const workflow = writeWorkflow(
      dir,
      'boxedge.yaml',
      `version: 1
params:
  map: { type: path, required: true }
steps:
  importMap:
    protocol: vrs.importMap
    params: { file: $params.map }
  boxEdge:
    protocol: boxEdge.check
    inputs: { map: importMap.map }
    params: { threshold: 0.5, distance: 4, maxFraction: 0.05 }
  report:
    protocol: vrs.report
    inputs: { info: importMap.info, sections: "*.section" }
    publish: { report: report.json }
`,
    );
    const listed = await cli(['protocols', 'boxEdge.check'], { cwd: dir, config: false });
    expect(listed.stdout).toMatch(/^boxEdge\.check 1 — Density at the box edge \[worker thread\]/);
    expect(listed.stdout).toContain(join(pluginDir, 'dist/index.js'));

    const result = await cli(['run', workflow, '-p', `map=${mapFile}`, '--out', join(dir, 'run')], { cwd: dir, config: false });
    expect(result.code, result.stderr + result.stdout).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'run/report.json'), 'utf8')) as { score: object; sections: { id: string; status: string; metrics: Record<string, unknown>; warnings: string[] }[] };
    const section = report.sections.find((candidate) => candidate.id === 'X.boxEdge')!;
    expect(section.status).toBe('warnings');
    expect(section.metrics).toMatchObject({ voxelsAbove: 1000, voxelsAboveNearFaces: 200, fraction: 0.2, layers: [2, 2, 2] });
    expect(section.warnings[0]).toMatch(/^20\.00 % of the voxels above the threshold lie within 4 Å of the box faces \(most at −x\)/);
    expect(report.score).toEqual({ passed: 0, evaluable: 1 });
  });
});
