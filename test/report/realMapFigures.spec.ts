import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildReport,
  centralSliceIndex,
  encodePng,
  enlargeImage,
  memoryAssetReader,
  orthogonalSlice,
  projection,
  readMap,
  renderIsosurfaceViews,
  renderReportHtml,
  renderReportPdf,
  sliceImage,
  type RasterImage,
  type SectionFigure,
  type SectionResult,
} from '../../core/index.js';
import { outputDir, repoRoot } from './outputDir.js';
import { inkFraction, pdfPageCount, pdfPagesAsImages } from './poppler.js';

const dataDir = path.resolve(repoRoot, '../shared/data');
const groel = path.join(dataDir, 'level0/emd_1997.map');
const haveData = existsSync(groel);
if (!haveData) console.warn(`SKIPPED real-map figure tests: ${groel} is absent (the shared data folder is expected at ../shared/data)`);

const isInk = (image: RasterImage, x: number, y: number) => {
  const p = (y * image.width + x) * image.channels;
  return Math.min(image.data[p]!, image.data[p + 1]!, image.data[p + 2]!) < 235;
};
const rowInk = (image: RasterImage, y: number) => Array.from({ length: image.width }, (_, x) => isInk(image, x, y)).filter(Boolean).length;
const columnInk = (image: RasterImage, x: number) => Array.from({ length: image.height }, (_, y) => isInk(image, x, y)).filter(Boolean).length;

describe.skipIf(!haveData)('figures of a real map: EMD-1997 GroEL (C7, two stacked heptameric rings)', () => {
  it('shows the 7-fold channel looking down z (View 3) and the two rings stacked along z in Views 1 and 2', async () => {
    const { volume } = await readMap(groel);
    // EMDB header: author contour level 1.0.
    const views = renderIsosurfaceViews(volume, { threshold: 1.0, width: 240, height: 240 });
    const out = outputDir('report-real');
    views.images.forEach((image, i) => writeFileSync(path.join(out, `emd1997-view${i + 1}.png`), encodePng(image)));
    const [view1, view2, view3] = views.images as [RasterImage, RasterImage, RasterImage];

    // View 3 looks down the symmetry axis: an empty channel in the middle, protein all around it.
    expect(isInk(view3, 120, 120)).toBe(false);
    expect(isInk(view3, 120 - 60, 120) && isInk(view3, 120 + 60, 120) && isInk(view3, 120, 120 - 60) && isInk(view3, 120, 120 + 60)).toBe(true);

    // View 1 has +z up: the gap between the rings is a nearly empty row across the middle.
    const middleRow = Math.min(...[-6, -3, 0, 3, 6].map((d) => rowInk(view1, 120 + d)));
    expect(middleRow).toBeLessThan(0.35 * rowInk(view1, 70));
    expect(middleRow).toBeLessThan(0.35 * rowInk(view1, 170));
    // View 2 has +z to the right: the gap is a nearly empty column.
    const middleColumn = Math.min(...[-6, -3, 0, 3, 6].map((d) => columnInk(view2, 120 + d)));
    expect(middleColumn).toBeLessThan(0.35 * columnInk(view2, 70));
    expect(middleColumn).toBeLessThan(0.35 * columnInk(view2, 170));
  });

  it('renders an input-data section of the real map to HTML and PDF', async () => {
    const { volume } = await readMap(groel);
    const files = new Map<string, Uint8Array>();
    const axes = ['x', 'y', 'z'] as const;
    const central = centralSliceIndex(volume.dims);
    const slices: SectionFigure = {
      id: 'central',
      caption: 'Central slices of the input map.',
      panels: axes.map((axis, k) => {
        const plane = orthogonalSlice(volume, axis, central[k]!);
        const image = enlargeImage(sliceImage(plane.data, plane.width, plane.height, axis), 200);
        files.set(`input/central_${axis}.png`, encodePng(image));
        return { file: `central_${axis}.png`, caption: `${axis.toUpperCase()} slice ${central[k]}`, width: image.width, height: image.height };
      }),
    };
    const projections: SectionFigure = {
      id: 'projections',
      caption: 'Projections of the input map.',
      panels: axes.map((axis) => {
        const plane = projection(volume, axis);
        const image = enlargeImage(sliceImage(plane.data, plane.width, plane.height, axis), 200);
        files.set(`input/projection_${axis}.png`, encodePng(image));
        return { file: `projection_${axis}.png`, caption: `${axis.toUpperCase()} projection`, width: image.width, height: image.height };
      }),
    };
    const views = renderIsosurfaceViews(volume, { threshold: 1.0 });
    const iso: SectionFigure = {
      id: 'iso',
      caption: 'Isosurface at threshold 1.000000: View 1 (0, −90, −90), View 2 (−90, 0, −90), View 3 (0, 0, 0).',
      panels: views.images.map((image, i) => {
        files.set(`input/iso_${i + 1}.png`, encodePng(image));
        return { file: `iso_${i + 1}.png`, caption: `View ${i + 1}`, width: image.width, height: image.height };
      }),
    };
    const section: SectionResult = {
      id: 'input',
      level: 'input',
      title: 'Input data',
      method: 'Map import',
      status: 'no-criteria',
      warnings: [],
      metrics: {},
      results: ['Input map: emd_1997.map', 'Voxel size: 2.020000 Å', 'Visualization threshold: 1.000000', 'Resolution estimated by user: 7'],
      figures: [slices, projections, iso],
    };
    const report = buildReport([section], {
      entry: { title: 'GroEL (apo)', emdbId: 'EMD-1997', mapFile: 'emd_1997.map', voxelSize: [2.02, 2.02, 2.02], dims: [100, 100, 100], threshold: 1, resolution: 7 },
      mode: 'public',
    });
    const out = outputDir('report-real');
    const html = await renderReportHtml(report, memoryAssetReader(files));
    writeFileSync(path.join(out, 'emd1997.html'), html);
    expect(html.match(/<img /g)).toHaveLength(9);
    const pdfFile = path.join(out, 'emd1997.pdf');
    writeFileSync(pdfFile, await renderReportPdf(report, memoryAssetReader(files)));
    const pages = pdfPagesAsImages(pdfFile, out);
    expect(pages).toHaveLength(pdfPageCount(pdfFile));
    pages.forEach((p, i) => expect(inkFraction(p.image), `page ${i + 1}`).toBeGreaterThan(0.004));
  });
});
