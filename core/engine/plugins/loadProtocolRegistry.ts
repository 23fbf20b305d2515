import { Container, ContainerModule } from 'inversify';
import { createPluginHost } from './createPluginHost.js';
import { importPluginModule } from './importPluginModule.js';
import { PROTOCOL } from './PROTOCOL.js';
import { ProtocolRegistry, type RegisteredProtocol } from './ProtocolRegistry.js';
import type { AnyProtocol } from '../protocol/Protocol.js';
import type { VrsPluginHost } from './VrsPluginHost.js';

/**
 * Loads plugin modules (absolute file paths, in order) into one inversify container and collects
 * the protocols they bind to PROTOCOL. Built-in protocols are loaded the same way, as a module.
 */
export async function loadProtocolRegistry(moduleFiles: readonly string[]): Promise<ProtocolRegistry> {
  const container = new Container();
  const host = createPluginHost();
  const entries: RegisteredProtocol[] = [];
  const seen = new Set<AnyProtocol>();
  for (const file of moduleFiles) {
    const containerModule = await containerModuleOf(file, host);
    await container.loadAsync(containerModule);
    for (const protocol of container.getAll<AnyProtocol>(PROTOCOL, { optional: true })) {
      if (seen.has(protocol)) continue;
      seen.add(protocol);
      if (!isProtocol(protocol)) throw new Error(`plugin ${file} bound something that is not a protocol (use defineProtocol)`);
      entries.push({ protocol, module: file });
    }
  }
  return new ProtocolRegistry(entries, container, moduleFiles);
}

async function containerModuleOf(file: string, host: VrsPluginHost): Promise<ContainerModule> {
  const exports = await importPluginModule(file);
  const exported = exports['default'];
  if (isContainerModule(exported)) return exported;
  if (typeof exported === 'function') {
    const built: unknown = await (exported as (host: VrsPluginHost) => unknown)(host);
    if (isContainerModule(built)) return built;
    throw new Error(`plugin ${file}: its default export is a function, but it did not return a ContainerModule (use host.ContainerModule)`);
  }
  throw new Error(`plugin ${file} must default-export a ContainerModule or a factory (host) => ContainerModule`);
}

// Duck-typed rather than instanceof: a plugin that bundles its own inversify still works.
function isContainerModule(value: unknown): value is ContainerModule {
  return value instanceof ContainerModule || (!!value && typeof value === 'object' && typeof (value as { load?: unknown }).load === 'function' && 'id' in value);
}

function isProtocol(value: unknown): value is AnyProtocol {
  const candidate = value as Partial<AnyProtocol> | null;
  return !!candidate && typeof candidate.id === 'string' && typeof candidate.run === 'function' && typeof candidate.version === 'string';
}
