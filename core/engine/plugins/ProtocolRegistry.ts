import type { Container } from 'inversify';
import { VrsInputError } from '../../errors/index.js';
import type { AnyProtocol } from '../protocol/Protocol.js';

/** A protocol and the module that registered it (workers re-load that module to run it). */
export interface RegisteredProtocol {
  protocol: AnyProtocol;
  /** Absolute path of the plugin module file. */
  module: string;
}

/** The module that registered each protocol object (for the code digest in its steps' keys). */
const registeringModule = new WeakMap<AnyProtocol, string>();

/** The plugin module file a protocol was registered by, when it came through a registry. */
export function moduleOfProtocol(protocol: AnyProtocol): string | undefined {
  return registeringModule.get(protocol);
}

/** Every protocol the loaded plugin modules registered, by id. */
export class ProtocolRegistry {
  readonly #byId: ReadonlyMap<string, RegisteredProtocol>;

  constructor(
    entries: Iterable<RegisteredProtocol>,
    /** The inversify container the modules were loaded into (plugins may bind more than protocols). */
    readonly container?: Container,
    /** The plugin module files, in load order. */
    readonly modules: readonly string[] = [],
  ) {
    const byId = new Map<string, RegisteredProtocol>();
    for (const entry of entries) {
      const earlier = byId.get(entry.protocol.id);
      if (earlier) {
        // A configuration mistake (the same plugin twice under two paths, or two plugins claiming
        // one id), not a bug: said plainly, exit 2.
        throw new VrsInputError(
          `protocol ${entry.protocol.id} is registered twice: by ${earlier.module} and by ${entry.module}; load only one of them (vrs.config.yaml plugins, --plugin) or give one protocol another id`,
        );
      }
      byId.set(entry.protocol.id, entry);
      registeringModule.set(entry.protocol, entry.module);
    }
    this.#byId = byId;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  get(id: string): AnyProtocol | undefined {
    return this.#byId.get(id)?.protocol;
  }

  /** The module file that registered a protocol. */
  moduleOf(id: string): string | undefined {
    return this.#byId.get(id)?.module;
  }

  /** Every protocol, sorted by id. */
  list(): AnyProtocol[] {
    return [...this.#byId.values()].map((entry) => entry.protocol).sort((a, b) => a.id.localeCompare(b.id));
  }

  ids(): string[] {
    return [...this.#byId.keys()].sort();
  }
}
