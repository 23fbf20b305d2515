import { centerOfMass, formatPrintf, maskExtent, type BinaryMask, type Compatibility, type SectionResult, type Vec3, type Volume } from '../../../core/index.js';
import { VRS_2022 } from '../../shared/methodReferences.js';

const AXES = ['X', 'Y', 'Z'] as const;
/** Decentering (%) and centre-of-mass shift (%) above which a warning is given; free space below (Å). */
const MAX_DECENTERING_PERCENT = 20;
const MIN_SPACE_A = 20;

const BASE = {
  id: '0.a',
  level: '0',
  title: 'Mass analysis',
  summaryLabel: '0.a Mass analysis',
  references: [VRS_2022],
  explanation:
    'A reconstruction should sit roughly in the middle of its box, with enough empty space on every side of the molecule for the CTF correction to work (the space needed depends on the CTF; 20 Å at least). The free space is measured from the mask with hard borders, on both sides along each axis; the centre of mass of the density should be close to the box centre.',
  criteria:
    'OK when, along every axis, 1) the decentering |right − left| / box size and the shift of the centre of mass from the box centre are at most 20 % of the box size, and 2) the free space on each side is at least 20 Å. Local reconstructions and focused refinements are expected to raise warnings.',
} as const;

/**
 * 0.a Mass analysis (vrs-spec §6.1). Free space left = Ts·first, right = Ts·(n − last) of the mask's
 * extent per axis; decentering |right − left|/(Ts·n)·100; centre of mass in voxels and its shift
 * |c − n/2|/n·100. Corrected (default): the centre of mass is weighted by the positive density
 * inside the hard mask (§19 B1); `original` weighs the raw densities of the whole box as the
 * original service did, which explodes when the background cancels the molecule's mass.
 */
export function massAnalysisSection(map: Volume, mask: BinaryMask, opts: { compatibility?: Compatibility; maskName?: string } = {}): SectionResult {
  const compatibility = opts.compatibility ?? 'corrected';
  const maskName = opts.maskName ?? 'the hard mask';
  const method =
    compatibility === 'original'
      ? `Free space from ${maskName}; centre of mass of the raw densities of the whole box (original behaviour)`
      : `Free space from ${maskName}; centre of mass of the positive density inside ${maskName}`;
  const extent = maskExtent(mask);
  if (!extent) {
    return {
      ...BASE,
      method,
      status: 'warnings',
      warnings: ['The mask with hard borders is empty: the threshold seems too high, try lowering it.'],
      metrics: { compatibility, maskEmpty: true },
      abstract: 'The map seems to have a problem with its centring or the free space around it.',
      results: ['No voxel reaches the threshold, so the free space and the centring cannot be measured.'],
    };
  }
  const dims = map.dims;
  const ts = map.voxelSize;
  const left = [0, 1, 2].map((k) => ts[k]! * extent.first[k]!) as Vec3;
  const right = [0, 1, 2].map((k) => ts[k]! * (dims[k]! - extent.last[k]!)) as Vec3;
  const decentering = [0, 1, 2].map((k) => (Math.abs(right[k]! - left[k]!) / (ts[k]! * dims[k]!)) * 100) as Vec3;
  const com = compatibility === 'original' ? centerOfMass(map) : centerOfMass(map, { mask, positiveOnly: true });
  const comDefined = com.center.every(Number.isFinite);
  const comShift = [0, 1, 2].map((k) => (Math.abs(com.center[k]! - dims[k]! / 2) / dims[k]!) * 100) as Vec3;

  const warnings: string[] = [];
  decentering.forEach((d, k) => {
    if (d > MAX_DECENTERING_PERCENT) warnings.push(`The volume might be significantly decentred in ${AXES[k]} (decentering ${f(d, '%5.2f')} % > ${MAX_DECENTERING_PERCENT} %).`);
  });
  left.forEach((s, k) => {
    if (s < MIN_SPACE_A) warnings.push(`There is little space on the ${AXES[k]} left to correct the CTF (${f(s, '%6.2f')} Å < ${MIN_SPACE_A} Å).`);
  });
  right.forEach((s, k) => {
    if (s < MIN_SPACE_A) warnings.push(`There is little space on the ${AXES[k]} right to correct the CTF (${f(s, '%6.2f')} Å < ${MIN_SPACE_A} Å).`);
  });
  if (comDefined) {
    comShift.forEach((d, k) => {
      if (d > MAX_DECENTERING_PERCENT) {
        warnings.push(
          `The centre of mass in ${AXES[k]} may be significantly shifted (${f(d, '%5.2f')} % of the box size > ${MAX_DECENTERING_PERCENT} %). This is common when the refinement focused on one region of the molecule.`,
        );
      }
    });
  }
  const results = AXES.map(
    (axis, k) =>
      `The space from the left and right in ${axis} is ${f(left[k]!, '%6.2f')} and ${f(right[k]!, '%6.2f')} Å; the decentering ratio |right − left| / size is ${f(decentering[k]!, '%5.2f')} %.`,
  );
  results.push(
    comDefined
      ? `The centre of mass is at (x, y, z) = (${com.center.map((c) => f(c, '%6.2f')).join(', ')}) voxels; its shift from the box centre, |centre − size/2| / size, is ${comShift.map((d) => f(d, '%5.2f')).join(', ')} % along X, Y and Z.`
      : 'The centre of mass is undefined: the weights sum to zero.',
  );
  const centerA = comDefined ? ([0, 1, 2].map((k) => map.origin[k]! + ts[k]! * com.center[k]!) as Vec3) : null;
  return {
    ...BASE,
    method,
    status: warnings.length === 0 ? 'ok' : 'warnings',
    warnings,
    metrics: {
      compatibility,
      leftSpaceA: left,
      rightSpaceA: right,
      decenteringPercent: decentering,
      centerOfMassVoxels: comDefined ? com.center : null,
      centerOfMassA: centerA,
      centerOfMassDecenteringPercent: comDefined ? comShift : null,
      maskExtentVoxels: { first: extent.first, last: extent.last },
    },
    results,
    abstract: warnings.length === 0 ? 'The map seems to be well centred.' : 'The map seems to have a problem with its centring or the free space around it.',
  };
}

function f(value: number, format: string): string {
  return formatPrintf(value, format).trim();
}
