import { SlurmCommandError } from './SlurmCommandError.js';

/** Single-quotes a word for sh: nothing inside is expanded; a quote becomes '\''. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The batch script for one job: exports the added variables, then `exec`s the command so its exit
 * status is the job's. Resources go on sbatch's command line instead of `#SBATCH` lines, so the
 * script says only what runs.
 */
export function renderBatchScript(argv: readonly string[], env: Readonly<Record<string, string>> = {}): string {
  if (argv.length === 0) throw new SlurmCommandError('sbatch', 'a Slurm job needs a command: argv is empty');
  const lines = ['#!/bin/sh', '# Written by cryo-vrs; submitted with sbatch.'];
  for (const [name, value] of Object.entries(env)) {
    if (!variableName.test(name)) {
      throw new SlurmCommandError('sbatch', `environment variable name '${name}' is not a valid shell name`);
    }
    lines.push(`export ${name}=${shellQuote(value)}`);
  }
  lines.push(`exec ${argv.map(shellQuote).join(' ')}`);
  return `${lines.join('\n')}\n`;
}
