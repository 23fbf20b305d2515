import { loadProtocolRegistry, loadVrsConfig, packageModule, resolvePluginModule, type ProtocolRegistry, type VrsConfig } from '../engine/index.js';
import type { CliIo } from './CliIo.js';
import type { GlobalOptions } from './CliContext.js';

export interface CliEnvironment {
  config: VrsConfig;
  registry: ProtocolRegistry;
}

/**
 * The configuration (--config, VRS_CONFIG or ./vrs.config.*) and the protocol registry: the
 * package's built-in protocols module, then configured plugins, then --plugin ones.
 */
export async function loadCliEnvironment(globals: GlobalOptions, io: CliIo): Promise<CliEnvironment> {
  const config = loadVrsConfig({ ...(globals.config ? { file: globals.config } : {}), cwd: io.cwd, env: io.env });
  const extra = (globals.plugin ?? []).map((reference) => resolvePluginModule(reference, io.cwd, '--plugin'));
  const modules = [...(config.builtinProtocols ? [packageModule('protocols/index')] : []), ...config.plugins, ...extra];
  return { config, registry: await loadProtocolRegistry([...new Set(modules)]) };
}

