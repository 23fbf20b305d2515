import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveValidationInputs, type ValidationOptions } from '../../core/cli/commands/resolveValidationInputs.js';
import { loadProtocolRegistry, loadWorkflow, packageModule, packageRoot, resolveWorkflowParams, runWorkflow, type RunSummary, type SectionResult } from '../../core/index.js';

/** The level-0 steps this test folder checks (the preprocessing they need runs too). */
export const level0CheckSteps = ['inputData', 'massAnalysis', 'maskAnalysis', 'backgroundAnalysis', 'globalBFactor'] as const;

export interface Level0Run {
  summary: RunSummary;
  /** Section id → section, from the steps above. */
  sections: Map<string, SectionResult>;
  notes: string[];
}

/**
 * `vrs validate`'s inputs and workflow, run in-process up to the sections 0.a–0.d and the input
 * section (`--until`): these tests check those numbers without paying for the local-map checks
 * (0.e–0.h, tested in hand/, locspiral/ and monores/; realMaps.spec.ts runs everything).
 */
export async function runLevel0Checks(options: ValidationOptions, runDir: string, opts: { withoutInputChecks?: boolean } = {}): Promise<Level0Run> {
  // withoutInputChecks: the workflow as `vrs run` would get it, for inputs `vrs validate` refuses.
  const { params, notes } = opts.withoutInputChecks
    ? { params: { map: options.map, threshold: options.threshold!, ...(options.resolution !== undefined ? { resolution: options.resolution } : {}) }, notes: [] as string[] }
    : await resolveValidationInputs(options, process.cwd());
  const registry = await loadProtocolRegistry([packageModule('protocols/index')]);
  const workflow = loadWorkflow(join(packageRoot, 'workflows/level0.yaml'), registry);
  const declared = Object.fromEntries(Object.entries(params).filter(([name]) => Object.hasOwn(workflow.params, name)));
  const summary = await runWorkflow({
    workflow,
    registry,
    params: resolveWorkflowParams(workflow, declared, process.cwd()),
    runDir,
    until: [...level0CheckSteps],
    jobs: 2,
  });
  const sections = new Map<string, SectionResult>();
  for (const step of summary.steps) {
    const dir = step.outputs?.['section'];
    if (!dir) continue;
    const section = JSON.parse(readFileSync(join(dir, 'section.json'), 'utf8')) as SectionResult;
    sections.set(section.id, section);
  }
  return { summary, sections, notes };
}
