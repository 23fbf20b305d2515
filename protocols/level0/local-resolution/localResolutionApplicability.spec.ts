import { describe, expect, it } from 'vitest';
import { localResolutionNotApplicable } from './localResolutionApplicability.js';

describe('localResolutionNotApplicable', () => {
  it('applies to a cubic-voxel map with a resolution at or above Nyquist, of any size', () => {
    expect(localResolutionNotApplicable(3.5, [1.34, 1.34, 1.34])).toBeNull();
    expect(localResolutionNotApplicable(2.68, [1.34, 1.34, 1.34])).toBeNull();
    expect(localResolutionNotApplicable(18, [2.02, 2.02, 2.02])).toBeNull();
  });

  it('does not apply without a resolution, with non-cubic voxels, or beyond Nyquist', () => {
    expect(localResolutionNotApplicable(undefined, [1, 1, 1])).toMatch(/No resolution/);
    expect(localResolutionNotApplicable(3, [0.448, 0.3925, 0.459])).toMatch(/not cubic/);
    expect(localResolutionNotApplicable(2.6, [1.34, 1.34, 1.34])).toMatch(/Nyquist limit of the map \(2 × 1.3400 = 2.680 Å\)/);
  });
});
