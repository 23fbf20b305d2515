import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { readMapHeader } from '../../io/index.js';
import { Volume, type Vec3, type VolumeGeometry } from '../../volume/index.js';

/**
 * A volume or mask output of a step, in shared memory for the steps of the same run that read it:
 * its voxels on a SharedArrayBuffer (float32 for a volume, 0/1 bytes for a mask), the geometry a
 * reader of the stored file gets, and the file's bytes before the voxels (so that the file's
 * digest can be checked against memory). It travels between worker threads without a copy.
 */
export interface SharedVolume {
  kind: 'volume' | 'mask';
  buffer: SharedArrayBuffer;
  geometry: VolumeGeometry;
  /** The stored file's header (and extended header): the file is these bytes, then the voxels. */
  header: Uint8Array;
}

/**
 * Copies a volume or mask just written to `file` into shared memory. The geometry is read back
 * from the file's header, so a consumer sees the voxel size and origin exactly as reading the
 * stored file gives them (the header keeps them as float32), and the voxels are the bytes the
 * file holds (float32 little-endian, or mode-0 bytes of 0 and 1): a consumer gets the same values,
 * bit for bit, from memory as from the store.
 */
export async function shareVolume(kind: SharedVolume['kind'], volume: Volume<Float32Array | Uint8Array>, file: string): Promise<SharedVolume> {
  const summary = await readMapHeader(file);
  const handle = await open(file, 'r');
  let header: Uint8Array;
  try {
    const headerLength = (await handle.stat()).size - volume.data.byteLength;
    header = new Uint8Array(headerLength);
    await handle.read(header, 0, headerLength, 0);
  } finally {
    await handle.close();
  }
  const buffer = new SharedArrayBuffer(volume.data.byteLength);
  const data = kind === 'volume' ? new Float32Array(buffer) : new Uint8Array(buffer);
  data.set(volume.data);
  return { kind, buffer, header, geometry: { dims: [...summary.dims] as Vec3, voxelSize: [...summary.voxelSize] as Vec3, origin: [...summary.origin] as Vec3 } };
}

/**
 * The shared volume as a Volume over the shared voxels, without a copy: every step that reads it
 * sees the same array, so steps must not write into their input volumes (a test run with
 * VRS_VERIFY_HANDOFF=1 checks it after every step, see sharedVolumeUnchanged). The geometry is
 * the step's own.
 */
export function volumeFromShared(shared: SharedVolume): Volume<Float32Array> | Volume<Uint8Array> {
  const geometry: VolumeGeometry = { dims: [...shared.geometry.dims] as Vec3, voxelSize: [...shared.geometry.voxelSize] as Vec3, origin: [...shared.geometry.origin] as Vec3 };
  return shared.kind === 'volume' ? new Volume(new Float32Array(shared.buffer), geometry) : new Volume(new Uint8Array(shared.buffer), geometry);
}

/** True when the shared voxels still hash, with the header, to the stored file's digest. */
export function sharedVolumeUnchanged(shared: SharedVolume, digest: string): boolean {
  return createHash('sha256').update(shared.header).update(new Uint8Array(shared.buffer)).digest('hex') === digest;
}
