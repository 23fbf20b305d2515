import { checkSameGrid, defineProtocol, formatPrintf, type SectionResult } from '../../../core/index.js';
import { modelNotFittedSection, type ModelPlacement } from '../../shared/placedModel.js';
import { compareGuinierCurves, guinierCurve } from './modelGuinier.js';
import { mapInput, placementInput } from '../../shared/levelADeclarations.js';
import { PENG_1996, ROSENTHAL_HENDERSON_2003, VRS_2022 } from '../../shared/methodReferences.js';

const ID = 'A.d';
const TITLE = 'Map–model Guinier analysis';
/** Warn when the two Guinier curves correlate less than this. */
export const GUINIER_MIN_CORRELATION = 0.5;

const BASE = {
  id: ID,
  level: 'A',
  title: TITLE,
  summaryLabel: `${ID} ${TITLE}`,
  references: [VRS_2022, ROSENTHAL_HENDERSON_2003, PENG_1996],
  explanation:
    'The Guinier plot of a map (logarithm of the mean Fourier amplitude in shells of resolution d, against 1/d²) describes how its signal falls off with resolution. '
    + 'The same curve is computed for the model map, and the map\'s curve is shifted to the same mean. If the map and the model describe the same structure, the two curves have the same shape and correlate strongly; '
    + 'a low correlation means that the map\'s power spectrum differs from what the model predicts — strong over- or under-sharpening, a large part of the map not explained by the model, or the reverse.',
  criteria: `The validation is OK if the correlation between the two Guinier curves is at least ${GUINIER_MIN_CORRELATION}.`,
} as const;

/**
 * A.d Map–model Guinier analysis (vrs-spec §12.4, algorithms.md §4.6): the Guinier curves of the
 * map and of the Xmipp-style model map, both computed here with 0.d's shells and amplitude scale
 * (B17 fixed: no dependency on 0.d, which stops above 8 Å), rows with d ≥ R, the map curve shifted
 * to the model curve's mean, Pearson R over all rows including the DC term, as the original.
 */
export const modelGuinierProtocol = defineProtocol({
  id: 'vrs.modelGuinier',
  version: '1',
  title: TITLE,
  description: 'Correlation of the Guinier curves (ln mean |F| against 1/d²) of the map and of the model map, up to the resolution.',
  execution: 'worker',
  section: { id: ID, level: 'A', title: TITLE },
  params: {
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å: the curves stop there.' },
  },
  inputs: {
    map: mapInput,
    modelMap: { kind: 'volume', description: 'The Xmipp-style model map (vrs.modelMap).' },
    placement: placementInput,
  },
  outputs: { section: { kind: 'section' } },
  async run(ctx) {
    const placement = await ctx.inputs.json<ModelPlacement>('placement');
    if (!placement.fitted) return { section: { kind: 'section', value: modelNotFittedSection(ID, TITLE, placement) } };
    const end = (status: 'not-applicable' | 'failed', reason: string) => ({ section: { kind: 'section' as const, value: { ...BASE, method: 'not run', status, reason, warnings: [], metrics: {} } } });
    const resolution = ctx.params.resolution;
    if (resolution === undefined || !(resolution > 0)) {
      return end('not-applicable', 'The resolution was not reported: the Guinier curves are compared up to the resolution, so there is no range to compare.');
    }
    const map = await ctx.inputs.volume('map');
    const modelMap = await ctx.inputs.volume('modelMap');
    checkSameGrid(map, modelMap, { reference: 'map', other: 'model map' });
    if (!modelMap.data.some((v) => v !== 0)) return end('failed', 'The model map is zero everywhere: no atom of the model could be converted into the box.');
    const notes: string[] = [];
    const nyquist = 2 * Math.max(...map.voxelSize);
    if (resolution < nyquist) notes.push(`The reported resolution ${resolution} Å is finer than the Nyquist limit of the map (${nyquist.toPrecision(4)} Å): the curves stop at the Nyquist limit.`);

    ctx.progress(0.1, 'map spectrum');
    const mapCurve = await guinierCurve(map, resolution);
    ctx.progress(0.5, 'model map spectrum');
    const modelCurve = await guinierCurve(modelMap, resolution);
    const result = compareGuinierCurves(mapCurve, modelCurve);
    if (!Number.isFinite(result.correlation)) {
      return end('failed', `The correlation of the Guinier curves could not be computed (${result.rows} row(s) between the DC term and ${resolution} Å, or a constant curve).`);
    }
    const R = result.correlation;
    const warnings = R < GUINIER_MIN_CORRELATION ? [`The correlation between the Guinier curves of the map and of the model map, ${f(R, '%5.3f')}, is below ${GUINIER_MIN_CORRELATION}: the map's fall-off of amplitude with resolution does not follow the model's.`] : [];
    const finest = map.dims[0] * map.voxelSize[0] / Math.max(1, mapCurve.shell[mapCurve.shell.length - 1]!);
    const plotted = Array.from(result.x.keys()).filter((k) => result.x[k]! > 0);
    const section: SectionResult = {
      ...BASE,
      method: "Guinier curves of the map and of the model map with Xmipp volume_correct_bfactor's shells (ours), Pearson correlation after shifting the map curve to the model curve's mean",
      status: warnings.length > 0 ? 'warnings' : 'ok',
      warnings,
      metrics: {
        correlation: R,
        correlationWithoutDc: Number.isFinite(result.correlationWithoutDc) ? result.correlationWithoutDc : null,
        rows: result.rows,
        resolution,
        finestRowResolution: finest,
        shift: result.offset,
      },
      results: [
        `The correlation between the Guinier curves of the map and of the model map is ${f(R, '%5.3f')}, over the ${result.rows} Fourier shells from the DC term (1/d² = 0) to ${f(finest, '%4.2f')} Å (the shells with d ≥ ${resolution} Å, the reported resolution), as the original computes it. Without the DC term (the map's mean, which normalisation moves freely) it is ${f(result.correlationWithoutDc, '%5.3f')}.`,
        `The map's curve was shifted by ${f(result.offset, '%5.2f')} in ln|F| so that both curves have the same mean.`,
      ],
      plots: [
        {
          id: 'guinier_map_model',
          caption: 'Guinier plot of the map (shifted to the model curve\'s mean) and of the model map: logarithm of the mean Fourier amplitude against the squared inverse resolution.',
          kind: 'line',
          xLabel: '1/d² (Å⁻²)',
          yLabel: 'ln(mean |F|)',
          series: [
            { label: 'Map (shifted)', x: plotted.map((k) => result.x[k]!), y: plotted.map((k) => result.shiftedMapLnF[k]!), style: 'line' },
            { label: 'Model map', x: plotted.map((k) => result.x[k]!), y: plotted.map((k) => result.modelLnF[k]!), style: 'line' },
          ],
          vLines: [{ x: 1 / (resolution * resolution), label: `${resolution} Å` }],
        },
      ],
      notes: [
        'Both curves are computed here, on the map and on our Xmipp-style model map (5-Gaussian profiles, no B-factors), with the shells and amplitude scale of section 0.d; the original read the map\'s curve from 0.d and failed when 0.d had not run (above 8 Å).',
        ...notes,
      ],
      ...(warnings.length > 0 ? { abstract: 'The Guinier curves of the map and of the atomic model differ: the map\'s amplitude fall-off does not follow the model\'s.' } : {}),
    };
    ctx.progress(1);
    return { section: { kind: 'section', value: section } };
  },
});

function f(value: number, format: string): string {
  return formatPrintf(value, format).trim();
}
