// Per-thread scratch for the batched line transforms: two ping-pong buffers that only grow, so a
// 3D transform allocates nothing per line. Each worker thread has its own copy of this module.

let first = new Float64Array(0);
let second = new Float64Array(0);

/** Two distinct buffers of at least `size` doubles each; valid until the next call. */
export function scratchBuffers(size: number): { a: Float64Array; b: Float64Array } {
  if (first.length < size) {
    first = new Float64Array(size);
    second = new Float64Array(size);
  }
  return { a: first, b: second };
}
