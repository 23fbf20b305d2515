// Worker thread of fdrFsc: the permutation test of one Fourier shell per message, on the shared
// subsample arrays (each shell owns its slice of b, which the test shuffles in place).
import { serveTasks } from '../../parallel/index.js';
import { PermutationRandom } from './permutationRandom.js';
import { shellPermutationTest, type PermutationOutcome } from './shellPermutationTest.js';
import type { ShellTask } from './ShellTask.js';

serveTasks<ShellTask, PermutationOutcome>((task) =>
  shellPermutationTest(task.a, task.b, task.offset, task.count, task.trueFsc, new PermutationRandom(task.seed), task.settings));
