import type { Command } from 'commander';
import { VrsInputError } from '../../errors/index.js';
import type { CliCommand } from '../CliCommand.js';
import { executeCliRun } from '../executeCliRun.js';
import { openRecordedRun } from '../openRecordedRun.js';
import { recordedStepReasons } from '../recordedStepReasons.js';
import { collect } from './collect.js';

/** The protocol whose steps `vrs report` runs again. */
export const REPORT_PROTOCOL_ID = 'vrs.report';

interface ReportOptions {
  step?: string[];
  events?: string;
}

/**
 * `vrs report DIR`: renders report.json, report.html and report.pdf of a run folder again without
 * recomputing any check. Only the report step executes (forced, so a new template or report
 * protocol version shows); every other step must come from the store. A step that is not stored
 * (it failed, or never ran) is not retried: it fails again at once with the error it failed with,
 * so its section reads as it did in the original report.
 */
export const reportCommand: CliCommand = {
  name: 'report',
  register(program, context) {
    program
      .command('report')
      .description('render the report of a run folder again (JSON, HTML, PDF) from stored results, recomputing no check')
      .argument('<dir>', 'run folder')
      .option('-s, --step <name>', `report step to run (repeatable; default: every ${REPORT_PROTOCOL_ID} step)`, collect)
      .option('--events <file>', 'also write every event as JSON lines to this file ("-": stderr)')
      .action(
        context.action(async (dir: string, options: ReportOptions, command: Command) => {
          const run = await openRecordedRun(dir, context.io.cwd);
          const reportSteps = options.step ?? run.workflow.steps.filter((step) => step.protocol.id === REPORT_PROTOCOL_ID).map((step) => step.name);
          if (reportSteps.length === 0) throw new VrsInputError(`the workflow has no ${REPORT_PROTOCOL_ID} step`, run.runDir.workflowFile);
          for (const name of reportSteps) {
            if (!run.workflow.steps.some((step) => step.name === name)) throw new VrsInputError(`no step "${name}" in the workflow`, run.runDir.workflowFile);
          }
          const failures = recordedStepReasons(run.runDir).failed;
          return executeCliRun({
            io: context.io,
            ...run.runOptions,
            force: reportSteps,
            until: reportSteps,
            storedOnly: {
              except: reportSteps,
              reason: (step) =>
                failures.get(step) ??
                `no stored result (the step has not finished in this run folder, or its store entry was deleted); vrs report recomputes nothing: continue the run with vrs resume ${dir}`,
            },
            ...(context.globals(command).json ? { json: true } : {}),
            ...(options.events ? { events: options.events } : {}),
          });
        }),
      );
  },
};

