// Worker thread of MonoResAmplitudes: runs one stage of the per-frequency amplitude per message,
// on shared memory (the big arrays sit in nested objects, so serveTasks does not count them as
// fresh shared memory to collect: they stay alive in the calling thread for the whole sweep).
import { serveTasks } from '../../parallel/index.js';
import { runMonoResAmplitudeStage, type MonoResAmplitudeStage } from './monoResAmplitudeStages.js';

serveTasks<MonoResAmplitudeStage, null>((stage) => {
  runMonoResAmplitudeStage(stage);
  return null;
});
