import { VrsInputError } from '../../errors/index.js';

/** Modes this reader decodes: int8, int16, float32, uint16, float16 and IMOD's packed 4-bit. */
export const SUPPORTED_MRC_MODES: readonly number[] = [0, 1, 2, 6, 12, 101];

const MODE_NAMES: Record<number, string> = {
  0: 'int8',
  1: 'int16',
  2: 'float32',
  3: 'complex int16',
  4: 'complex float32',
  6: 'uint16',
  12: 'float16',
  101: '4-bit packed',
};

export function mrcModeName(mode: number): string {
  return MODE_NAMES[mode] ?? `unknown mode ${mode}`;
}

export function assertSupportedMode(mode: number, source: string): void {
  if (SUPPORTED_MRC_MODES.includes(mode)) return;
  if (mode === 3 || mode === 4) {
    throw new VrsInputError(`MODE ${mode} (${mrcModeName(mode)}) holds a Fourier transform, not a density map`, source, 'MODE');
  }
  throw new VrsInputError(`unknown MODE ${mode}; supported modes are ${SUPPORTED_MRC_MODES.join(', ')}`, source, 'MODE');
}

/** Bytes one row of `columns` voxels takes; mode 101 packs two voxels per byte and starts each row on a byte. */
export function mrcRowBytes(mode: number, columns: number): number {
  switch (mode) {
    case 0:
      return columns;
    case 1:
    case 6:
    case 12:
      return 2 * columns;
    case 2:
      return 4 * columns;
    case 101:
      return Math.ceil(columns / 2);
    default:
      throw new RangeError(`mrcRowBytes: unsupported mode ${mode}`);
  }
}
