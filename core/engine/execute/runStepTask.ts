import type { ProtocolRegistry } from '../plugins/ProtocolRegistry.js';
import { executeProtocol } from './executeProtocol.js';
import type { SharedVolume } from './SharedVolume.js';
import { serializeStepError } from './StepError.js';
import type { StepTask, StepWorkerMessage } from './StepWorkerMessage.js';

/**
 * Inside a step worker: runs one step and posts its progress and its end ('done' with the stored
 * records and the outputs put in shared memory, or 'error'). Never throws.
 */
export async function runStepTask(
  { request, moduleFile, memoryInputs }: StepTask,
  registryOf: (moduleFile: string) => Promise<ProtocolRegistry>,
  signal: AbortSignal,
  post: (message: StepWorkerMessage) => void,
): Promise<void> {
  try {
    const protocol = (await registryOf(moduleFile)).get(request.protocolId);
    if (!protocol) throw new Error(`protocol ${request.protocolId} is not registered by ${moduleFile}`);
    const shared: Record<string, SharedVolume> = {};
    const hooks = { signal, progress: (fraction: number, message?: string) => post({ type: 'progress', fraction, ...(message !== undefined ? { message } : {}) }) };
    const outputs = await executeProtocol(protocol, request, hooks, { inputs: memoryInputs, outputs: shared });
    post({ type: 'done', outputs, shared });
  } catch (error) {
    post({ type: 'error', error: serializeStepError(error) });
  }
}
