// Worker-thread entry for steps with `execution: 'worker'`: loads the plugin module that defines
// the protocol, runs the step, and reports progress and the result to the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { loadProtocolRegistry } from '../plugins/loadProtocolRegistry.js';
import { executeProtocol } from './executeProtocol.js';
import { serializeStepError } from './StepError.js';
import type { StepWorkerData, StepWorkerMessage } from './StepWorkerMessage.js';

const port = parentPort!;
const { request, moduleFile } = workerData as StepWorkerData;
const controller = new AbortController();
port.on('message', (message: { type: string }) => {
  if (message.type === 'abort') controller.abort(new Error('the run was interrupted'));
});
const post = (message: StepWorkerMessage) => port.postMessage(message);

try {
  const registry = await loadProtocolRegistry([moduleFile]);
  const protocol = registry.get(request.protocolId);
  if (!protocol) throw new Error(`protocol ${request.protocolId} is not registered by ${moduleFile}`);
  const outputs = await executeProtocol(protocol, request, {
    signal: controller.signal,
    progress: (fraction, message) => post({ type: 'progress', fraction, ...(message !== undefined ? { message } : {}) }),
  });
  post({ type: 'done', outputs });
} catch (error) {
  post({ type: 'error', error: serializeStepError(error) });
} finally {
  port.close();
}
