// Worker thread of blocRes: local resolutions of one chunk of evaluation points. The half maps
// sit in a nested object on shared memory, so serveTasks does not count them as fresh shared
// memory per task (they stay alive in the calling thread for the whole run).
import { serveTasks } from '../../parallel/index.js';
import { runBlocResChunk, type BlocResChunk } from './blocResChunk.js';

serveTasks<BlocResChunk, Float32Array>((chunk) => runBlocResChunk(chunk));
