import type { ContainerModule } from 'inversify';
import type { defineProtocol } from '../protocol/defineProtocol.js';
import type { PROTOCOL } from './PROTOCOL.js';

/** Version of the plugin contract; bumped on incompatible changes to VrsPluginHost. */
export const pluginApiVersion = 1;

/**
 * What the engine hands a plugin factory. A plugin takes everything it needs at run time from here
 * (inversify's ContainerModule, the PROTOCOL token, defineProtocol and core's public API) and
 * imports only types from 'cryo-vrs', so it never loads a second copy of inversify or of core.
 */
export interface VrsPluginHost {
  readonly apiVersion: typeof pluginApiVersion;
  /** Version of the cryo-vrs package running the plugin. */
  readonly engineVersion: string;
  readonly ContainerModule: typeof ContainerModule;
  readonly PROTOCOL: typeof PROTOCOL;
  readonly defineProtocol: typeof defineProtocol;
  /** core's public API (the module 'cryo-vrs' would give), e.g. `host.core.Volume`, `host.core.VrsInputError`. */
  readonly core: typeof import('../../index.js');
}

/** What a plugin module default-exports: a container module, or a factory that builds one. */
export type VrsPluginExport = ContainerModule | ((host: VrsPluginHost) => ContainerModule | Promise<ContainerModule>);
