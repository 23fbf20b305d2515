// Worker thread of monoDir: one direction's sweep per task, on shared memory.
import { serveTasks } from '../../parallel/index.js';
import { directionResolution, type DirectionRecord, type DirectionTask } from './directionResolution.js';

serveTasks<DirectionTask, DirectionRecord>((task) => directionResolution(task));
