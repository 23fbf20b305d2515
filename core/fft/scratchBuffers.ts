// Per-thread scratch for the batched line transforms: ping-pong buffers and a block buffer that
// only grow, so a 3D transform allocates nothing per line. Each worker thread has its own copy of this module.

// The returned object is reused too: a task that allocates nothing keeps the worker's young
// generation quiet, which the worker's garbage collection of shared arrays relies on (serveTasks).
const buffers = { a: new Float64Array(0), b: new Float64Array(0), c: new Float64Array(0) };

/** Three distinct buffers of at least `size` doubles each; valid until the next call. */
export function scratchBuffers(size: number): { readonly a: Float64Array; readonly b: Float64Array; readonly c: Float64Array } {
  if (buffers.a.length < size) {
    buffers.a = new Float64Array(size);
    buffers.b = new Float64Array(size);
    buffers.c = new Float64Array(size);
  }
  return buffers;
}
