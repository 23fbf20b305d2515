import type { ConeSpectrumPoints } from './coneSpectrumPoints.js';
import { coneFscCurve, conicalFsc } from './conicalFsc.js';
import { directionsFromVectors } from './geodesicSphere.js';

/**
 * Plain shell FSC of the packed points (shells 0 … floor(Nx/2)): the conical FSC of a cone that
 * covers the whole sphere. NaN where a shell holds no power.
 */
export function shellFsc(points: ConeSpectrumPoints): Float64Array {
  const sums = conicalFsc(points, directionsFromVectors([[0, 0, 1]]), { halfAngle: 90, weighting: 'uniform' });
  return coneFscCurve(sums, 0);
}
