import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, outcomes, repoRoot, tempDir, writeWorkflow } from './helpers.js';

describe("a plugin's code is part of its steps' cache key", () => {
  it('editing the plugin file or a file it imports reruns its steps without a version bump; unchanged code is cached', async () => {
    const dir = tempDir('vrs-code-');
    const pluginDir = join(dir, 'plugin');
    cpSync(join(repoRoot, 'test/engine/fixtures/codeDigestPlugin'), pluginDir, { recursive: true });
    const plugin = join(pluginDir, 'plugin.ts');
    const workflow = writeWorkflow(dir, 'wf.yaml', 'version: 1\nsteps:\n  scaled:\n    protocol: codeTest.scaled\n    params: { value: 3 }\n');
    const out = join(dir, 'run');
    const run = () => cli(['--plugin', plugin, 'run', workflow, '--out', out], { config: false });
    const edit = (file: string, from: string, to: string) => {
      const text = readFileSync(file, 'utf8');
      expect(text).toContain(from);
      writeFileSync(file, text.replace(from, to));
    };

    expect((await run()).code).toBe(0);
    expect((await run()).code).toBe(0);
    expect(outcomes(out, 2)).toEqual({ scaled: 'cached' });

    edit(plugin, 'const offset = 0;', 'const offset = 1;');
    const plan = await cli(['--plugin', plugin, 'plan', workflow, '--out', out], { config: false });
    expect(plan.stdout).toContain('protocol code changed');
    expect((await run()).code).toBe(0);
    expect(outcomes(out, 3)).toEqual({ scaled: 'success' });
    expect((await run()).code).toBe(0);
    expect(outcomes(out, 4)).toEqual({ scaled: 'cached' });

    edit(join(pluginDir, 'scale.ts'), 'value * 2', 'value * 4');
    expect((await run()).code).toBe(0);
    expect(outcomes(out, 5)).toEqual({ scaled: 'success' });

    // Back to the first code: the first result is found again.
    edit(plugin, 'const offset = 1;', 'const offset = 0;');
    edit(join(pluginDir, 'scale.ts'), 'value * 4', 'value * 2');
    expect((await run()).code).toBe(0);
    expect(outcomes(out, 6)).toEqual({ scaled: 'cached' });
  });
});
