import type { CliCommand } from '../CliCommand.js';
import { campaignCommand } from './campaignCommand.js';
import { cancelCommand } from './cancelCommand.js';
import { cleanCommand } from './cleanCommand.js';
import { demoCommand } from './demoCommand.js';
import { graphCommand } from './graphCommand.js';
import { logCommand } from './logCommand.js';
import { planCommand } from './planCommand.js';
import { protocolsCommand } from './protocolsCommand.js';
import { reportCommand } from './reportCommand.js';
import { rerunCommand } from './rerunCommand.js';
import { resumeCommand } from './resumeCommand.js';
import { runCommand } from './runCommand.js';
import { serveCommand } from './serveCommand.js';
import { statusCommand } from './statusCommand.js';
import { validateCommand } from './validateCommand.js';
import { validateWorkflowCommand } from './validateWorkflowCommand.js';

/**
 * Every `vrs` command, in the order `vrs --help` lists them. To add one: write
 * `<name>Command.ts` next to these (a CliCommand) and add it here.
 */
export const cliCommands: readonly CliCommand[] = [
  validateCommand,
  campaignCommand,
  cancelCommand,
  runCommand,
  resumeCommand,
  rerunCommand,
  reportCommand,
  statusCommand,
  logCommand,
  cleanCommand,
  planCommand,
  graphCommand,
  protocolsCommand,
  validateWorkflowCommand,
  demoCommand,
  serveCommand,
];
