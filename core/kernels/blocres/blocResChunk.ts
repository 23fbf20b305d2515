import type { Vec3 } from '../../volume/index.js';
import { LocalFscBox, type LocalFscConfig } from './LocalFscBox.js';

/** One worker task: local resolutions at a run of evaluation points. */
export interface BlocResChunk {
  /** The two halves (the second rescaled to the first's mean and std), shared with every task. */
  maps: { half1: Float32Array; half2: Float32Array };
  dims: Vec3;
  config: LocalFscConfig;
  /** Linear voxel indices of the points. */
  points: Int32Array;
}

let cached: { key: string; engine: LocalFscBox } | null = null;

/** The thread's engine for a configuration (its tables and scratch are built once). */
function engineFor(config: LocalFscConfig): LocalFscBox {
  const key = JSON.stringify(config);
  if (cached === null || cached.key !== key) cached = { key, engine: new LocalFscBox(config) };
  return cached.engine;
}

/** Local resolution (Å) at each point of the chunk. */
export function runBlocResChunk(chunk: BlocResChunk): Float32Array {
  const { maps, dims, points } = chunk;
  const engine = engineFor(chunk.config);
  const [nx, ny] = dims;
  const out = new Float32Array(points.length);
  for (let k = 0; k < points.length; k++) {
    const i = points[k]!;
    const x = i % nx;
    const y = Math.floor(i / nx) % ny;
    const z = Math.floor(i / (nx * ny));
    out[k] = engine.resolutionAt(maps.half1, maps.half2, dims, x, y, z);
  }
  return out;
}
