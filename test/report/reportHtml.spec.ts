import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng, renderReportHtml, validateReport, type RasterImage } from '../../core/index.js';
import { launchChromium } from './chromium.js';
import { SPECIAL_TITLE, syntheticReport } from './fixtures/syntheticReport.js';
import { outputDir } from './outputDir.js';

const out = outputDir('report');

// Code inside page.evaluate runs in the browser; the project's type check has no DOM library,
// so the few browser globals used there are declared loosely, for this module only.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const Image: any;
type HTMLImageElement = any;
type HTMLTableRowElement = any;

describe('HTML report in headless Chromium', () => {
  const fixture = syntheticReport({ title: SPECIAL_TITLE });
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let htmlFile: string;
  let html: string;

  beforeAll(async () => {
    validateReport(fixture.report);
    html = await renderReportHtml(fixture.report, fixture.assets);
    htmlFile = path.join(out, 'report.html');
    writeFileSync(htmlFile, html);
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
  });

  it('is one self-contained file: no script, no external resource, no request but the file itself', async () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\/(?!www\.ebi\.ac\.uk)/);
    const page = await chromium.context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(pathToFileURL(htmlFile).href);
    await page.waitForLoadState('load');
    expect(requested.filter((u) => !u.startsWith('data:'))).toEqual([pathToFileURL(htmlFile).href]);
    await page.close();
  });

  it('shows every section heading, every figure decoded at its size, every plot, and the score', async () => {
    const page = await chromium.context.newPage();
    await page.goto(pathToFileURL(htmlFile).href);
    const facts = await page.evaluate(() => {
      const images = [...document.querySelectorAll('img')] as HTMLImageElement[];
      return {
        headings: [...document.querySelectorAll('article.section')].map((a) => ({ id: a.id, text: a.querySelector('.section-heading')?.textContent?.replace(/\s+/g, ' ').trim() })),
        images: images.map((img: any) => ({ ok: img.complete && img.naturalWidth > 0, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight, shown: img.getBoundingClientRect().width })),
        svgs: document.querySelectorAll('figure.plot svg').length,
        colorBars: document.querySelectorAll('.colorbar svg').length,
        score: document.querySelector('.score')?.textContent?.replace(/\s+/g, ' ').trim(),
        summaryRows: [...document.querySelectorAll('table.summary tbody tr')].map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => c.textContent?.trim()).join(' | ')),
        toc: document.querySelectorAll('nav.toc a').length,
      };
    });
    const sections = fixture.report.sections;
    expect(facts.headings.map((h) => h.text)).toEqual(sections.map((s) => (s.level === 'input' ? `${s.number} ${s.title}` : `${s.number} ${s.id} ${s.title}`)));
    expect(facts.images).toHaveLength(fixture.panelCount);
    expect(facts.images.every((i) => i.ok && i.shown > 50)).toBe(true);
    const panels = sections.flatMap((s) => (s.figures ?? []).flatMap((f) => f.panels));
    expect(facts.images.map((i) => [i.naturalWidth, i.naturalHeight])).toEqual(panels.map((p) => [p.width, p.height]));
    expect(facts.svgs).toBe(sections.reduce((n, s) => n + (s.plots?.length ?? 0), 0));
    expect(facts.colorBars).toBe(2);
    // Fixture statuses: ok 0.a 0.d 0.e; warnings 0.b 0.c 0.f; the rest are not counted.
    expect(facts.score).toContain('The overall score (passing tests) of this report is 3 out of 6 evaluable items.');
    expect(facts.summaryRows).toEqual([
      '0.a Mass analysis | Sec. 2.1 | OK',
      '0.b Mask analysis | Sec. 2.2 | 1 warning',
      '0.c Background analysis | Sec. 2.3 | 2 warnings',
      '0.d B-factor analysis | Sec. 2.4 | OK',
      '0.e MonoRes | Sec. 2.5 | OK',
      '0.f LocBfactor | Sec. 2.6 | 1 warning',
      '0.g LocOccupancy | Sec. 2.7 | Does not apply',
      '0.h Hand (α-helix template) | Sec. 2.8 | Could not be measured',
      '1.a FSC | Sec. 3.1 | No automatic criteria',
    ]);
    expect(facts.toc).toBe(fixture.report.outline.length + sections.filter((s) => s.level !== 'input').length);
    await page.screenshot({ path: path.join(out, 'report-html-top.png') });
    await page.screenshot({ path: path.join(out, 'report-html-full.png'), fullPage: true });
    await page.close();
  });

  it('shows a title full of special characters exactly as typed, in text, <title> and attributes', async () => {
    const page = await chromium.context.newPage();
    await page.goto(pathToFileURL(htmlFile).href);
    const facts = await page.evaluate(() => ({
      entryTitle: document.querySelector('.entry-title')?.textContent,
      tableTitle: [...document.querySelectorAll('table.entry tr')].find((tr) => tr.querySelector('th')?.textContent === 'Title')?.querySelector('td')?.textContent,
      documentTitle: document.title,
      injected: document.querySelectorAll('.front b, main > b').length,
    }));
    expect(facts.entryTitle).toBe(SPECIAL_TITLE);
    expect(facts.tableTitle).toBe(SPECIAL_TITLE);
    expect(facts.documentTitle).toBe(`Validation report: ${SPECIAL_TITLE}`);
    expect(facts.injected).toBe(0);
    await page.close();
  });

  it('escapes special characters inside SVG text and image alt attributes', async () => {
    const special = syntheticReport({ size: 24, viewSize: 64 });
    const section = special.sections.find((s) => s.id === '1.a')!;
    section.plots![0]!.xLabel = `x <&> "q" ${SPECIAL_TITLE}`;
    section.plots![0]!.series[0]!.label = `<script>alert(1)</script>`;
    const input = special.sections.find((s) => s.id === 'input')!;
    input.figures![0]!.caption = `cap "quoted" <img src=x onerror=alert(1)> &amp;`;
    const { buildReport } = await import('../../core/index.js');
    const report = buildReport(special.sections, special.info);
    const file = path.join(out, 'report-escaping.html');
    writeFileSync(file, await renderReportHtml(report, special.assets));
    const page = await chromium.context.newPage();
    await page.goto(pathToFileURL(file).href);
    const facts = await page.evaluate(() => ({
      svgTexts: [...document.querySelectorAll('figure.plot svg text')].map((t) => t.textContent),
      alts: [...document.querySelectorAll('img')].map((i) => i.getAttribute('alt')),
      scripts: document.querySelectorAll('script').length,
      images: document.querySelectorAll('img').length,
    }));
    expect(facts.svgTexts).toContain(`x <&> "q" ${SPECIAL_TITLE}`);
    expect(facts.svgTexts).toContain('<script>alert(1)</script>');
    expect(facts.alts).toContain('cap "quoted" <img src=x onerror=alert(1)> &amp; — X slice 12');
    expect(facts.scripts).toBe(0);
    expect(facts.images).toBe(special.panelCount);
    await page.close();
  });

  it("decodes our PNGs to exactly our pixels (Chromium's decoder as the independent reader)", async () => {
    // Grey and RGB images with smooth and noisy rows, so every PNG filter type gets used.
    const make = (channels: 1 | 3): RasterImage => {
      const width = 53;
      const height = 29;
      const data = new Uint8Array(width * height * channels);
      let seed = 7;
      for (let i = 0; i < data.length; i++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        data[i] = Math.floor(i / (width * channels)) % 3 === 0 ? seed >>> 24 : (i * 5) & 255;
      }
      return { width, height, channels, data };
    };
    const page = await chromium.context.newPage();
    await page.goto('about:blank');
    for (const image of [make(1), make(3)]) {
      const uri = `data:image/png;base64,${Buffer.from(encodePng(image)).toString('base64')}`;
      const rgba = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return Array.from(ctx.getImageData(0, 0, canvas.width, canvas.height).data);
      }, uri);
      const expected: number[] = [];
      for (let p = 0; p < image.width * image.height; p++) {
        if (image.channels === 1) expected.push(image.data[p]!, image.data[p]!, image.data[p]!, 255);
        else expected.push(image.data[3 * p]!, image.data[3 * p + 1]!, image.data[3 * p + 2]!, 255);
      }
      expect(rgba).toEqual(expected);
    }
    await page.close();
  });
});
