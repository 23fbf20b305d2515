/** Settings from a vrs.config.{yaml,yml,json} file, with relative paths already resolved. */
export interface VrsConfig {
  /** The configuration file, when one was found. */
  file?: string;
  /** Plugin module files to load after the built-in protocols, in order. */
  plugins: string[];
  /** Load the package's own protocols (default true). */
  builtinProtocols: boolean;
  /** Shared step store folder, when configured. */
  store?: string;
  /** Default concurrency limit. */
  jobs?: number;
}
