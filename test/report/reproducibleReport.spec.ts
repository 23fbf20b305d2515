// Issue 12, "Data": two runs of the level-0 workflow on the same phantom map, each in its own run
// folder with its own store, give byte-identical report.json apart from its generation time; every
// figure, plot-data CSV and published map report.json names exists relative to report.json; the
// HTML links every CSV and every published map (from the section of the step that made it); the
// step timings live in the run's records (step manifests), not in the report.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { phantomMap, readPngHeader, validateReport, writeMap, type ReportJson } from '../../core/index.js';
import { parseSummary, repoRoot, tempDir, vrs } from './reportRun.js';

/** RFC 4180 fields of one line (the CSVs here have no line breaks inside fields). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let text = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') { text += '"'; i += 2; } else if (line[i] === '"') { i++; break; } else text += line[i++];
      }
      fields.push(text);
      i++; // the comma
    } else {
      const end = line.indexOf(',', i);
      fields.push(line.slice(i, end === -1 ? line.length : end));
      i = end === -1 ? line.length + 1 : end + 1;
    }
  }
  return fields;
}

/** An attribute value as a browser reads it (mustache writes &#x2F; for "/", and so on). */
const unescapeHtml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39|#x2F|#x60|#x3D);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x2F': '/', '#x60': '`', '#x3D': '=' })[name]!);

function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => decodeURIComponent(unescapeHtml(m[1]!)));
}

function timingKeys(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => timingKeys(v, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(/seconds|millis|duration|timings|elapsed/i.test(k) || /^ms$|[a-z]Ms$/.test(k) ? [`${at}.${k}`] : []), ...timingKeys(v, `${at}.${k}`)]);
}

describe('report.json is reproducible and its files lie beside it', () => {
  const dir = tempDir('vrs-reproducible-');
  const runs = [join(dir, 'first'), join(dir, 'second')];
  const texts: string[] = [];
  let report: ReportJson;
  let html: string;

  beforeAll(async () => {
    const { volume, truth } = phantomMap({});
    const map = join(dir, 'phantom.mrc');
    await writeMap(map, volume);
    for (const run of runs) {
      const result = await vrs(['--json', 'run', join(repoRoot, 'workflows/level0.yaml'), '-p', `map=${map}`, '-p', `threshold=${truth.suggestedThreshold}`, '-p', `resolution=${truth.resolution}`, '--out', run]);
      expect([0, 1], result.stderr).toContain(result.code);
      const summary = parseSummary(result);
      expect(summary.steps.find((s) => s.step === 'report')?.outcome).toBe('success');
      // Each run computed every step itself (its own store), so nothing is shared but the input.
      expect(summary.counts.cached).toBe(0);
      texts.push(readFileSync(join(run, 'report.json'), 'utf8'));
    }
    report = JSON.parse(texts[0]!) as ReportJson;
    validateReport(report);
    html = readFileSync(join(runs[0]!, 'report.html'), 'utf8');
  }, 600_000);

  it('two runs give byte-identical report.json once generatedAt is removed', () => {
    const withoutTime = texts.map((t) => t.replace(/^ {2}"generatedAt": "[^"]*",\n/m, ''));
    expect(withoutTime[0]).not.toBe(texts[0]);
    const lines = withoutTime.map((t) => t.split('\n'));
    expect(lines[1]!.filter((line, i) => line !== lines[0]![i])).toEqual([]);
    expect(withoutTime[1]).toBe(withoutTime[0]);
    expect(withoutTime[0]).not.toContain(dir);
  });

  it('report.json holds no timing; each step manifest of the run keeps its duration', () => {
    expect(timingKeys(report)).toEqual([]);
    const steps = readdirSync(join(runs[0]!, 'steps'));
    expect(steps.length).toBeGreaterThan(5);
    for (const step of steps) {
      const manifest = JSON.parse(readFileSync(join(runs[0]!, 'steps', step, 'manifest.json'), 'utf8')) as { durationMs: number; step: string };
      expect(manifest.durationMs, step).toBeGreaterThan(0);
    }
  });

  it('every figure file report.json names exists relative to report.json, a PNG of the stated size', () => {
    const panels = report.sections.flatMap((s) => (s.figures ?? []).flatMap((f) => f.panels));
    expect(panels.length).toBeGreaterThan(5);
    expect(new Set(panels.map((p) => p.file)).size).toBe(panels.length);
    for (const p of panels) {
      expect(p.file).toMatch(/^figures\//);
      const header = readPngHeader(readFileSync(join(runs[0]!, p.file)));
      expect([header.width, header.height], p.file).toEqual([p.width, p.height]);
    }
  });

  it('every plot has a CSV beside the report holding exactly its series, linked from the HTML', () => {
    const plots = report.sections.flatMap((s) => s.plots ?? []);
    expect(plots.length).toBeGreaterThan(2);
    const links = new Set(hrefs(html));
    for (const plot of plots) {
      expect(plot.dataFile, plot.id).toMatch(/^data\/.+\.csv$/);
      expect(links.has(plot.dataFile!), `link to ${plot.dataFile}`).toBe(true);
      const lines = readFileSync(join(dirname(join(runs[0]!, 'report.html')), plot.dataFile!), 'utf8').split('\r\n').filter((l) => l !== '');
      expect(csvFields(lines[0]!).slice(0, 3)).toEqual(['series', plot.xLabel, plot.yLabel]);
      const expected = plot.series.flatMap((s) => s.x.map((x, i) => [s.label, x, s.y[i]] as const));
      const rows = lines.slice(1).map(csvFields);
      expect(rows.length).toBe(expected.length);
      rows.forEach((row, i) => {
        const [label, x, y] = expected[i]!;
        expect(row[0]).toBe(label);
        expect(row[1] === '' ? null : Number(row[1])).toBe(x);
        expect(row[2] === '' ? null : Number(row[2])).toBe(y);
      });
    }
  });

  it('the published local maps are listed, exist in the run folder, and are linked from their sections', () => {
    const files = report.publishedFiles ?? [];
    expect(files.map((f) => f.file)).toContain('local_resolution.mrc');
    for (const f of files) {
      expect(existsSync(join(runs[0]!, f.file)), f.file).toBe(true);
      const section = report.sections.find((s) => s.id === f.sectionId)!;
      expect(section, f.file).toBeDefined();
      const anchor = `sec-${section.number.replace(/\./g, '-')}`;
      const article = html.slice(html.indexOf(`id="${anchor}"`), html.indexOf('</article>', html.indexOf(`id="${anchor}"`)));
      expect(hrefs(article), `${f.file} in section ${section.id}`).toContain(f.file);
    }
  });
});
