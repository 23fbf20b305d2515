import { basename } from 'node:path';
import type { AnyProtocol } from '../protocol/Protocol.js';
import type { AnyParamValue } from '../protocol/ParamSpec.js';
import type { ArtifactRef } from '../protocol/ArtifactRef.js';
import type { FileDigestCache } from '../store/FileDigestCache.js';
import { moduleCodeDigest } from '../plugins/moduleCodeDigest.js';
import { moduleOfProtocol } from '../plugins/ProtocolRegistry.js';
import { storeFormat, type StepKeyMaterial } from '../store/StepManifest.js';

/**
 * What a step's cache key is made of: protocol id and declared version, the digest of the code of
 * the module that registered it (with its local imports), validated params (a
 * `path` param counts by its content and base name, not by its folder), and the digests of the
 * input artifacts in binding order.
 *
 * A step's resources (threads, memory, time limit) are deliberately not part of it: they change
 * how a step runs, not what it computes, so a step retried with more memory, or run with other
 * limits on another machine or under Slurm, keeps its key and its stored result stays valid.
 */
export async function stepKeyMaterial(
  protocol: AnyProtocol,
  params: Readonly<Record<string, AnyParamValue>>,
  inputs: Readonly<Record<string, ArtifactRef[]>>,
  digests: FileDigestCache,
  /** Module file → code digest, shared by the steps of one run (the code is read once per run). */
  codeDigests: Map<string, string> = new Map(),
): Promise<StepKeyMaterial> {
  const keyParams: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    keyParams[name] = protocol.params[name]?.type === 'path' ? { file: basename(value as string), sha256: await digests.digest(value as string) } : value;
  }
  const keyInputs: Record<string, string[]> = {};
  for (const [port, refs] of Object.entries(inputs)) keyInputs[port] = refs.map((ref) => ref.digest);
  const module = moduleOfProtocol(protocol);
  let code = module ? codeDigests.get(module) : undefined;
  if (module && code === undefined) {
    code = moduleCodeDigest(module);
    codeDigests.set(module, code);
  }
  return { format: storeFormat, protocol: protocol.id, version: protocol.version, ...(code !== undefined ? { code } : {}), params: keyParams, inputs: keyInputs };
}
