#!/usr/bin/env node
// Makes sure the Debian programs the report tests drive are present: headless Chromium (HTML report
// test) and poppler-utils (pdftoppm, pdftotext for the PDF report test). Installs them when we are
// root on a Debian-like system; otherwise says what is missing and exits non-zero.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const requirements = [
  { program: '/usr/bin/chromium', debianPackage: 'chromium' },
  { program: 'pdftoppm', debianPackage: 'poppler-utils' },
  { program: 'pdftotext', debianPackage: 'poppler-utils' },
];

function isAvailable(program) {
  if (program.startsWith('/')) return existsSync(program);
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

function missingRequirements() {
  return requirements.filter((r) => !isAvailable(r.program));
}

let missing = missingRequirements();
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.map((r) => r.debianPackage))];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasAptGet = isAvailable('apt-get');

if (!isRoot || !hasAptGet) {
  console.error(
    `Missing system programs: ${missing.map((r) => r.program).join(', ')}.\n` +
      `Install the Debian packages ${packages.join(' ')} (e.g. \`sudo apt-get install ${packages.join(' ')}\`) ` +
      `and run the tests again.` +
      (isRoot ? '' : ' (Not installing them automatically: this needs root.)') +
      (hasAptGet ? '' : ' (Not installing them automatically: apt-get is not available.)'),
  );
  process.exit(1);
}

console.log(`Installing Debian packages ${packages.join(' ')} (for the HTML and PDF report tests)…`);
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

missing = missingRequirements();
if (missing.length > 0) {
  console.error(`Still missing after installing ${packages.join(' ')}: ${missing.map((r) => r.program).join(', ')}.`);
  process.exit(1);
}
console.log('System programs for the report tests are present.');
