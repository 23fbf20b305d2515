// Entry of a long-lived step worker (StepWorkerPool): runs one step after another, each plugin
// module loaded once, so a step costs its computation and not a thread start and a module load.
import { parentPort } from 'node:worker_threads';
import { collectFftWorkerGarbage } from '../../fft/index.js';
import { collectGarbage } from '../../parallel/index.js';
import { loadProtocolRegistry } from '../plugins/loadProtocolRegistry.js';
import type { ProtocolRegistry } from '../plugins/ProtocolRegistry.js';
import { runStepTask } from './runStepTask.js';
import type { StepWorkerCommand } from './StepWorkerMessage.js';

const port = parentPort!;
const registries = new Map<string, Promise<ProtocolRegistry>>();
let current: AbortController | undefined;

function registryOf(moduleFile: string): Promise<ProtocolRegistry> {
  let registry = registries.get(moduleFile);
  if (!registry) {
    registry = loadProtocolRegistry([moduleFile]);
    registries.set(moduleFile, registry);
    registry.catch(() => registries.delete(moduleFile));
  }
  return registry;
}

port.on('message', (command: StepWorkerCommand) => {
  if (command.type === 'abort') {
    current?.abort(new Error('the run was interrupted'));
    return;
  }
  if (command.type === 'load') {
    // A failed load is reported by the first step that needs the module.
    registryOf(command.moduleFile).catch(() => undefined);
    return;
  }
  const controller = new AbortController();
  current = controller;
  void runStepTask(command, registryOf, controller.signal, (message) => port.postMessage(message)).finally(() => {
    current = undefined;
    // The step's arrays are garbage now; shared ones do not count toward V8's memory pressure, so
    // without a collection here a worker running many steps would hold gigabytes of dead voxels —
    // in this thread and in the FFT threads it keeps from one step to the next.
    collectGarbage();
    collectFftWorkerGarbage();
  });
});
