#!/usr/bin/env node
// One task of a campaign's Slurm array job: runs the command of entry number SLURM_ARRAY_TASK_ID
// of the manifest (a JSON list of { argv, stdout, stderr }) with its output in the entry's files,
// and ends as the command ended (its exit code, or the signal that killed it).
import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';

const [manifestFile] = process.argv.slice(2);
const index = Number(process.env.SLURM_ARRAY_TASK_ID);
const tasks = JSON.parse(readFileSync(manifestFile, 'utf8'));
const task = tasks[index];
if (!Number.isInteger(index) || task === undefined) {
  console.error(`vrs-array-task: no task ${process.env.SLURM_ARRAY_TASK_ID} in ${manifestFile} (${tasks.length} tasks)`);
  process.exit(2);
}
const child = spawn(task.argv[0], task.argv.slice(1), { stdio: ['ignore', openSync(task.stdout, 'w'), openSync(task.stderr, 'w')] });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  else process.exit(code ?? 1);
});
