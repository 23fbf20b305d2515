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
  /** EMDB archive folder for `vrs validate --emdb` and campaign rows with an EMDB id. */
  emdbArchive?: string;
  /** Campaigns on Slurm (`vrs campaign --executor slurm`). */
  slurm?: VrsSlurmSettings;
}

/** The `slurm:` settings (see core/engine/slurm/README.md). */
export interface VrsSlurmSettings {
  /** The cluster's job-completion file (`JobCompLoc`); default /var/lib/vrs-slurm/jobcomp.log (scripts/slurm). */
  jobCompLoc?: string;
  partition?: string;
  account?: string;
  extraArgs?: string[];
  /** `--cpus-per-task` of an entry's job (default 2). */
  cpusPerEntry?: number;
  safetyCheckMs?: number;
}
