import { checkSameGrid, fdrFsc, formatPrintf, spocCircularMask, type SectionPlot, type SectionResult, type Volume } from '../../../core/index.js';
import { finiteOrNull, fixed2, FREQUENCY_AXIS_LABEL, halfMapsProblem, particularlyHighWarning, reportedResolutionLines, reportedResolutionResults } from '../global-resolution/halfMapChecks.js';
import { BECKERS_SACHSE_2020 } from '../../shared/methodReferences.js';

export type FscPermutationMask = 'softMask' | 'circular';

const BASE = {
  id: '1.b',
  level: '1',
  title: 'FSC permutation test',
  summaryLabel: '1.b FSC permutation test (FDR-controlled FSC)',
  references: [BECKERS_SACHSE_2020],
  method:
    'FDR-controlled FSC (Beckers & Sachse 2020; the algorithm of SPOC FSC_FDRcontrol, our implementation): permutation test of the FSC in every Fourier shell of the masked half maps, Benjamini–Yekutieli correction; seeded xoshiro128** permutations instead of numpy’s MT19937 with seed 3, so individual p-values differ from SPOC’s by Monte-Carlo noise',
  explanation:
    'Instead of a fixed FSC threshold, this test asks in every Fourier shell whether the correlation between the half maps is higher than chance. The Fourier coefficients of one half are randomly re-paired with those of the other (a permutation test; 70% of the shell’s points, up to 1000 permutations), which gives the probability (p-value) of reaching the measured FSC without any shared signal. The p-values of all shells are corrected for multiple testing with the Benjamini–Yekutieli procedure (false discovery rate). The resolution is that of the last shell before the first shell that is not significant at 1% FDR. It depends on the number of Fourier coefficients per shell as well as on the signal, and is usually a little finer than the FSC 0.143 resolution.',
  criteria: 'The validation is OK if the reported resolution is not finer than 80% of the resolution at 1% FDR.',
} as const;

export interface FscPermutationOptions {
  /** Reported resolution, Å (criterion). */
  resolution?: number;
  /** Which mask multiplies the halves: the soft mask of the map, or the circular mask SPOC's script builds itself. */
  mask: FscPermutationMask;
  softMask?: Volume | null;
  fdr: number;
  seed: number;
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => void;
}

/**
 * 1.b FSC permutation test (vrs-spec §7.2, algorithms §3.2): fdrFsc on the masked halves, the
 * resolution at the FDR level, its curve (FSC and q-values per shell), the FSC plot with the
 * frequency on x (the original swapped the axes, B13) and the 80 % criterion.
 */
export async function fscPermutationAnalysis(half1: Volume, half2: Volume, opts: FscPermutationOptions): Promise<SectionResult> {
  const failed = (reason: string, metrics: Record<string, unknown> = {}): SectionResult => ({ ...BASE, status: 'failed', reason, warnings: [], metrics });
  const problem = halfMapsProblem(half1, half2);
  if (problem !== null) return failed(problem);
  const notes: string[] = [];
  let mask: Float32Array;
  if (opts.mask === 'softMask') {
    const soft = opts.softMask;
    if (!soft) throw new RangeError("vrs.fscPermutation: mask 'softMask' needs the softMask input");
    checkSameGrid(half1, soft, { reference: 'half map 1', other: 'soft mask' });
    let nonFinite = 0;
    let sum = 0;
    for (let i = 0; i < soft.data.length; i++) {
      const v = soft.data[i]!;
      if (!Number.isFinite(v)) nonFinite++;
      else sum += Math.abs(v);
    }
    if (nonFinite > 0) return failed(`The soft mask has ${nonFinite} voxel${nonFinite === 1 ? ' that is not a finite number' : 's that are not finite numbers'}.`);
    if (!(sum > 0)) return failed('The soft mask is empty (zero everywhere): there is nothing to correlate.');
    mask = Float32Array.from(soft.data);
    notes.push('Both halves are multiplied by the soft mask of the map, as newer versions of the SPOC script do with the mask they are given (the version the original service ran built its own circular mask, available here as mask = circular).');
  } else {
    mask = spocCircularMask(half1.dims);
    notes.push(`Both halves are multiplied by SPOC's own circular mask: radius min(N)/2 − 4 = ${Math.min(...half1.dims) / 2 - 4} voxels with a Gaussian fall-off of 2 voxels, as the SPOC script version the original service ran.`);
  }

  const result = await fdrFsc(half1.data, half2.data, half1.dims, {
    voxelSize: half1.voxelSize,
    mask,
    seed: opts.seed,
    fdr: opts.fdr,
    ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const level = `${Number((100 * opts.fdr).toPrecision(3))}%`;
  const ts = half1.voxelSize[0];
  const frequency = Array.from(result.frequency.subarray(1));
  const permutationsTotal = result.permutations.reduce((a, b) => a + b, 0);
  const metrics: Record<string, unknown> = {
    fdrResolution: result.fdrResolution,
    fdr: result.fdr,
    seed: result.seed,
    outcome: result.outcome,
    fdrShell: result.fdrShell,
    fsc0143Resolution: result.fsc0143Resolution,
    curve: { frequency, fsc: finiteOrNull(result.fsc.subarray(1)), qValue: Array.from(result.qValue.subarray(1)), pValue: Array.from(result.pValue.subarray(1)) },
    shellSize: Array.from(result.shellSize.subarray(1)),
    permutations: permutationsTotal,
    mask: opts.mask,
    voxelSize: ts,
    dims: [...half1.dims],
    ...(opts.resolution !== undefined ? { resolution: opts.resolution } : {}),
  };
  const thresholdShells = result.test.map((t, s) => (t === 'threshold' ? s : -1)).filter((s) => s > 0);
  const permuted = `${permutationsTotal} permutations in total (seed ${result.seed})`;
  notes.push(
    thresholdShells.length > 0
      ? `Shell${thresholdShells.length === 1 ? '' : 's'} ${thresholdShells.join(', ')} (fewer than 15 Fourier points) ${thresholdShells.length === 1 ? 'is' : 'are'} judged by FSC ≥ 0.75, as SPOC does; the other shells by ${permuted}.`
      : `Every shell was tested by permutations: ${permuted}.`,
    'SPOC also prints a B-factor from a Guinier fit of the masked average when the resolution is finer than 8 Å; it is not computed here (section 0.d reports the map’s B-factor).',
  );
  if (opts.resolution === undefined) notes.push('No resolution was reported: the criterion cannot be evaluated (vrs-spec §19 B24).');

  if (result.outcome === 'none' || result.fdrResolution === null) {
    return {
      ...failed(`Not even the first Fourier shell has an FSC significantly above chance at ${level} FDR: the half maps share no detectable signal inside the mask, so there is no resolution to report.`, metrics),
      notes,
      plots: plotsOf(frequency, result, null, opts),
    };
  }
  const fdrResolution = result.fdrResolution;
  if (result.outcome === 'nyquist') notes.push(`Every shell up to the Nyquist frequency is significant: the resolution at ${level} FDR is limited by the sampling, 2·Ts = ${fixed2(fdrResolution)} Å.`);
  const warnings: string[] = [];
  if (opts.resolution !== undefined) {
    const warning = particularlyHighWarning(opts.resolution, { name: `FDR-FSC (${level} FDR)`, value: fdrResolution });
    if (warning !== null) warnings.push(warning);
  }
  const results = [
    `The resolution at ${level} FDR is ${formatPrintf(fdrResolution, '%4.1f').trim()} Å (${result.outcome === 'nyquist' ? 'the Nyquist limit: every shell is significant' : `shell ${result.fdrShell}, the last one before the first shell whose q-value exceeds ${opts.fdr}`}).`,
    result.fsc0143Resolution !== null
      ? `For comparison, the FSC of the masked halves in the same shells falls below 0.143 at ${fixed2(result.fsc0143Resolution)} Å.`
      : 'The FSC of the masked halves does not fall below 0.143.',
  ];
  results.push(...reportedResolutionResults(opts.resolution));
  return {
    ...BASE,
    status: opts.resolution === undefined ? 'no-criteria' : warnings.length > 0 ? 'warnings' : 'ok',
    warnings,
    metrics,
    results,
    plots: plotsOf(frequency, result, fdrResolution, opts),
    resolutionEstimates: [{ method: `FDR-FSC (${level} FDR)`, value: fdrResolution }],
    notes,
  };
}

function plotsOf(frequency: number[], result: Awaited<ReturnType<typeof fdrFsc>>, fdrResolution: number | null, opts: FscPermutationOptions): SectionPlot[] {
  const vLines = [
    ...(fdrResolution !== null ? [{ x: 1 / fdrResolution, label: `FDR ${fixed2(fdrResolution)} Å` }] : []),
    ...reportedResolutionLines(opts.resolution),
  ];
  const xLabel = FREQUENCY_AXIS_LABEL;
  return [
    {
      id: 'fsc_fdr',
      caption: 'FSC of the masked half maps in SPOC’s shells against spatial frequency (the original plotted the axes swapped), with the 0.143 line and the resolution at the FDR level.',
      kind: 'line',
      xLabel,
      yLabel: 'FSC',
      series: [{ label: 'FSC', x: frequency, y: Array.from(result.fsc.subarray(1)), style: 'line' }],
      hLines: [{ y: 0.143, label: '0.143' }],
      vLines,
    },
    {
      id: 'q_values',
      caption: `Benjamini–Yekutieli q-value of the permutation test in each shell; shells below the ${opts.fdr} line are significant.`,
      kind: 'line',
      xLabel,
      yLabel: 'q-value',
      series: [{ label: 'q-value', x: frequency, y: Array.from(result.qValue.subarray(1)), style: 'points' }],
      hLines: [{ y: opts.fdr, label: `FDR ${opts.fdr}` }],
      vLines,
    },
  ];
}
