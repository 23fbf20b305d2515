import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runWorkflow, type ProtocolRegistry, type RunSummary } from '../engine/index.js';
import { recordRunStart, runHistoryFile } from '../engine/run/runHistory.js';
import type { CampaignExecutor, EntryJob, EntryOutcome, ExecutorHooks } from './CampaignExecutor.js';

/**
 * Entries run in this process through the engine, each in its own run folder with the shared
 * store. A campaign killed here kills its entries with it, so an entry left `submitted` by a dead
 * campaign is 'lost' and resumes from its run folder's cache on the next start.
 */
export class LocalExecutor implements CampaignExecutor {
  readonly name = 'local';

  constructor(private readonly registry: ProtocolRegistry) {}

  async run(job: EntryJob, hooks: ExecutorHooks, signal: AbortSignal): Promise<EntryOutcome> {
    hooks.submitted({});
    hooks.started();
    const started = performance.now();
    // Each entry is a run of this machine: `vrs log` lists it.
    const map = job.params['map'];
    const { end } = recordRunStart(runHistoryFile(), { runDir: job.runDir, workflow: job.workflow.name, ...(typeof map === 'string' ? { map } : {}) });
    let summary: RunSummary;
    try {
      summary = await runWorkflow({
        workflow: job.workflow,
        registry: this.registry,
        params: job.params,
        runDir: job.runDir,
        store: job.store,
        ...(job.jobs ? { jobs: job.jobs } : {}),
        ...(job.replaceWorkflow ? { replaceWorkflow: true } : {}),
        signal,
      });
    } catch (error) {
      end({ status: 'failed', error: (error as Error).message });
      throw error;
    }
    const seconds = (performance.now() - started) / 1000;
    const report = join(job.runDir, 'report.json');
    end({ status: summary.status, ...(existsSync(report) ? { report } : {}) });
    if (summary.status === 'success') return { status: 'done', seconds };
    if (summary.status === 'interrupted') return { status: 'interrupted', seconds };
    return { status: 'failed', reason: failedSteps(summary), seconds };
  }

  async reattach(): Promise<'lost'> {
    return 'lost';
  }

  async cancel(): Promise<void> {
    // Nothing outlives this process.
  }
}

/** "step X: its error; step Y: …" for the failures report. */
export function failedSteps(summary: RunSummary): string {
  const failed = summary.steps.filter((step) => step.outcome === 'failed');
  if (failed.length === 0) return `the run ended ${summary.status}`;
  return failed.map((step) => `step ${step.step} failed: ${firstLine(step.error ?? 'no message')}`).join('; ');
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]!;
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}
