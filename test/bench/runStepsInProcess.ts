// The "same computations in one process" of the level-0 bench: each step's protocol `run` called
// directly, in dependency order, with its inputs handed over as the values its producers returned —
// no worker thread, no store, no file written or read, no hash. What the engine adds on top of
// these times is its overhead.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, transports } from 'winston';
import { defaultThreadCount, type AnyParamValue, type OutputValue, type ProtocolContext, type StepInputs, type Workflow } from '../../core/index.js';
import { bindStepParams } from '../../core/engine/execute/bindStepParams.js';

/** Runs `steps` (names, any order, each one's producers among them) and returns each one's time in ms. */
export async function runStepsInProcess(workflow: Workflow, params: Record<string, AnyParamValue>, steps: ReadonlySet<string>): Promise<Map<string, number>> {
  const values = bindStepParams(workflow, params);
  const outputs = new Map<string, Record<string, OutputValue | undefined>>();
  const times = new Map<string, number>();
  const scratch = mkdtempSync(join(tmpdir(), 'vrs-bench-direct-'));
  const quiet = createLogger({ transports: [new transports.Stream({ stream: new Writable({ objectMode: true, write: (_entry, _encoding, done) => done() }) })] });
  try {
    const pending = workflow.steps.filter((step) => steps.has(step.name));
    while (pending.length > 0) {
      const index = pending.findIndex((step) => step.upstream.every((name) => outputs.has(name)));
      if (index < 0) throw new Error(`steps ${pending.map((step) => step.name).join(', ')} need steps outside the set`);
      const step = pending.splice(index, 1)[0]!;
      const value = (port: string): unknown => {
        const source = step.inputs[port]?.find((candidate) => candidate.kind === 'output');
        if (!source || source.kind !== 'output') throw new Error(`${step.name}: input ${port} is not bound to a step output`);
        return outputs.get(source.step)?.[source.port]?.value;
      };
      const unavailable = (): never => {
        throw new Error(`${step.name}: this input accessor is not available in the in-process run`);
      };
      const inputs: StepInputs = {
        has: (port) => value(port) !== undefined,
        volume: async (port) => value(port) as never,
        mask: async (port) => value(port) as never,
        json: async (port) => value(port) as never,
        table: async (port) => value(port) as never,
        ref: unavailable,
        all: unavailable,
        path: unavailable,
        figure: unavailable,
        section: unavailable,
        sections: unavailable,
      };
      const has = inputs.has;
      inputs.has = (port) => Object.hasOwn(step.inputs, port) && has(port);
      const context: ProtocolContext = {
        step: step.name,
        protocol: { id: step.protocol.id, version: step.protocol.version },
        params: values.get(step.name)!,
        inputs,
        logger: quiet,
        scratchDir: scratch,
        signal: new AbortController().signal,
        threads: defaultThreadCount(),
        progress: () => undefined,
      } as ProtocolContext;
      const started = performance.now();
      outputs.set(step.name, (await step.protocol.run(context)) as Record<string, OutputValue | undefined>);
      times.set(step.name, performance.now() - started);
    }
    return times;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
