import { defaultThreadCount } from '../../parallel/index.js';
import type { AnyProtocol } from '../protocol/Protocol.js';
import type { ProtocolContext } from '../protocol/ProtocolContext.js';
import type { OutputValue } from '../protocol/OutputValue.js';
import { createStepInputs } from '../store/createStepInputs.js';
import type { ArtifactRecord } from '../store/StepManifest.js';
import { writeOutputs } from '../store/writeOutputs.js';
import { createStepLogger } from './createStepLogger.js';
import type { StepRequest } from './StepRequest.js';

export interface ExecuteHooks {
  signal: AbortSignal;
  progress(fraction: number, message?: string): void;
}

/**
 * Runs a protocol for one step and writes its outputs into the step's workspace. The same code
 * runs on the main thread and inside worker threads.
 */
export async function executeProtocol(protocol: AnyProtocol, request: StepRequest, hooks: ExecuteHooks): Promise<Record<string, ArtifactRecord>> {
  const logFiles = [request.workspace.logFile, ...(request.runLogFile ? [request.runLogFile] : [])];
  const { logger, close } = createStepLogger(request.step, logFiles);
  logger.info(`start ${protocol.id} ${protocol.version} (attempt ${request.attempt}, key ${request.workspace.key})`, { params: request.params });
  const started = performance.now();
  try {
    const context: ProtocolContext = {
      step: request.step,
      protocol: { id: protocol.id, version: protocol.version },
      params: request.params,
      inputs: createStepInputs(protocol.id, protocol.inputs, request.inputs),
      logger,
      scratchDir: request.workspace.scratchDir,
      signal: hooks.signal,
      // Read on demand: a malformed VRS_THREADS fails only the steps that ask for threads.
      get threads() {
        return request.threads ?? defaultThreadCount();
      },
      progress: (fraction, message) => {
        const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
        if (message !== undefined) logger.debug(message, { progress: clamped });
        hooks.progress(clamped, message);
      },
    };
    const outputs = (await protocol.run(context)) as Record<string, OutputValue | undefined>;
    hooks.signal.throwIfAborted();
    const records = await writeOutputs(protocol.id, protocol.outputs, outputs, request.workspace.dir);
    logger.info(`done in ${((performance.now() - started) / 1000).toFixed(3)} s`, { outputs: Object.fromEntries(Object.entries(records).map(([port, record]) => [port, record.digest])) });
    return records;
  } catch (error) {
    logger.error(`failed: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error && error.name !== 'VrsInputError' ? { stack: error.stack } : {});
    throw error;
  } finally {
    await close();
  }
}
