import { readMapHeader } from '../../io/index.js';
import { Volume, type Vec3, type VolumeGeometry } from '../../volume/index.js';

/**
 * A volume or mask output of a step, in shared memory for the steps of the same run that read it:
 * its voxels on a SharedArrayBuffer (float32 for a volume, 0/1 bytes for a mask) and the geometry
 * a reader of the stored file gets. It travels between worker threads without a copy.
 */
export interface SharedVolume {
  kind: 'volume' | 'mask';
  buffer: SharedArrayBuffer;
  geometry: VolumeGeometry;
}

/**
 * Copies a volume or mask just written to `file` into shared memory. The geometry is read back
 * from the file's header, so a consumer sees the voxel size and origin exactly as reading the
 * stored file gives them (the header keeps them as float32), and the voxels are the bytes the
 * file holds: a consumer gets the same values, bit for bit, from memory as from the store.
 */
export async function shareVolume(kind: SharedVolume['kind'], volume: Volume<Float32Array | Uint8Array>, file: string): Promise<SharedVolume> {
  const header = await readMapHeader(file);
  const buffer = new SharedArrayBuffer(volume.data.byteLength);
  const data = kind === 'volume' ? new Float32Array(buffer) : new Uint8Array(buffer);
  data.set(volume.data);
  return { kind, buffer, geometry: { dims: [...header.dims] as Vec3, voxelSize: [...header.voxelSize] as Vec3, origin: [...header.origin] as Vec3 } };
}

/**
 * A consumer's own copy of a shared volume: steps may change the arrays they are given, and the
 * shared one must stay as its producer wrote it for every other consumer.
 */
export function volumeFromShared(shared: SharedVolume): Volume<Float32Array> | Volume<Uint8Array> {
  const geometry: VolumeGeometry = { dims: [...shared.geometry.dims] as Vec3, voxelSize: [...shared.geometry.voxelSize] as Vec3, origin: [...shared.geometry.origin] as Vec3 };
  return shared.kind === 'volume' ? new Volume(new Float32Array(shared.buffer).slice(), geometry) : new Volume(new Uint8Array(shared.buffer).slice(), geometry);
}
