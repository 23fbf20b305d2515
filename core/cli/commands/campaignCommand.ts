import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { createCampaignExecutor, runCampaign, type CampaignResult } from '../../campaign/index.js';
import type { CliCommand } from '../CliCommand.js';
import { CliUsageError } from '../CliUsageError.js';
import { exitCodes } from '../exitCodes.js';
import { loadCliEnvironment } from '../loadCliEnvironment.js';
import { parseJobs } from '../parseJobs.js';
import { planValidation } from './executeValidation.js';

interface CampaignOptions {
  out: string;
  store?: string;
  archive?: string;
  executor?: string;
  parallel?: string;
  jobs?: string;
  memory?: string;
  retryFailed?: boolean;
}

/** `vrs campaign FILE`: every entry of a CSV/TSV file validated at the levels its inputs allow, with a durable ledger. */
export const campaignCommand: CliCommand = {
  name: 'campaign',
  register(program, context) {
    program
      .command('campaign')
      .description(
        'validate every entry of a campaign file (CSV or TSV with a header: id, map, half1, half2, model, threshold, resolution, voxel, emdb, emdb_header, expected_mass, compatibility, memory_mb, time_limit_min) ' +
          'with one shared store and a ledger (DIR/ledger.sqlite); a restarted campaign skips finished entries and resumes the rest; writes DIR/summary.tsv and DIR/failures.md',
      )
      .argument('<file>', 'campaign file (.csv or .tsv)')
      .requiredOption('-o, --out <dir>', 'campaign folder (created; an existing one is continued)')
      .option('--store <dir>', 'shared step store (default: VRS_STORE, the config, or <out>/store)')
      .option('--archive <dir>', 'EMDB archive folder for rows with an EMDB id (default: VRS_EMDB_ARCHIVE, or emdbArchive in vrs.config.yaml)')
      .option('--executor <name>', "'local' (default: entries run in this process) or 'slurm' (one sbatch job per entry; options under `slurm:` in vrs.config.yaml)")
      .option('--parallel <n>', 'entries in flight at once (default: 1 locally, 64 on Slurm)')
      .option('-j, --jobs <n>', 'steps running at once inside an entry (default: available cores)')
      .option('--memory <MB>', 'memory of an entry job when its row has no memory_mb (Slurm; default 4096)')
      .option('--retry-failed', 'run failed and refused entries again')
      .action(
        context.action(async (file: string, options: CampaignOptions, command: Command) => {
          const globals = context.globals(command);
          const { io } = context;
          const executorName = options.executor ?? 'local';
          if (executorName !== 'local' && executorName !== 'slurm') throw new CliUsageError(`--executor expects 'local' or 'slurm', got ${JSON.stringify(executorName)}`);
          const parallel = options.parallel === undefined ? (executorName === 'slurm' ? 64 : 1) : parseJobs(options.parallel, '--parallel')!;
          const jobs = parseJobs(options.jobs);
          const memoryMb = options.memory === undefined ? (executorName === 'slurm' ? 4096 : undefined) : parseJobs(options.memory, '--memory')!;
          const { config, registry } = await loadCliEnvironment(globals, io);
          const out = resolve(io.cwd, options.out);
          const store = resolve(io.cwd, options.store || io.env['VRS_STORE'] || config.store || join(out, 'store'));
          const archiveOption = options.archive ?? (io.env['VRS_EMDB_ARCHIVE'] || undefined) ?? config.emdbArchive;
          const archive = archiveOption ? resolve(io.cwd, archiveOption) : undefined;
          // A Slurm job runs in the campaign folder: it is given the campaign's configuration and plugins.
          const globalArgs = [
            ...(config.file ? ['--config', config.file] : []),
            ...(globals.plugin ?? []).flatMap((reference) => ['--plugin', /^[./]/.test(reference) ? resolve(io.cwd, reference) : reference]),
          ];
          const executor = await createCampaignExecutor(executorName, { registry, out, config, globalArgs });
          const controller = new AbortController();
          const onSignal = () => controller.abort();
          process.once('SIGINT', onSignal);
          process.once('SIGTERM', onSignal);
          let result: CampaignResult;
          try {
            result = await runCampaign({
              file: resolve(io.cwd, file),
              out,
              store,
              ...(archive ? { archive } : {}),
              executor,
              plan: (validation) => planValidation(validation, io.cwd, registry),
              parallel,
              ...(jobs ? { jobs } : {}),
              ...(memoryMb ? { memoryMb, maxMemoryMb: Math.max(memoryMb, 8 * memoryMb) } : {}),
              ...(options.retryFailed ? { retryFailed: true } : {}),
              progress: (line) => {
                if (!globals.json) io.stderr.write(`${line}\n`);
              },
              signal: controller.signal,
            });
          } finally {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
            await executor.close?.();
          }
          if (globals.json) {
            io.stdout.write(`${JSON.stringify({ counts: result.counts, interrupted: result.interrupted, summary: result.summaryFile, failures: result.failuresFile, ledger: result.ledgerFile, entries: result.rows }, null, 2)}\n`);
          } else {
            io.stdout.write(`summary: ${result.summaryFile}\n`);
            if (result.counts.failed + result.counts.invalid > 0) io.stdout.write(`failures: ${result.failuresFile}\n`);
          }
          if (result.interrupted) return exitCodes.interrupted;
          const unfinished = result.counts.pending + result.counts.submitted + result.counts.running;
          return result.counts.failed + result.counts.invalid + unfinished > 0 ? exitCodes.stepsFailed : exitCodes.success;
        }),
      );
  },
};
