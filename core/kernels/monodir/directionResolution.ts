import type { Vec3 } from '../../volume/index.js';
import { selectKth } from '../monores/index.js';
import { coneFilter, directionalAmplitude, directionalAmplitudeWorkspace, type DirectionalAmplitudeWorkspace } from './directionalAmplitude.js';
import type { MonoDirFrequency } from './monoDirSweep.js';

/** Everything one direction's sweep needs; the arrays may live on shared memory (worker tasks). */
export interface DirectionTask {
  dims: Vec3;
  /** r2c half spectrum of the map (numpy scaling). */
  spectrum: Float64Array;
  /** Voxel states: 1 evaluated (protein), 0 noise candidate, −1 excluded. */
  state: Int8Array;
  /** The evaluated voxels, in index order; results are stored in this order. */
  maskIndex: Int32Array;
  /** [direction][maskIndex.length] resolutions (Å), written by the task. */
  results: Float32Array;
  direction: number;
  vector: [number, number, number];
  sweep: MonoDirFrequency[];
  /** Mean noise amplitude of the plain (non-cone) map at the first frequency, / 9 (stop rule). */
  avgNoise: number;
  /** Protein radius in voxels (noise only beyond it). */
  particleRadius: number;
  coneAngle: number;
  noiseConeAngle: number;
  significance: number;
  /** Width of the amplitude's taper at the box edge (voxels; 7). */
  edgeWidth: number;
}

export type DirectionStopReason = 'mask-completed' | 'signal-vanished' | 'no-noise' | 'end-of-sweep';

export interface DirectionRecord {
  direction: number;
  frequencies: number;
  lastResolution: number;
  noiseVoxels: number;
  stopReason: DirectionStopReason;
  milliseconds: number;
}

// One workspace per thread, reused by every direction it runs (the tables depend on the grid only).
let cached: { ws: DirectionalAmplitudeWorkspace; edge: number } | null = null;

function workspaceFor(dims: Vec3, edge: number): DirectionalAmplitudeWorkspace {
  if (cached === null || cached.edge !== edge || cached.ws.dims.some((d, k) => d !== dims[k])) cached = { ws: directionalAmplitudeWorkspace(dims, edge), edge };
  return cached.ws;
}

/**
 * Noise voxels of direction d (algorithms §3.6b step 6): noise candidates (state 0) farther than
 * the particle radius from the box centre, inside the real-space double cone of half-angle
 * `noiseConeAngle` around ±d.
 */
export function directionNoiseVoxels(state: Int8Array, dims: Vec3, vector: readonly number[], particleRadius: number, noiseConeAngle: number): Int32Array {
  const [nx, ny, nz] = dims;
  const [cx, cy, cz] = dims.map((n) => Math.floor(n / 2)) as Vec3;
  const cosMax = Math.cos((noiseConeAngle * Math.PI) / 180);
  const r2min = particleRadius * particleRadius;
  const out: number[] = [];
  let p = 0;
  for (let z = 0; z < nz; z++) {
    const dz = z - cz;
    for (let y = 0; y < ny; y++) {
      const dy = y - cy;
      for (let x = 0; x < nx; x++, p++) {
        if (state[p] !== 0) continue;
        const dx = x - cx;
        const r2 = dx * dx + dy * dy + dz * dz;
        if (r2 <= r2min) continue;
        const proj = dx * vector[0]! + dy * vector[1]! + dz * vector[2]!;
        if (proj * proj >= cosMax * cosMax * r2) out.push(p);
      }
    }
  }
  return Int32Array.from(out);
}

/**
 * One direction of MonoDir (algorithms §3.6b steps 4–7): cone-filter the map around ±d, sweep the
 * frequencies; at each, threshold = noise amplitude at index floor(significance·n); an active
 * voxel above it takes this resolution, one failing twice in a row is finished with the
 * resolution two steps back. Stops when fewer than 2.5 % of the evaluated voxels remain active or
 * the mean signal falls below 0.001·avgNoise. Voxels start at the first tested resolution (a voxel
 * that never passes ends there). A direction without any noise voxel cannot be measured: its row
 * is 0 (invalid) for every voxel.
 */
export function directionResolution(task: DirectionTask): DirectionRecord {
  const started = performance.now();
  const { dims, state, maskIndex, results, direction, sweep, significance } = task;
  const ws = workspaceFor(dims, task.edgeWidth);
  const cone = coneFilter(task.spectrum, ws, task.vector, task.coneAngle);
  const noise = directionNoiseVoxels(state, dims, task.vector, task.particleRadius, task.noiseConeAngle);
  const nMask = maskIndex.length;
  const row = results.subarray(direction * nMask, (direction + 1) * nMask);
  const record: DirectionRecord = { direction, frequencies: 0, lastResolution: NaN, noiseVoxels: noise.length, stopReason: 'end-of-sweep', milliseconds: 0 };
  row.fill(noise.length === 0 ? 0 : sweep[0]?.resolution ?? 0);
  if (noise.length === 0) {
    record.stopReason = 'no-noise';
    record.milliseconds = performance.now() - started;
    return record;
  }
  const amplitude = new Float32Array(state.length);
  const noiseValues = new Float64Array(noise.length);
  const rank = Math.floor(significance * noise.length);
  // Positions (into maskIndex) still active and their failure counters.
  let active = Int32Array.from({ length: nMask }, (_, k) => k);
  let activeCount = nMask;
  const failures = new Uint8Array(nMask);
  const visited: number[] = [];
  for (let iter = 0; iter < sweep.length; iter++) {
    if (activeCount / nMask < 0.025) {
      record.stopReason = 'mask-completed';
      break;
    }
    const here = sweep[iter]!;
    visited.push(here.resolution);
    record.frequencies++;
    record.lastResolution = here.resolution;
    const twoBack = iter < 2 ? visited[0]! : visited[iter - 2]!;
    directionalAmplitude(cone, ws, here.frequency, here.highStart, here.lowEnd, amplitude);
    for (let k = 0; k < noise.length; k++) noiseValues[k] = amplitude[noise[k]!]!;
    const threshold = selectKth(noiseValues, rank);
    let sumS = 0;
    for (let k = 0; k < activeCount; k++) sumS += amplitude[maskIndex[active[k]!]!]!;
    if (sumS / activeCount < 0.001 * task.avgNoise) {
      record.stopReason = 'signal-vanished';
      break;
    }
    let kept = 0;
    for (let k = 0; k < activeCount; k++) {
      const m = active[k]!;
      if (amplitude[maskIndex[m]!]! > threshold) {
        row[m] = here.resolution;
        failures[m] = 0;
      } else if (failures[m]! >= 1) {
        row[m] = twoBack;
        continue;
      } else {
        failures[m] = 1;
      }
      active[kept++] = m;
    }
    activeCount = kept;
    if (kept < active.length / 2) active = active.slice(0, kept);
  }
  record.milliseconds = performance.now() - started;
  return record;
}
