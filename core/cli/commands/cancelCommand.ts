import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { cancelCampaignJobs } from '../../campaign/index.js';
import { LeaseLock } from '../../engine/run/LeaseLock.js';
import { VrsInputError } from '../../errors/index.js';
import type { CliCommand } from '../CliCommand.js';
import { exitCodes } from '../exitCodes.js';
import { loadCliEnvironment } from '../loadCliEnvironment.js';

/**
 * `vrs cancel DIR`: stops a campaign or a run. A live one on this host is sent SIGINT — it stops
 * its steps, cancels its Slurm jobs and records what it stopped, as with Ctrl-C. A campaign no
 * process runs any more has its submitted Slurm jobs cancelled here and their entries put back.
 */
export const cancelCommand: CliCommand = {
  name: 'cancel',
  register(program, context) {
    program
      .command('cancel')
      .description('stop a campaign (its Slurm jobs are cancelled; entries resume next time) or a run folder')
      .argument('<dir>', 'campaign folder or run folder')
      .action(
        context.action(async (dir: string, _options: unknown, command: Command) => {
          const { io } = context;
          const folder = resolve(io.cwd, dir);
          const campaign = existsSync(join(folder, 'ledger.sqlite'));
          const lockFile = join(folder, campaign ? 'campaign.lock' : 'run.lock');
          if (!campaign && !existsSync(join(folder, 'run.json'))) throw new VrsInputError('neither a campaign folder (ledger.sqlite) nor a run folder (run.json)', dir);
          if (LeaseLock.isLive(lockFile)) {
            const holder = LeaseLock.holderOf<{ pid: number; host: string }>(lockFile);
            if (holder.host !== hostname() || typeof holder.pid !== 'number') {
              throw new VrsInputError(`the ${campaign ? 'campaign' : 'run'} is running in process ${holder.pid ?? '?'} on ${holder.host ?? '?'}: run vrs cancel there`, dir);
            }
            process.kill(holder.pid, 'SIGINT');
            io.stdout.write(`asked process ${holder.pid} to stop the ${campaign ? 'campaign (it cancels its jobs)' : 'run'}\n`);
            return exitCodes.success;
          }
          if (!campaign) {
            io.stdout.write('the run is not running\n');
            return exitCodes.success;
          }
          const { config } = await loadCliEnvironment(context.globals(command), io);
          const cancelled = await cancelCampaignJobs(folder, config);
          io.stdout.write(cancelled.length === 0 ? 'no job of the campaign is in flight\n' : `cancelled ${cancelled.length} job(s): ${cancelled.join(', ')}; their entries run again on the next start\n`);
          return exitCodes.success;
        }),
      );
  },
};
