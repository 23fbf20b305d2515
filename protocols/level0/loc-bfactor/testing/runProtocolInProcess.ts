// Test helper: runs a protocol's `run` in this process on in-memory inputs (volumes and masks),
// with its parameter defaults applied and a silent logger — for the cases that need no engine.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import winston from 'winston';
import { validateParams, type AnyProtocol, type BinaryMask, type ProtocolContext, type StepInputs, type Volume } from '../../../../core/index.js';

/** A non-volume input of a test run: a JSON value, or a file (kinds model/file) by its path. */
export type InProcessInput = { json: unknown } | { path: string };

export async function runProtocolInProcess(
  protocol: AnyProtocol,
  inputs: Record<string, Volume<Float32Array> | BinaryMask | InProcessInput | undefined>,
  params: Record<string, unknown>,
): Promise<Record<string, { kind: string; value: unknown; files?: Record<string, Uint8Array> } | undefined>> {
  const { values, problems } = validateParams(protocol.params, params);
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
  const unsupported = (what: string) => () => {
    throw new Error(`runProtocolInProcess: ${what} is not available in-process`);
  };
  const stepInputs: StepInputs = {
    has: (port) => inputs[port] !== undefined,
    ref: unsupported('ref'),
    all: unsupported('all'),
    path: (port) => {
      const input = inputs[port];
      if (input && 'path' in input) return input.path;
      return unsupported(`path of ${port}`)();
    },
    volume: async (port) => inputs[port] as Volume<Float32Array>,
    mask: async (port) => inputs[port] as BinaryMask,
    json: async <T>(port: string) => {
      const input = inputs[port];
      if (input && 'json' in input) return structuredClone(input.json) as T;
      return unsupported(`json of ${port}`)();
    },
    table: unsupported('table'),
    figure: unsupported('figure'),
    section: unsupported('section'),
    sections: unsupported('sections'),
  };
  const context: ProtocolContext = {
    step: 'test',
    protocol: { id: protocol.id, version: protocol.version },
    params: values,
    inputs: stepInputs,
    logger: winston.createLogger({ silent: true }),
    scratchDir: mkdtempSync(join(tmpdir(), 'vrs-protocol-')),
    signal: new AbortController().signal,
    progress: () => {},
  };
  return (await protocol.run(context)) as Record<string, { kind: string; value: unknown; files?: Record<string, Uint8Array> } | undefined>;
}
