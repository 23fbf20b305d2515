import type { PermutationSettings } from './shellPermutationTest.js';

/** One shell's permutation test as sent to a worker: its subsample is a[offset…], b[offset…] (complex). */
export interface ShellTask {
  shell: number;
  a: Float64Array;
  b: Float64Array;
  offset: number;
  count: number;
  trueFsc: number;
  seed: number;
  settings: PermutationSettings;
}
