import { buildReport, compatibilityParam, defineProtocol, folderAssetReader, withCompatibility, writeReportFiles } from '../../core/index.js';
import type { MapInfo } from '../preprocessing/import-map/MapInfo.js';
import { admitSections } from './admitSections.js';
import { parsePublished, publishedFiles } from './publishedFiles.js';
import { reportEntry } from './reportEntry.js';

/**
 * The sink of every workflow: turns the section results into report.json (schema-checked),
 * report.html and report.pdf. It computes nothing about the map, so `vrs report DIR` can run it
 * alone on a finished run. A check that failed arrives as a placeholder section (status "failed",
 * with the reason); a section that breaks the report's rules is shown as failed (admitSections).
 * Figures are read from each section's folder in the store and written beside report.json
 * (figures/), with every plot's series as CSV (data/); the maps the workflow publishes are listed
 * (`published`) and linked from the sections of the steps that made them.
 */
export const reportProtocol = defineProtocol({
  id: 'vrs.report',
  version: '5',
  title: 'Report',
  description: 'Writes report.json, report.html and report.pdf from the section results: front matter, summary with score, contents, every section with its figures.',
  // Typesetting the PDF takes seconds of synchronous work: in a worker, Ctrl-C and SIGTERM stop it at once.
  execution: 'worker',
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
    depositionDate: { type: 'string', description: 'Deposition date of the entry (EMDB header).' },
    fittedModels: { type: 'string[]', description: 'PDB ids of the models fitted to the map (EMDB header).' },
    symmetry: { type: 'string', description: 'Applied symmetry, e.g. C7 (EMDB header).' },
    resolutionMethod: { type: 'string', description: 'How the authors measured the resolution, e.g. FSC 0.143 (EMDB header).' },
    expectedMassKDa: { type: 'number', min: 0, description: 'Molecular weight of the sample in kDa (EMDB header).' },
    mode: { type: 'string', enum: ['user', 'public'], default: 'user', description: '"public": archive (EMDB) data; "user": files the user gave.' },
    compatibility: compatibilityParam('The mode the checks ran in (the workflow\'s `compatibility`), recorded in report.json and printed in the front matter.'),
    html: { type: 'boolean', default: true, description: 'Write report.html.' },
    pdf: { type: 'boolean', default: true, description: 'Write report.pdf.' },
    published: { type: 'string[]', default: [], description: 'The files the workflow publishes beside report.json, as "step.output=file" (one per `publish` entry of the other steps): listed in report.json and linked from the section of their step.' },
  },
  inputs: {
    sections: { kind: 'section', many: true, optional: true, tolerateFailure: true, description: 'Every section, in workflow order.' },
    info: { kind: 'json', optional: true, tolerateFailure: true, description: 'The info output of vrs.importMap (file name, SHA-256, geometry).' },
  },
  outputs: {
    report: { kind: 'json', description: 'report.json, valid against core/report/schema/report.schema.json.' },
    html: { kind: 'file', optional: true, description: 'report.html: one self-contained file.' },
    pdf: { kind: 'file', optional: true, description: 'report.pdf (A4).' },
    figures: { kind: 'file', optional: true, description: 'figures/: every figure file, one folder per section; publish it beside report.json, which names the files relative to its own folder.' },
    data: { kind: 'file', optional: true, description: 'data/: every plot\'s series as CSV, one folder per section; publish it beside report.json and report.html, which link the files.' },
  },
  async run(ctx) {
    const { params } = ctx;
    const info = ctx.inputs.has('info') ? await ctx.inputs.json<MapInfo>('info') : undefined;
    const loaded = await ctx.inputs.sections('sections');
    const producers = ctx.inputs.all('sections');
    const received = loaded.map((l, i) => ({ section: l.section, dir: l.dir, step: producers[i]!.producer.step }));
    const sections = await admitSections(received, (message) => ctx.logger.warn(message));
    const { entry, inputs } = reportEntry(info, params);
    const published = publishedFiles(
      parsePublished(params.published),
      sections.map((s, i) => ({ sectionId: s.section.id, step: received[i]!.step, stepFinished: received[i]!.dir !== '' })),
    );
    const built = withCompatibility(
      buildReport(
        sections.map((s) => s.section),
        { entry, inputs, mode: params.mode, ...(params.levels && params.levels.length > 0 ? { levels: [...params.levels] } : {}) },
      ),
      params.compatibility,
    );
    const report = published.length > 0 ? { ...built, publishedFiles: published } : built;
    ctx.progress(0.2, 'rendering');
    const assets = folderAssetReader(new Map(sections.map((s) => [s.section.id, s.dir])));
    const written = await writeReportFiles(report, assets, ctx.scratchDir, { html: params.html, pdf: params.pdf });
    const seconds = Object.entries(written.seconds).map(([format, s]) => `${format} ${s.toFixed(2)} s`);
    ctx.logger.info(`report: ${report.sections.length} sections, score ${report.score.passed}/${report.score.evaluable}${seconds.length ? `; ${seconds.join(', ')}` : ''}`);
    return {
      report: { kind: 'json', value: written.report },
      ...(written.html ? { html: { kind: 'file', value: { name: 'report.html', path: written.html } } } : {}),
      ...(written.pdf ? { pdf: { kind: 'file', value: { name: 'report.pdf', path: written.pdf } } } : {}),
      ...(written.figures ? { figures: { kind: 'file', value: { name: 'figures', path: written.figures } } } : {}),
      ...(written.data ? { data: { kind: 'file', value: { name: 'data', path: written.data } } } : {}),
    };
  },
});
