// Worker-thread entry for a step that runs in a worker of its own (a declared heap limit or thread
// count, see StepWorkerPool).
import { parentPort, workerData } from 'node:worker_threads';
import { loadProtocolRegistry } from '../plugins/loadProtocolRegistry.js';
import { runStepTask } from './runStepTask.js';
import type { StepTask } from './StepWorkerMessage.js';

const port = parentPort!;
const controller = new AbortController();
port.on('message', (message: { type: string }) => {
  if (message.type === 'abort') controller.abort(new Error('the run was interrupted'));
});
await runStepTask(workerData as StepTask, (moduleFile) => loadProtocolRegistry([moduleFile]), controller.signal, (message) => port.postMessage(message));
port.close();
