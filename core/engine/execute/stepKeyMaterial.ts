import { basename } from 'node:path';
import type { AnyProtocol } from '../protocol/Protocol.js';
import type { AnyParamValue } from '../protocol/ParamSpec.js';
import type { ArtifactRef } from '../protocol/ArtifactRef.js';
import type { FileDigestCache } from '../store/FileDigestCache.js';
import { storeFormat, type StepKeyMaterial } from '../store/StepManifest.js';

/**
 * What a step's cache key is made of: protocol id and declared version, validated params (a
 * `path` param counts by its content and base name, not by its folder), and the digests of the
 * input artifacts in binding order.
 */
export async function stepKeyMaterial(
  protocol: AnyProtocol,
  params: Readonly<Record<string, AnyParamValue>>,
  inputs: Readonly<Record<string, ArtifactRef[]>>,
  digests: FileDigestCache,
): Promise<StepKeyMaterial> {
  const keyParams: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    keyParams[name] = protocol.params[name]?.type === 'path' ? { file: basename(value as string), sha256: await digests.digest(value as string) } : value;
  }
  const keyInputs: Record<string, string[]> = {};
  for (const [port, refs] of Object.entries(inputs)) keyInputs[port] = refs.map((ref) => ref.digest);
  return { format: storeFormat, protocol: protocol.id, version: protocol.version, params: keyParams, inputs: keyInputs };
}
