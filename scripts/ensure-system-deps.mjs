#!/usr/bin/env node
// Makes sure the Debian programs the tests drive are present: headless Chromium (HTML report test),
// poppler-utils (pdftoppm, pdftotext for the PDF report test), and Slurm with munge (the campaign
// tests on a real single-node Slurm). Installs them when we are root on a Debian-like system and
// starts the single-node Slurm; otherwise says what is missing — the report tools are required
// (exit non-zero), Slurm is not (its tests skip, saying why, unless VRS_REQUIRE_SLURM=1).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const requirements = [
  { program: '/usr/bin/chromium', debianPackage: 'chromium' },
  { program: 'pdftoppm', debianPackage: 'poppler-utils' },
  { program: 'pdftotext', debianPackage: 'poppler-utils' },
  { program: 'sbatch', debianPackage: 'slurm-wlm', optional: true },
  { program: 'slurmctld', debianPackage: 'slurm-wlm', optional: true },
  { program: 'slurmd', debianPackage: 'slurm-wlm', optional: true },
  { program: 'munged', debianPackage: 'munge', optional: true },
];
const slurmStarter = new URL('./slurm/start-single-node-slurm.sh', import.meta.url).pathname;

/** Starts the single-node Slurm when we are root and it does not answer yet. */
function ensureSlurmRunning() {
  if (!isAvailable('sbatch') || !(typeof process.getuid === 'function' && process.getuid() === 0)) return;
  if (spawnSync('sinfo', ['-h'], { stdio: 'ignore', timeout: 10_000 }).status === 0) return;
  const run = spawnSync('bash', [slurmStarter], { stdio: 'inherit' });
  if (run.status !== 0) console.error(`${slurmStarter} failed (exit ${run.status}): the Slurm tests will skip.`);
}

function isAvailable(program) {
  if (program.startsWith('/')) return existsSync(program);
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

function missingRequirements() {
  return requirements.filter((r) => !isAvailable(r.program));
}

let missing = missingRequirements();
if (missing.length === 0) {
  ensureSlurmRunning();
  process.exit(0);
}

const packages = [...new Set(missing.map((r) => r.debianPackage))];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasAptGet = isAvailable('apt-get');

if (!isRoot || !hasAptGet) {
  if (missing.every((r) => r.optional)) {
    console.warn(`Slurm is not installed (${packages.join(' ')}): the Slurm tests skip. Install them as root to run those tests.`);
    process.exit(0);
  }
  console.error(
    `Missing system programs: ${missing.map((r) => r.program).join(', ')}.\n` +
      `Install the Debian packages ${packages.join(' ')} (e.g. \`sudo apt-get install ${packages.join(' ')}\`) ` +
      `and run the tests again.` +
      (isRoot ? '' : ' (Not installing them automatically: this needs root.)') +
      (hasAptGet ? '' : ' (Not installing them automatically: apt-get is not available.)'),
  );
  process.exit(1);
}

console.log(`Installing Debian packages ${packages.join(' ')} (for the report and Slurm tests)…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [
  ['update', '-qq'],
  ['install', '-y', '-qq', '--no-install-recommends', ...packages],
]) {
  const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (run.status !== 0) {
    console.error(`\`apt-get ${args.join(' ')}\` failed (exit ${run.status}). Install ${packages.join(' ')} by hand.`);
    process.exit(1);
  }
}

missing = missingRequirements().filter((r) => !r.optional);
if (missing.length > 0) {
  console.error(`Still missing after installing ${packages.join(' ')}: ${missing.map((r) => r.program).join(', ')}.`);
  process.exit(1);
}
ensureSlurmRunning();
console.log('System programs for the tests are present.');
