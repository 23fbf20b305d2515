import { resolve } from 'node:path';
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
      .option('--token <secret>', 'access token required as "Authorization: Bearer TOKEN" or a cookie set by /login?token=TOKEN (default: VRS_SERVE_TOKEN)')
      .action(
        context.action(async (options: ServeOptions, command: Command) => {
          const port = Number(options.port);
          if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError(`--port expects a port number, got ${JSON.stringify(options.port)}`);
          const maxUploadMb = Number(options.maxUploadMb);
          if (!(maxUploadMb > 0) || !Number.isFinite(maxUploadMb)) throw new CliUsageError(`--max-upload-mb expects a positive number, got ${JSON.stringify(options.maxUploadMb)}`);
          const jobs = parseJobs(options.jobs) ?? 1;
          const stepJobs = parseJobs(options.stepJobs, '--step-jobs');
          const token = options.token ?? (context.io.env['VRS_SERVE_TOKEN'] || undefined);
          const { io } = context;
          const { registry } = await loadCliEnvironment(context.globals(command), io);
          const data = resolve(io.cwd, options.data);
          const { app, queue } = await createServeApp({ registry, data, jobs, maxUploadMb, ...(stepJobs ? { stepJobs } : {}), ...(token ? { token } : {}) });
          const address = await app.listen({ port, host: options.host });
          io.stdout.write(`vrs serve: listening on ${address} (data ${data}, ${jobs} run${jobs > 1 ? 's' : ''} at once${token ? ', token required' : ''})\n`);
          if (!token && !isLoopback(options.host)) io.stderr.write(`warning: --host ${options.host} without --token: anyone who reaches this address can submit runs\n`);
          await new Promise<void>((done) => {
            process.once('SIGINT', done);
            process.once('SIGTERM', done);
          });
          io.stdout.write('vrs serve: stopping; unfinished runs resume at the next start\n');
          await queue.stop();
          await app.close();
          return exitCodes.success;
        }),
      );
  },
};

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
