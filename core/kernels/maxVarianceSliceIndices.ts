import type { Vec3, Volume, VoxelArray } from '../volume/index.js';

/**
 * The max-variance slice index along x, y and z at once (same rule as maxVarianceSliceIndex:
 * population variance of each 2-D slice, first maximum wins), in two sweeps over the map instead
 * of two per axis: one for the slice means of all three axes, one for the squared deviations.
 * Figures of large maps ask for this on several volumes, so the sweep count matters (432³: 80 M
 * voxels per sweep).
 */
export function maxVarianceSliceIndices(volume: Volume<VoxelArray>): Vec3 {
  const [nx, ny, nz] = volume.dims;
  const v = volume.data;
  const sumX = new Float64Array(nx);
  const sumY = new Float64Array(ny);
  const sumZ = new Float64Array(nz);
  let i = 0;
  for (let z = 0; z < nz; z++) {
    let plane = 0;
    for (let y = 0; y < ny; y++) {
      let row = 0;
      for (let x = 0; x < nx; x++, i++) {
        const value = v[i]!;
        sumX[x]! += value;
        row += value;
      }
      sumY[y]! += row;
      plane += row;
    }
    sumZ[z] = plane;
  }
  const meanX = sumX.map((s) => s / (ny * nz));
  const meanY = sumY.map((s) => s / (nx * nz));
  const meanZ = sumZ.map((s) => s / (nx * ny));

  const ssX = new Float64Array(nx);
  const ssY = new Float64Array(ny);
  const ssZ = new Float64Array(nz);
  i = 0;
  for (let z = 0; z < nz; z++) {
    const mz = meanZ[z]!;
    let planeSs = 0;
    for (let y = 0; y < ny; y++) {
      const my = meanY[y]!;
      let rowSsY = 0;
      let rowSsZ = 0;
      for (let x = 0; x < nx; x++, i++) {
        const value = v[i]!;
        const dx = value - meanX[x]!;
        const dy = value - my;
        const dz = value - mz;
        ssX[x]! += dx * dx;
        rowSsY += dy * dy;
        rowSsZ += dz * dz;
      }
      ssY[y]! += rowSsY;
      planeSs += rowSsZ;
    }
    ssZ[z] = planeSs;
  }
  return [argmax(ssX), argmax(ssY), argmax(ssZ)];
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k]! > values[best]!) best = k;
  return best;
}
