import { defineProtocol, engineVersion, type SectionResult } from '../../core/index.js';
import type { MapInfo } from '../import-map/MapInfo.js';

/** report.json as the minimal report protocol writes it (the report renderers extend it). */
export interface MinimalReport {
  tool: string;
  version: string;
  inputs: { map?: string; sha256?: string; voxelSize?: number[]; dims?: number[]; threshold?: number; resolution?: number };
  levels: string[];
  score: { passed: number; evaluable: number };
  sections: SectionResult[];
}

/**
 * The sink of every workflow, minimal for now: gathers the section artifacts (a failed check
 * arrives as a placeholder section that says so) and writes report.json with the score. The HTML
 * and PDF renderers replace its body later.
 */
export const minimalReportProtocol = defineProtocol({
  id: 'vrs.report',
  version: '1',
  title: 'Report',
  description: 'Collects the section results into report.json with the score (passed / evaluable).',
  params: {
    levels: { type: 'string[]', default: ['0'], description: 'Validation levels the report covers.' },
    threshold: { type: 'number', description: 'Contour level used.' },
    resolution: { type: 'number', description: 'Reported resolution in Å.' },
  },
  inputs: {
    sections: { kind: 'section', many: true, optional: true, tolerateFailure: true, description: 'Every section, in report order.' },
    info: { kind: 'json', optional: true, description: 'The info output of vrs.importMap (file name, SHA-256, geometry).' },
  },
  outputs: {
    report: { kind: 'json', description: 'report.json' },
  },
  async run(ctx) {
    const sections = (await ctx.inputs.sections('sections')).map((loaded) => loaded.section);
    const info = ctx.inputs.has('info') ? await ctx.inputs.json<MapInfo>('info') : undefined;
    const { threshold, resolution } = ctx.params;
    // vrs-spec §4.6: a section counts when its criteria were evaluated; it passes without warnings.
    const evaluable = sections.filter((section) => section.status === 'ok' || section.status === 'warnings').length;
    const passed = sections.filter((section) => section.status === 'ok').length;
    const report: MinimalReport = {
      tool: 'cryo-vrs',
      version: engineVersion,
      inputs: {
        ...(info ? { map: info.fileName, sha256: info.sha256, voxelSize: info.voxelSize, dims: info.dims } : {}),
        ...(threshold !== undefined ? { threshold } : {}),
        ...(resolution !== undefined ? { resolution } : {}),
      },
      levels: [...ctx.params.levels],
      score: { passed, evaluable },
      sections,
    };
    ctx.logger.info(`report: ${sections.length} sections, score ${passed}/${evaluable}`);
    return { report: { kind: 'json', value: report } };
  },
});
