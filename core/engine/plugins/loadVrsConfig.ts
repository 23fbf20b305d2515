import { existsSync } from 'node:fs';
import { readYamlText, yamlAliasError, yamlLimits } from '../workflow/yamlLimits.js';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { VrsInputError } from '../../errors/index.js';
import { resolvePluginModule } from './resolvePluginModule.js';
import type { VrsConfig, VrsSlurmSettings } from './VrsConfig.js';

export const configFileNames = ['vrs.config.yaml', 'vrs.config.yml', 'vrs.config.json'];

export interface LoadVrsConfigOptions {
  /** An explicit configuration file (--config); otherwise VRS_CONFIG, then vrs.config.* in `cwd`. */
  file?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Reads the configuration: `plugins` (file paths, plugin package folders or installed package
 * names), `builtinProtocols`, `store`, `jobs`, `emdbArchive`, `slurm` (campaigns on Slurm). No file is fine (built-in protocols only).
 */
export function loadVrsConfig(options: LoadVrsConfigOptions = {}): VrsConfig {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const explicit = options.file ?? env['VRS_CONFIG'];
  const file = explicit ? resolve(cwd, explicit) : configFileNames.map((name) => resolve(cwd, name)).find((candidate) => existsSync(candidate));
  if (!file) return { plugins: [], builtinProtocols: true };
  if (!existsSync(file)) throw new VrsInputError('configuration file not found', file);
  let raw: unknown;
  try {
    const text = readYamlText(file, 'configuration file');
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: yamlLimits.maxAliases });
  } catch (error) {
    const refusal = yamlAliasError(error, file);
    if (refusal instanceof VrsInputError) throw refusal;
    throw new VrsInputError(`cannot parse: ${(error as Error).message}`, file);
  }
  raw ??= {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new VrsInputError('expected a mapping of settings', file);
  const settings = raw as Record<string, unknown>;
  const known = new Set(['plugins', 'builtinProtocols', 'store', 'jobs', 'emdbArchive', 'slurm']);
  for (const key of Object.keys(settings)) {
    if (!known.has(key)) throw new VrsInputError(`unknown setting (known: ${[...known].join(', ')})`, file, key);
  }
  const baseDir = dirname(file);
  const plugins = settings['plugins'] ?? [];
  if (!Array.isArray(plugins) || !plugins.every((entry) => typeof entry === 'string')) {
    throw new VrsInputError('expected a list of plugin paths or package names', file, 'plugins');
  }
  const builtinProtocols = settings['builtinProtocols'] ?? true;
  if (typeof builtinProtocols !== 'boolean') throw new VrsInputError('expected true or false', file, 'builtinProtocols');
  const store = settings['store'];
  if (store !== undefined && typeof store !== 'string') throw new VrsInputError('expected a folder path', file, 'store');
  const jobs = settings['jobs'];
  if (jobs !== undefined && !(typeof jobs === 'number' && Number.isInteger(jobs) && jobs >= 1)) {
    throw new VrsInputError('expected a positive integer', file, 'jobs');
  }
  const emdbArchive = settings['emdbArchive'];
  if (emdbArchive !== undefined && typeof emdbArchive !== 'string') throw new VrsInputError('expected a folder path', file, 'emdbArchive');
  const slurm = settings['slurm'] === undefined ? undefined : readSlurmSettings(settings['slurm'], file, baseDir);
  return {
    file,
    plugins: (plugins as string[]).map((reference) => resolvePluginModule(reference, baseDir, file)),
    builtinProtocols,
    ...(store !== undefined ? { store: resolve(baseDir, store) } : {}),
    ...(jobs !== undefined ? { jobs } : {}),
    ...(emdbArchive !== undefined ? { emdbArchive: resolve(baseDir, emdbArchive) } : {}),
    ...(slurm !== undefined ? { slurm } : {}),
  };
}

/** The `slurm:` mapping: where job completions are logged, and where and how jobs are submitted. */
function readSlurmSettings(raw: unknown, file: string, baseDir: string): VrsSlurmSettings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new VrsInputError('expected a mapping (jobCompLoc, partition, account, extraArgs, cpusPerEntry)', file, 'slurm');
  const settings = raw as Record<string, unknown>;
  const known = new Set(['jobCompLoc', 'partition', 'account', 'extraArgs', 'cpusPerEntry', 'safetyCheckMs']);
  for (const key of Object.keys(settings)) if (!known.has(key)) throw new VrsInputError(`unknown setting (known: ${[...known].join(', ')})`, file, `slurm.${key}`);
  const text = (key: string) => {
    const value = settings[key];
    if (value !== undefined && (typeof value !== 'string' || value === '')) throw new VrsInputError('expected a non-empty string', file, `slurm.${key}`);
    return value as string | undefined;
  };
  const positive = (key: string) => {
    const value = settings[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value >= 1)) throw new VrsInputError('expected a positive integer', file, `slurm.${key}`);
    return value as number | undefined;
  };
  const extraArgs = settings['extraArgs'];
  if (extraArgs !== undefined && !(Array.isArray(extraArgs) && extraArgs.every((arg) => typeof arg === 'string'))) throw new VrsInputError('expected a list of sbatch options', file, 'slurm.extraArgs');
  const jobCompLoc = text('jobCompLoc');
  const partition = text('partition');
  const account = text('account');
  const cpusPerEntry = positive('cpusPerEntry');
  const safetyCheckMs = positive('safetyCheckMs');
  return {
    ...(jobCompLoc !== undefined ? { jobCompLoc: resolve(baseDir, jobCompLoc) } : {}),
    ...(partition !== undefined ? { partition } : {}),
    ...(account !== undefined ? { account } : {}),
    ...(extraArgs !== undefined ? { extraArgs: extraArgs as string[] } : {}),
    ...(cpusPerEntry !== undefined ? { cpusPerEntry } : {}),
    ...(safetyCheckMs !== undefined ? { safetyCheckMs } : {}),
  };
}
