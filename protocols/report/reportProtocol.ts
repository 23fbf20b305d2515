import { buildReport, defineProtocol, folderAssetReader, writeReportFiles } from '../../core/index.js';
import type { MapInfo } from '../preprocessing/import-map/MapInfo.js';
import { admitSections } from './admitSections.js';
import { reportEntry } from './reportEntry.js';

/**
 * The sink of every workflow: turns the section results into report.json (schema-checked),
 * report.html and report.pdf. It computes nothing about the map, so `vrs report DIR` can run it
 * alone on a finished run. A check that failed arrives as a placeholder section (status "failed",
 * with the reason); a section that breaks the report's rules is shown as failed (admitSections).
 * Figures are read from each section's folder in the store.
 */
export const reportProtocol = defineProtocol({
  id: 'vrs.report',
  version: '4',
  title: 'Report',
  description: 'Writes report.json, report.html and report.pdf from the section results: front matter, summary with score, contents, every section with its figures.',
  params: {
    levels: { type: 'string[]', description: 'Validation levels the report covers (default: those of the sections).' },
    map: { type: 'path', description: 'The map file; named in the report when it could not be imported.' },
    threshold: { type: 'number', description: 'Contour level used, in the density units of the map.' },
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å (absent: not reported).' },
    title: { type: 'string', description: 'Entry or job title, printed as typed.' },
    emdbId: { type: 'string', description: 'EMDB id of the entry, e.g. EMD-1997.' },
    pdbId: { type: 'string', description: 'PDB id of the fitted model.' },
    half1: { type: 'path', description: 'The first half map (level 1); its name is recorded with the inputs.' },
    half2: { type: 'path', description: 'The second half map (level 1).' },
    model: { type: 'path', description: 'The atomic model (level A); its name is recorded with the inputs.' },
    authors: { type: 'string[]', description: 'Authors of the entry.' },
    mode: { type: 'string', enum: ['user', 'public'], default: 'user', description: '"public": archive (EMDB) data; "user": files the user gave.' },
    html: { type: 'boolean', default: true, description: 'Write report.html.' },
    pdf: { type: 'boolean', default: true, description: 'Write report.pdf.' },
  },
  inputs: {
    sections: { kind: 'section', many: true, optional: true, tolerateFailure: true, description: 'Every section, in workflow order.' },
    info: { kind: 'json', optional: true, tolerateFailure: true, description: 'The info output of vrs.importMap (file name, SHA-256, geometry).' },
  },
  outputs: {
    report: { kind: 'json', description: 'report.json, valid against core/report/schema/report.schema.json.' },
    html: { kind: 'file', optional: true, description: 'report.html: one self-contained file.' },
    pdf: { kind: 'file', optional: true, description: 'report.pdf (A4).' },
  },
  async run(ctx) {
    const { params } = ctx;
    const info = ctx.inputs.has('info') ? await ctx.inputs.json<MapInfo>('info') : undefined;
    const loaded = await ctx.inputs.sections('sections');
    const producers = ctx.inputs.all('sections');
    const received = loaded.map((l, i) => ({ section: l.section, dir: l.dir, step: producers[i]!.producer.step }));
    const sections = await admitSections(received, (message) => ctx.logger.warn(message));
    const { entry, inputs } = reportEntry(info, params);
    const report = buildReport(
      sections.map((s) => s.section),
      { entry, inputs, mode: params.mode, ...(params.levels && params.levels.length > 0 ? { levels: [...params.levels] } : {}) },
    );
    ctx.progress(0.2, 'rendering');
    const assets = folderAssetReader(new Map(sections.map((s) => [s.section.id, s.dir])));
    const written = await writeReportFiles(report, assets, ctx.scratchDir, { html: params.html, pdf: params.pdf });
    const seconds = Object.entries(written.seconds).map(([format, s]) => `${format} ${s.toFixed(2)} s`);
    ctx.logger.info(`report: ${report.sections.length} sections, score ${report.score.passed}/${report.score.evaluable}${seconds.length ? `; ${seconds.join(', ')}` : ''}`);
    return {
      report: { kind: 'json', value: report },
      ...(written.html ? { html: { kind: 'file', value: { name: 'report.html', path: written.html } } } : {}),
      ...(written.pdf ? { pdf: { kind: 'file', value: { name: 'report.pdf', path: written.pdf } } } : {}),
    };
  },
});
