import { join } from 'node:path';
import { defaultThreadCount } from '../../parallel/index.js';
import type { AnyProtocol } from '../protocol/Protocol.js';
import type { ProtocolContext } from '../protocol/ProtocolContext.js';
import type { OutputValue } from '../protocol/OutputValue.js';
import { createStepInputs } from '../store/createStepInputs.js';
import type { ArtifactRecord } from '../store/StepManifest.js';
import { writeOutputs } from '../store/writeOutputs.js';
import { createStepLogger } from './createStepLogger.js';
import { sharedVolumeUnchanged, shareVolume, volumeFromShared, type SharedVolume } from './SharedVolume.js';
import type { StepRequest } from './StepRequest.js';

export interface ExecuteHooks {
  signal: AbortSignal;
  progress(fraction: number, message?: string): void;
}

/** What a step exchanges through shared memory with the other steps of its run. */
export interface StepMemory {
  /** Volumes and masks already in memory, by artifact digest: read from here, not from the store. */
  inputs?: Readonly<Record<string, SharedVolume>>;
  /** When given, each volume and mask output of request.sharePorts is also copied here, by port, for the step's consumers. */
  outputs?: Record<string, SharedVolume>;
}

/**
 * Runs a protocol for one step and writes its outputs into the step's workspace. The same code
 * runs on the main thread and inside worker threads.
 */
export async function executeProtocol(protocol: AnyProtocol, request: StepRequest, hooks: ExecuteHooks, memory: StepMemory = {}): Promise<Record<string, ArtifactRecord>> {
  const logFiles = [request.workspace.logFile, ...(request.runLogFile ? [request.runLogFile] : [])];
  const { logger, close } = createStepLogger(request.step, logFiles);
  logger.info(`start ${protocol.id} ${protocol.version} (attempt ${request.attempt}, key ${request.workspace.key})`, { params: request.params });
  const started = performance.now();
  /** Inputs this step took from shared memory: digest → producer step.port. */
  const readFromMemory = new Map<string, string>();
  try {
    const context: ProtocolContext = {
      step: request.step,
      protocol: { id: protocol.id, version: protocol.version },
      params: request.params,
      inputs: createStepInputs(protocol.id, protocol.inputs, request.inputs, (artifact) => {
        const shared = memory.inputs?.[artifact.digest];
        // Only another step's output of the same kind (a parameter file with equal bytes is read as a file).
        if (!shared || shared.kind !== artifact.kind || artifact.producer.step === '$params') return undefined;
        logger.debug(`input ${artifact.producer.step}.${artifact.producer.port} read from memory, not from the store`, { digest: artifact.digest });
        readFromMemory.set(artifact.digest, `${artifact.producer.step}.${artifact.producer.port}`);
        return volumeFromShared(shared);
      }),
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
    if (process.env['VRS_VERIFY_HANDOFF'] === '1') {
      for (const [digest, source] of readFromMemory) {
        if (!sharedVolumeUnchanged(memory.inputs![digest]!, digest)) {
          throw new Error(`${protocol.id} wrote into its input ${source}, which other steps of the run share: copy it before changing it`);
        }
      }
    }
    const records = await writeOutputs(protocol.id, protocol.outputs, outputs, request.workspace.dir);
    if (memory.outputs) {
      for (const [port, record] of Object.entries(records)) {
        if (!request.sharePorts?.includes(port)) continue;
        const output = outputs[port];
        if ((output?.kind === 'volume' || output?.kind === 'mask') && record.kind === output.kind) {
          memory.outputs[port] = await shareVolume(output.kind, output.value, join(request.workspace.dir, record.path));
        }
      }
    }
    logger.info(`done in ${((performance.now() - started) / 1000).toFixed(3)} s`, { outputs: Object.fromEntries(Object.entries(records).map(([port, record]) => [port, record.digest])) });
    return records;
  } catch (error) {
    logger.error(`failed: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error && error.name !== 'VrsInputError' ? { stack: error.stack } : {});
    throw error;
  } finally {
    await close();
  }
}
