import ndarray, { type NdArray } from 'ndarray';

/** Three numbers in x, y, z order (never z, y, x). */
export type Vec3 = [number, number, number];

/** Voxel data types a Volume may hold. float32 is the storage type of maps; masks use uint8. */
export type VoxelArray = Float32Array | Float64Array | Uint8Array | Int32Array;

export interface VolumeGeometry {
  /** Grid size in voxels, [nx, ny, nz]; x is the fastest-varying axis in memory. */
  dims: Vec3;
  /** Voxel size in Å per axis, [sx, sy, sz]. Anisotropic voxels are kept, never averaged away. */
  voxelSize: Vec3;
  /** Position in Å of the centre of voxel (0,0,0), [ox, oy, oz]. */
  origin: Vec3;
}

/**
 * A 3D grid of voxels stored z-major ([z][y][x], x fastest), as MRC files, numpy and Xmipp store it.
 *
 * `array` is an ndarray view of shape [nz, ny, nx] for code that wants strides and views; kernels
 * that need speed use the flat `data` array with `index(x, y, z) = (z * ny + y) * nx + x`.
 */
export class Volume<T extends VoxelArray = Float32Array> {
  readonly array: NdArray<T>;

  constructor(
    readonly data: T,
    readonly geometry: VolumeGeometry,
  ) {
    const [nx, ny, nz] = geometry.dims;
    if (!(nx > 0 && ny > 0 && nz > 0) || ![nx, ny, nz].every(Number.isInteger)) {
      throw new RangeError(`Volume dims must be positive integers, got ${geometry.dims.join('×')}`);
    }
    if (data.length !== nx * ny * nz) {
      throw new RangeError(`Volume data has ${data.length} voxels, dims ${nx}×${ny}×${nz} need ${nx * ny * nz}`);
    }
    this.array = ndarray(data, [nz, ny, nx]);
  }

  get nx(): number {
    return this.geometry.dims[0];
  }
  get ny(): number {
    return this.geometry.dims[1];
  }
  get nz(): number {
    return this.geometry.dims[2];
  }
  get dims(): Vec3 {
    return this.geometry.dims;
  }
  get voxelSize(): Vec3 {
    return this.geometry.voxelSize;
  }
  get origin(): Vec3 {
    return this.geometry.origin;
  }
  get size(): number {
    return this.data.length;
  }
  /** True when all three voxel sizes agree to 1e-6 relative. */
  get isIsotropic(): boolean {
    const [a, b, c] = this.geometry.voxelSize;
    return Math.abs(a - b) <= 1e-6 * a && Math.abs(a - c) <= 1e-6 * a;
  }

  index(x: number, y: number, z: number): number {
    return (z * this.geometry.dims[1] + y) * this.geometry.dims[0] + x;
  }

  get(x: number, y: number, z: number): number {
    return this.data[this.index(x, y, z)]!;
  }

  /** A new volume with the same geometry and a fresh data array (copied, or of another type). */
  withData<U extends VoxelArray>(data: U): Volume<U> {
    return new Volume(data, cloneGeometry(this.geometry));
  }

  clone(): Volume<T> {
    return new Volume(this.data.slice() as T, cloneGeometry(this.geometry));
  }

  static zeros(dims: Vec3, voxelSize: Vec3 = [1, 1, 1], origin: Vec3 = [0, 0, 0]): Volume<Float32Array> {
    return new Volume(new Float32Array(dims[0] * dims[1] * dims[2]), { dims: [...dims], voxelSize: [...voxelSize], origin: [...origin] });
  }
}

export function cloneGeometry(g: VolumeGeometry): VolumeGeometry {
  return { dims: [...g.dims], voxelSize: [...g.voxelSize], origin: [...g.origin] };
}

/** A binary mask: 1 inside, 0 outside, one byte per voxel. */
export type BinaryMask = Volume<Uint8Array>;
