import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { LeaseLock } from '../../engine/run/LeaseLock.js';
import { VrsInputError } from '../../errors/index.js';
import type { Command } from 'commander';
import { createServeApp } from '../../serve/index.js';
import type { CliCommand } from '../CliCommand.js';
import { CliUsageError } from '../CliUsageError.js';
import { exitCodes } from '../exitCodes.js';
import { loadCliEnvironment } from '../loadCliEnvironment.js';
import { parseJobs } from '../parseJobs.js';

interface ServeOptions {
  port: string;
  host: string;
  data: string;
  jobs?: string;
  stepJobs?: string;
  maxUploadMb: string;
  token?: string;
  archive?: string;
}

/**
 * `vrs serve`: the validation service as a web application (submission form, live run pages,
 * runs list, JSON API) over a data folder, until SIGINT or SIGTERM; runs it leaves unfinished are
 * resumed by the next start.
 */
export const serveCommand: CliCommand = {
  name: 'serve',
  register(program, context) {
    program
      .command('serve')
      .description('serve the validation service as a web application: submit maps, follow runs live, read and download reports; JSON API under /api')
      .option('--port <n>', 'TCP port (0: any free port)', '8080')
      .option('--host <address>', 'address to listen on (anything but loopback exposes the service: use --token)', '127.0.0.1')
      .option('--data <dir>', 'data folder: uploads, run folders and the shared step store', 'vrs-data')
      .option('-j, --jobs <n>', 'validations running at once (the others wait in a queue)', '1')
      .option('--step-jobs <n>', 'steps running at once within a validation (default: available cores)')
      .option('--max-upload-mb <n>', 'largest accepted file, in MB', '2048')
      .option('--archive <dir>', 'EMDB archive folder: submissions may name an entry (EMD-NNNN) instead of uploading it (default: VRS_EMDB_ARCHIVE, or emdbArchive in vrs.config.yaml)')
      .option('--token <secret>', 'access token required as "Authorization: Bearer TOKEN" or a cookie set by /login?token=TOKEN (default: VRS_SERVE_TOKEN)')
      .action(
        context.action(async (options: ServeOptions, command: Command) => {
          const port = Number(options.port);
          if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError(`--port expects a port number, got ${JSON.stringify(options.port)}`);
          const maxUploadMb = Number(options.maxUploadMb);
          if (!(maxUploadMb > 0) || !Number.isFinite(maxUploadMb)) throw new CliUsageError(`--max-upload-mb expects a positive number, got ${JSON.stringify(options.maxUploadMb)}`);
          const jobs = parseJobs(options.jobs) ?? 1;
          const stepJobs = parseJobs(options.stepJobs, '--step-jobs');
          if (options.token === '') throw new CliUsageError('--token is empty: give the secret, or set VRS_SERVE_TOKEN (not visible in the process list)');
          const token = options.token ?? (context.io.env['VRS_SERVE_TOKEN'] || undefined);
          const { io } = context;
          const { registry, config } = await loadCliEnvironment(context.globals(command), io);
          const data = resolve(io.cwd, options.data);
          const archiveOption = options.archive ?? (io.env['VRS_EMDB_ARCHIVE'] || undefined) ?? config.emdbArchive;
          const archive = archiveOption ? resolve(io.cwd, archiveOption) : undefined;
          // One server per data folder: a second one would run the same queued runs.
          const lock = new LeaseLock<{ pid: number; host: string }>(join(data, 'serve.lock'));
          mkdirSync(data, { recursive: true });
          await lock.acquire({ pid: process.pid, host: hostname() }, (holder) => {
            throw new VrsInputError(`another vrs serve (process ${holder.pid ?? '?'} on ${holder.host ?? '?'}) uses this data folder`, data, 'serve.lock');
          });
          const { app, queue } = await createServeApp({ registry, data, jobs, maxUploadMb, host: options.host, ...(stepJobs ? { stepJobs } : {}), ...(token ? { token } : {}), ...(archive ? { archive } : {}) });
          let address: string;
          try {
            address = await app.listen({ port, host: options.host });
          } catch (error) {
            await app.close();
            lock.release();
            throw error;
          }
          // Queued and interrupted runs start only once the server is up.
          queue.restore();
          io.stdout.write(`vrs serve: listening on ${address} (data ${data}, ${jobs} run${jobs > 1 ? 's' : ''} at once${token ? ', token required' : ''})\n`);
          if (!token && !isLoopback(options.host)) io.stderr.write(`warning: --host ${options.host} without --token: anyone who reaches this address can submit runs\n`);
          await new Promise<void>((done) => {
            process.once('SIGINT', done);
            process.once('SIGTERM', done);
          });
          io.stdout.write('vrs serve: stopping; unfinished runs resume at the next start\n');
          await queue.stop();
          await app.close();
          lock.release();
          return exitCodes.success;
        }),
      );
  },
};

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
