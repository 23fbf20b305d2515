import { irfft3d, MIN_PARALLEL_VOXELS, rfft3d } from '../../fft/index.js';
import { defaultThreadCount, isSharedArray, sharedFloat64Array, WorkerPool } from '../../parallel/index.js';
import type { Vec3 } from '../../volume/index.js';
import { rieszComponentSpectrum } from '../monogenicAmplitude.js';
import {
  monoResAmplitudePlan,
  runMonoResAmplitudeStage,
  type MonoResAmplitudeBuffers,
  type MonoResAmplitudePhase,
  type MonoResAmplitudePlan,
  type MonoResAmplitudeStage,
  type MonoResComponent,
} from './monoResAmplitudeStages.js';

export interface MonoResAmplitudesOptions {
  /** Worker threads (default: core/parallel's default); 1 computes in the calling thread. */
  threads?: number;
  /** Raised-cosine tail width of the high-pass and of the smoothing low-pass (digital; MonoRes 0.02). */
  tailWidth?: number;
  /** Highest frequency that will be asked for (sizes the workspaces; default ½). */
  maxFrequency?: number;
}

/**
 * MonoRes's smoothed monogenic amplitudes of one map (algorithms §3.5 step 6), frequency after
 * frequency: the map is high-passed at f (raised-cosine tail from max(0, f − w) to f), its
 * monogenic amplitude √(a0² + ax² + ay² + az²) is taken and low-passed (raised-cosine tail from f to
 * min(½, f + w)), w = 0.02. `create` transforms the map once and keeps its spectrum and full-band
 * Riesz maps; each `atFrequency` then costs about half of the six full 3D FFTs the direct
 * computation needs (see monoResAmplitudeStages), on worker threads. Call `close` when done.
 */
export class MonoResAmplitudes {
  private constructor(
    readonly dims: Vec3,
    private readonly buffers: MonoResAmplitudeBuffers,
    private readonly pool: WorkerPool<MonoResAmplitudeStage, null> | null,
    private readonly parts: number,
    readonly tailWidth: number,
  ) {}

  static async create(map: Float32Array | Float64Array, dims: Vec3, opts: MonoResAmplitudesOptions = {}): Promise<MonoResAmplitudes> {
    const voxels = dims[0] * dims[1] * dims[2];
    if (map.length !== voxels) throw new RangeError(`MonoResAmplitudes: map has ${map.length} values, dims ${dims.join('×')} need ${voxels}`);
    const tailWidth = opts.tailWidth ?? 0.02;
    if (!(tailWidth >= 0)) throw new RangeError(`MonoResAmplitudes: tail width must be >= 0, got ${tailWidth}`);
    const requested = opts.threads ?? defaultThreadCount();
    const threads = voxels < MIN_PARALLEL_VOXELS ? 1 : requested;
    const shared = threads > 1;
    const f64 = (n: number) => (shared ? sharedFloat64Array(n) : new Float64Array(n));
    const fftOpts = { threads: requested };

    const transformed = await rfft3d(map, dims, fftOpts);
    const spectrum = shared && !isSharedArray(transformed) ? copyTo(f64(transformed.length), transformed) : transformed;
    const work = f64(spectrum.length);
    const f32 = (n: number) => (shared ? new Float32Array(new SharedArrayBuffer(4 * n)) : new Float32Array(n));
    const riesz: Float32Array[] = [];
    const real = f64(voxels);
    for (const axis of [0, 1, 2] as const) {
      rieszComponentSpectrum(spectrum, dims, axis, work);
      await irfft3d(work, dims, { ...fftOpts, overwriteInput: true, out: real });
      riesz.push(f32(voxels));
      riesz[axis]!.set(real);
    }
    const mapCopy = f32(voxels);
    mapCopy.set(map);

    const maxF = Math.min(0.5, opts.maxFrequency ?? 0.5);
    const widest = monoResAmplitudePlan(dims, maxF, Math.max(0, maxF - tailWidth), Math.min(0.5, maxF + tailWidth));
    // One component's low band and the smoothing band each fit in a half spectrum, and they are
    // never in use together: the spectrum-sized scratch of the Riesz maps serves as both.
    const lowLength = 2 * widest.lowKx * widest.lowY.length * dims[2];
    const smoothLength = 2 * widest.smoothKx * widest.smoothY.length * dims[2];
    if (lowLength > work.length || smoothLength > work.length) throw new Error('MonoResAmplitudes: a band is larger than the half spectrum');
    const buffers: MonoResAmplitudeBuffers = {
      dims: [...dims],
      spectrum,
      map: mapCopy,
      rieszX: riesz[0]!,
      rieszY: riesz[1]!,
      rieszZ: riesz[2]!,
      low: work,
      smooth: work,
      out: f32(voxels),
    };
    const pool = shared ? new WorkerPool<MonoResAmplitudeStage, null>(import.meta.url, 'monoResAmplitude.worker', threads) : null;
    return new MonoResAmplitudes([...dims], buffers, pool, 3 * threads, tailWidth);
  }

  /** The map's r2c half spectrum (numpy scaling). */
  get spectrum(): Float64Array {
    return this.buffers.spectrum;
  }

  /** High-pass tail start fH and smoothing tail end fL used at frequency f. */
  tails(frequency: number): { highStart: number; lowEnd: number } {
    return { highStart: Math.max(0, frequency - this.tailWidth), lowEnd: Math.min(0.5, frequency + this.tailWidth) };
  }

  /** Full-band monogenic amplitude √(V² + Σ(R_kV)²), no filtering (the single-map mask refinement). */
  fullBandAmplitude(out: Float64Array = new Float64Array(this.buffers.map.length)): Float64Array {
    const { map, rieszX, rieszY, rieszZ } = this.buffers;
    for (let i = 0; i < map.length; i++) {
      out[i] = Math.sqrt(map[i]! * map[i]! + rieszX[i]! * rieszX[i]! + rieszY[i]! * rieszY[i]! + rieszZ[i]! * rieszZ[i]!);
    }
    return out;
  }

  /**
   * The smoothed amplitude at digital frequency f (0 < f ≤ ½). The returned array is reused by the
   * next call: copy it to keep it.
   */
  async atFrequency(frequency: number, signal?: AbortSignal): Promise<Float32Array> {
    if (!(frequency > 0 && frequency <= 0.5)) throw new RangeError(`MonoRes frequency must be in (0, 0.5], got ${frequency}`);
    const { highStart, lowEnd } = this.tails(frequency);
    const plan = monoResAmplitudePlan(this.dims, frequency, highStart, lowEnd);
    const needLow = 2 * plan.lowKx * plan.lowY.length * this.dims[2];
    const needSmooth = 2 * plan.smoothKx * plan.smoothY.length * this.dims[2];
    if (needLow > this.buffers.low.length || needSmooth > this.buffers.smooth.length) {
      throw new RangeError(`MonoRes frequency ${frequency} is above the maxFrequency the workspaces were sized for`);
    }
    const nz = this.dims[2];
    for (const component of [0, 1, 2, 3] as const) {
      await this.runPhase(1, component, plan.lowY.length, plan, signal);
      await this.runPhase(2, component, nz, plan, signal);
    }
    await this.runPhase(3, 0, nz, plan, signal);
    await this.runPhase(4, 0, plan.smoothY.length, plan, signal);
    await this.runPhase(5, 0, nz, plan, signal);
    return this.buffers.out;
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  private async runPhase(
    phase: MonoResAmplitudePhase, component: MonoResComponent, extent: number, plan: MonoResAmplitudePlan, signal: AbortSignal | undefined,
  ): Promise<void> {
    signal?.throwIfAborted();
    const count = this.pool === null ? 1 : Math.max(1, Math.min(extent, this.parts));
    const stages: MonoResAmplitudeStage[] = Array.from({ length: count }, (_, p) => ({
      phase,
      component,
      from: Math.floor((p * extent) / count),
      to: Math.floor(((p + 1) * extent) / count),
      buffers: this.buffers,
      plan,
    }));
    if (this.pool === null) for (const stage of stages) runMonoResAmplitudeStage(stage);
    else await this.pool.runAll(stages);
  }
}

function copyTo(target: Float64Array, source: Float64Array): Float64Array {
  target.set(source);
  return target;
}
