import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readMap, readMask } from '../../io/index.js';
import type { SectionResult } from '../../report/index.js';
import type { ArtifactKind } from '../protocol/ArtifactKind.js';
import type { ArtifactRef } from '../protocol/ArtifactRef.js';
import type { InputPortSpecs } from '../protocol/PortSpec.js';
import type { LoadedFigure, LoadedSection, StepInputs } from '../protocol/ProtocolContext.js';
import type { BinaryMask, Volume } from '../../volume/index.js';

/**
 * Volumes and masks of the run held in memory (see SharedVolume), by artifact: a decoded copy, or
 * undefined to read the stored file.
 */
export type InMemoryVolumes = (artifact: ArtifactRef) => Volume<Float32Array> | BinaryMask | undefined;

/** Input access for one step over the artifacts bound to its ports. */
export function createStepInputs(protocolId: string, specs: InputPortSpecs, bound: Readonly<Record<string, ArtifactRef[]>>, inMemory?: InMemoryVolumes): StepInputs {
  const all = (port: string): ArtifactRef[] => {
    if (!Object.hasOwn(specs, port)) throw new Error(`${protocolId} has no input "${port}" (inputs: ${Object.keys(specs).join(', ') || 'none'})`);
    return bound[port] ?? [];
  };
  const ref = (port: string, kinds?: readonly ArtifactKind[]): ArtifactRef => {
    const refs = all(port);
    if (refs.length === 0) throw new Error(`${protocolId}: input "${port}" is not bound (check inputs.has("${port}") for optional inputs)`);
    if (refs.length > 1) throw new Error(`${protocolId}: input "${port}" holds ${refs.length} artifacts; use inputs.all("${port}")`);
    const artifact = refs[0]!;
    if (kinds && !kinds.includes(artifact.kind)) throw new Error(`${protocolId}: input "${port}" is a ${artifact.kind}, not a ${kinds.join(' or ')}`);
    if (artifact.failure && artifact.kind !== 'section') throw new Error(`${protocolId}: input "${port}" is missing: ${artifact.failure.reason}`);
    return artifact;
  };
  return {
    has: (port) => all(port).length > 0,
    ref: (port) => ref(port),
    all,
    path: (port) => ref(port).path,
    volume: async (port) => {
      const artifact = ref(port, ['volume']);
      return (inMemory?.(artifact) as Volume<Float32Array> | undefined) ?? (await readMap(artifact.path)).volume;
    },
    mask: async (port) => {
      const artifact = ref(port, ['mask']);
      return (inMemory?.(artifact) as BinaryMask | undefined) ?? readMask(artifact.path);
    },
    json: async <T>(port: string) => readJson<T>(ref(port, ['json', 'table']).path),
    table: async <T>(port: string) => readJson<T>(ref(port, ['table', 'json']).path),
    figure: async (port) => loadFigure(ref(port, ['figure'])),
    section: async (port) => (await loadSection(ref(port, ['section']))).section,
    sections: async (port) => Promise.all(all(port).map(loadSection)),
  };
}

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

async function loadFigure(artifact: ArtifactRef): Promise<LoadedFigure> {
  const { caption } = await readJson<{ caption: string }>(join(artifact.path, 'figure.json'));
  return { pngPath: join(artifact.path, 'figure.png'), caption };
}

/** A stored section, or the placeholder standing in for a failed producer. */
export async function loadSection(artifact: ArtifactRef): Promise<LoadedSection> {
  if (artifact.failure) return { section: artifact.failure.section, dir: '' };
  if (artifact.kind !== 'section') throw new Error(`artifact from ${artifact.producer.step}.${artifact.producer.port} is a ${artifact.kind}, not a section`);
  return { section: await readJson<SectionResult>(join(artifact.path, 'section.json')), dir: artifact.path };
}
