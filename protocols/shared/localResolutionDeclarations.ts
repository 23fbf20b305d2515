// The parameters and ports the local-resolution checks (0.e, 1.c–1.f) declare alike, so that the
// same knob reads the same in every check's documentation and workflow.
export { halfMapInputs } from './halfMapDeclarations.js';

export const viewThresholdParam = { type: 'number', description: 'Contour level of the surface views (density units of the map).' } as const;

export const significanceParam = {
  type: 'number', min: 0.5, max: 0.9999, default: 0.95, description: 'Confidence of the signal-against-noise decisions.',
} as const;

export function resampleParam(description: string) {
  return { type: 'string', enum: ['auto', 'never'] as const, default: 'auto', description } as const;
}

/** The checks whose criterion is the percentile of the reported resolution among the local ones (1.c, 1.d). */
export const percentileCriterionParams = {
  resolution: { type: 'number', min: 0, description: 'Reported resolution in Å (criterion: its percentile among the local resolutions).' },
  threshold: viewThresholdParam,
} as const;

/** MonoRes's sweep as 0.e and 1.e run it; `evaluated` and `ownGrid` name what is resampled. */
export function monoResParams(evaluated: string, ownGrid: string) {
  return {
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å (sweep from max(10, 5·resolution) Å; criterion).' },
    threshold: viewThresholdParam,
    step: { type: 'number', min: 0.05, default: 0.5, description: 'Step between tested resolutions (Å).' },
    significance: significanceParam,
    resample: resampleParam(
      `'auto': evaluate on ${evaluated} Fourier-resampled to max(Ts, resolution/3) when that saves a quarter of the voxels (the range down to 2/3 of the resolution stays measurable); 'never': on ${ownGrid}.`,
    ),
  } as const;
}

export const viewMapInput = { kind: 'volume', description: 'The map, for the surface views.' } as const;

export const localResolutionOutputs = (description: string) => ({
  section: { kind: 'section' },
  localResolution: { kind: 'volume', optional: true, description },
}) as const;
