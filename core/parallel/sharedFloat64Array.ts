import { collectGarbage } from './collectGarbage.js';

/**
 * Bytes of shared memory allocated through sharedFloat64Array since the last forced collection
 * after which a collection runs before the next allocation. Bounds the dropped-but-not-collected
 * shared memory (see collectGarbage) to about this much.
 */
export const SHARED_GARBAGE_LIMIT = 512 * 1024 * 1024;

let allocatedSinceCollection = 0;

/**
 * A zero-filled Float64Array on a SharedArrayBuffer, for data that worker threads read and write.
 * Collects garbage first when much shared memory was allocated since the last collection, because
 * V8 alone would not reclaim the dropped shared arrays.
 */
export function sharedFloat64Array(length: number): Float64Array {
  const bytes = 8 * length;
  if (allocatedSinceCollection > 0 && allocatedSinceCollection + bytes > SHARED_GARBAGE_LIMIT) {
    collectGarbage();
    allocatedSinceCollection = 0;
  }
  allocatedSinceCollection += bytes;
  return new Float64Array(new SharedArrayBuffer(bytes));
}

/** True when the array's memory is a SharedArrayBuffer (visible to worker threads). */
export function isSharedArray(array: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && array.buffer instanceof SharedArrayBuffer;
}
