import type { Command } from 'commander';
import type { CliCommand } from '../CliCommand.js';
import { CliUsageError } from '../CliUsageError.js';
import { loadVrsConfig } from '../../engine/index.js';
import type { Compatibility } from '../../report/index.js';
import { parseJobs } from '../parseJobs.js';
import { executeValidation } from './executeValidation.js';

interface ValidateOptions {
  map?: string;
  emdb?: string;
  archive?: string;
  threshold?: string;
  resolution?: string;
  voxel?: string;
  emdbHeader?: string;
  expectedMass?: string;
  compatibility?: string;
  half1?: string;
  half2?: string;
  model?: string;
  out: string;
  store?: string;
  jobs?: string;
  force?: boolean;
}

/** `vrs validate`: the validation of a map at the levels its inputs allow, report in DIR/report.json. */
export const validateCommand: CliCommand = {
  name: 'validate',
  register(program, context) {
    program
      .command('validate')
      .description('validate a map at the levels its inputs allow (0: the map; 1: with --half1/--half2; A: with --model); writes report.json, report.html and report.pdf to DIR')
      .option('--map <file>', 'the map (MRC/CCP4, optionally gzipped); with --emdb, replaces the entry\'s map')
      .option('--emdb <id>', 'an EMDB entry (EMD-1997, emd-1997 or 1997) read from a local copy of the archive: map, header, half maps and fitted model; makes a public data-based report')
      .option('--archive <dir>', 'folder holding the EMDB entry folders EMD-NNNN/ (default: VRS_EMDB_ARCHIVE)')
      .option('--half1 <file>', 'first half map, on the grid of the map (adds level 1, with --half2)')
      .option('--half2 <file>', 'second half map (adds level 1, with --half1)')
      .option('--model <file>', 'atomic model (PDB or mmCIF, optionally gzipped) in the frame of the map (adds level A)')
      .option('--threshold <value>', "contour level recommended for the map (default: the EMDB header's)")
      .option('--resolution <Å>', "reported resolution (default: the EMDB header's; none: checks needing it do not apply)")
      .option('--voxel <Å>', "voxel size overriding the map header's (the override is noted in the report)")
      .option('--emdb-header <xml>', 'EMDB entry header: contour level, resolution, pixel spacing, id, title, authors, deposition date, fitted models, symmetry, sample weight (makes a public data-based report)')
      .option('--expected-mass <kDa>', "molecular weight of the sample in kDa, compared with the mass enclosed at the threshold (default: the EMDB header's)")
      .option('--compatibility <mode>', "'corrected' (default) or 'original': reproduce the original service's known bugs")
      .requiredOption('-o, --out <dir>', 'run folder (created; an existing one is continued from its cache)')
      .option('--store <dir>', 'shared step store (default: VRS_STORE, the config, or <out>/store)')
      .option('--force', "reuse the output folder although it holds a run of another workflow (other levels): that run's step states and published files are removed, its stored results stay")
      .option('-j, --jobs <n>', 'steps running at once (default: available cores)')
      .action(
        context.action(async (options: ValidateOptions, command: Command) => {
          const jobs = parseJobs(options.jobs);
          if (options.compatibility !== undefined && options.compatibility !== 'corrected' && options.compatibility !== 'original') {
            throw new CliUsageError(`--compatibility expects 'corrected' or 'original', got ${JSON.stringify(options.compatibility)}`);
          }
          if (options.map === undefined && options.emdb === undefined) throw new CliUsageError('give the map with --map FILE, or an EMDB entry with --emdb ID');
          const globals = context.globals(command);
          const archive =
            options.archive ??
            (context.io.env['VRS_EMDB_ARCHIVE'] || undefined) ??
            (options.emdb !== undefined ? loadVrsConfig({ ...(globals.config ? { file: globals.config } : {}), cwd: context.io.cwd, env: context.io.env }).emdbArchive : undefined);
          if (options.emdb !== undefined && archive === undefined) {
            throw new CliUsageError('--emdb needs the folder of the EMDB archive: give --archive DIR, set VRS_EMDB_ARCHIVE or `emdbArchive` in vrs.config.yaml');
          }
          if (options.archive !== undefined && options.emdb === undefined) throw new CliUsageError('--archive is used with --emdb ID');
          return executeValidation(
            {
              ...(options.map !== undefined ? { map: options.map } : {}),
              ...(options.emdb !== undefined ? { emdb: options.emdb, archive: archive! } : {}),
              ...optionalNumber(options.threshold, '--threshold', 'threshold'),
              ...optionalNumber(options.resolution, '--resolution', 'resolution', true),
              ...optionalNumber(options.voxel, '--voxel', 'voxel', true),
              ...(options.emdbHeader ? { emdbHeader: options.emdbHeader } : {}),
              ...optionalNumber(options.expectedMass, '--expected-mass', 'expectedMassKDa', true),
              ...(options.compatibility ? { compatibility: options.compatibility as Compatibility } : {}),
              ...(options.half1 !== undefined ? { half1: options.half1 } : {}),
              ...(options.half2 !== undefined ? { half2: options.half2 } : {}),
              ...(options.model !== undefined ? { model: options.model } : {}),
              out: options.out,
              ...(options.store ? { store: options.store } : {}),
              ...(jobs ? { jobs } : {}),
              ...(options.force ? { force: true } : {}),
            },
            context.globals(command),
            context.io,
          );
        }),
      );
  },
};

function optionalNumber<K extends string>(text: string | undefined, option: string, key: K, positive = false): Partial<Record<K, number>> {
  if (text === undefined) return {};
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new CliUsageError(`${option} expects a number, got ${JSON.stringify(text)}`);
  if (positive && !(value > 0)) throw new CliUsageError(`${option} must be positive, got ${text}`);
  return { [key]: value } as Partial<Record<K, number>>;
}
