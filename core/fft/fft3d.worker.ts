// Worker thread of the 3D FFT pool: runs one Fft3dStage per message on shared memory.
import { serveTasks } from '../parallel/index.js';
import { runFft3dStage, type Fft3dStage } from './fft3dStage.js';

serveTasks<Fft3dStage, null>((stage) => {
  runFft3dStage(stage);
  return null;
});
