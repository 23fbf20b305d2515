// The MonoRes run as report.json records it (0.e single-map and 1.e half-map sections): the
// frequencies visited, why the sweep stopped and the grid it ran on. Timings are logged, not reported
// (report.json must not change between two runs of the same input; the step log keeps them).
import { finiteOrNull } from '../../core/index.js';
import type { EvaluationGrid, MonoResFrequencyRecord, MonoResStopReason, Vec3 } from '../../core/index.js';


export function monoResFrequencyMetrics(frequencies: readonly MonoResFrequencyRecord[]) {
  return frequencies.map((f) => ({
    resolution: f.resolution,
    fourierIndex: f.fourierIndex,
    activeVoxels: f.activeVoxels,
    passed: f.passed,
    finished: f.finished,
    threshold: finiteOrNull(f.threshold),
    meanSignal: finiteOrNull(f.meanSignal),
    meanNoise: finiteOrNull(f.meanNoise),
    z: finiteOrNull(f.z),
  }));
}

export function monoResResampling(grid: EvaluationGrid, mapGrid: { dims: Vec3; voxelSize: Vec3 }) {
  return grid.resampled ? { fromDims: mapGrid.dims, fromVoxelSize: mapGrid.voxelSize, dims: grid.dims, voxelSize: grid.voxelSize, method: 'Fourier (spectrum crop); mask by nearest neighbour' } : null;
}

export function monoResTimings(
  seconds: number, frequencies: number, timings: { prepareMs: number; sweepMs: number; postProcessMs: number },
) {
  const sweepSeconds = timings.sweepMs / 1000;
  return {
    totalSeconds: seconds,
    prepareSeconds: timings.prepareMs / 1000,
    sweepSeconds,
    secondsPerFrequency: frequencies > 0 ? sweepSeconds / frequencies : null,
    postProcessSeconds: timings.postProcessMs / 1000,
  };
}

/** The closing metrics of a MonoRes section (0.e, 1.e): how the sweep ran and on which grid. */
export function monoResRunMetrics(
  result: { fillValue: number; stopReason: MonoResStopReason; frequencies: readonly MonoResFrequencyRecord[] },
  run: { sweep: object; grid: EvaluationGrid; mapGrid: { dims: Vec3; voxelSize: Vec3 } },
) {
  const frequencies = result.frequencies;
  return {
    fillValue: result.fillValue,
    stopReason: result.stopReason,
    frequenciesVisited: frequencies.length,
    frequencies: monoResFrequencyMetrics(frequencies),
    sweep: run.sweep,
    evaluationGrid: { dims: run.grid.dims, voxelSize: run.grid.voxelSize },
    resampling: monoResResampling(run.grid, run.mapGrid),
  };
}

/** Where the map was evaluated and how fine it can go (a note). */
export function evaluationGridNote(grid: EvaluationGrid, mapGrid: { dims: Vec3; voxelSize: Vec3 }, what = 'the map'): string {
  return `Evaluated on ${grid.resampled ? `${what} Fourier-resampled from ${mapGrid.dims.join(' × ')} voxels of ${mapGrid.voxelSize[0].toFixed(4)} Å to` : `${what} itself,`} ${grid.dims.join(' × ')} voxels of ${grid.voxelSize[0].toFixed(4)} Å; local resolutions can be measured down to ${(2 * grid.voxelSize[0]).toFixed(2)} Å.`;
}

export function monoResStopText(reason: MonoResStopReason): string {
  switch (reason) {
    case 'mask-completed': return 'fewer than 2.5% of the voxels still undecided';
    case 'no-active-voxels': return 'no voxel left undecided';
    case 'signal-vanished': return 'the signal amplitude vanished';
    case 'not-significant': return 'the signal was no longer significantly above the noise';
    case 'end-of-sweep': return 'Nyquist reached';
  }
}
