import { existsSync, lstatSync, mkdtempSync, readFileSync, renameSync, rmdirSync, statSync, type Stats } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { VrsInputError } from '../../errors/index.js';
import type { RunDir } from './RunDir.js';
import type { RunRecord } from './RunRecord.js';

/**
 * Refuses an --out that cannot become a run folder, before anything is written: an existing file,
 * a path below a file, or a place where no folder can be made (tested by making and removing an
 * empty folder there, since access(2) says "writable" to root even on /proc or a read-only mount).
 */
export function checkRunFolderPath(dir: string): void {
  const path = resolve(dir);
  const found = statOrCode(path);
  if (typeof found !== 'string') {
    if (!found.isDirectory()) throw new VrsInputError('is a file, not a folder; --out needs a folder for the run (a new one, or a run folder to continue)', path);
    probeWritable(path, `cannot write in the run folder`);
    return;
  }
  if (found !== 'ENOENT' && found !== 'ENOTDIR') throw new VrsInputError(`cannot use it as the run folder (${found})`, path);
  if (exists(path)) throw new VrsInputError('is a symbolic link to nothing; --out needs a folder (remove the link or give another --out)', path);
  // The closest existing ancestor decides whether the folder can be created.
  let ancestor = dirname(path);
  for (;;) {
    const stat = statOrCode(ancestor);
    if (typeof stat !== 'string') {
      if (!stat.isDirectory()) throw new VrsInputError(`is a file, so the run folder ${path} cannot be created below it; give another --out`, ancestor);
      probeWritable(ancestor, `cannot create the run folder ${path} here`);
      return;
    }
    if (ancestor === dirname(ancestor)) throw new VrsInputError(`cannot create the run folder (${stat})`, path);
    ancestor = dirname(ancestor);
  }
}

/** Entries the run folder itself needs as folders, with what they hold. */
const FOLDER_ENTRIES: Record<string, string> = {
  logs: 'the steps\' logs',
  steps: 'links to the steps\' results',
  'workflow-sources': 'the workflow files as written',
  store: 'the step store',
};

/** Entries the run folder itself writes as files (see RunDir). */
const FILE_ENTRIES = ['run.json', 'journal.jsonl', 'workflow.yaml'];

/**
 * Refuses a file where the run folder needs one of its own folders (logs, steps, workflow-sources,
 * and store when the store is the folder's own). Nothing is moved: these names belong to vrs.
 */
export function checkRunFolderEntries(runDir: RunDir, storeIsOwn: boolean): void {
  for (const [name, purpose] of Object.entries(FOLDER_ENTRIES)) {
    if (name === 'store' && !storeIsOwn) continue;
    const path = join(runDir.dir, name);
    const stat = statOrCode(path);
    if (typeof stat !== 'string' && !stat.isDirectory()) {
      throw new VrsInputError(`is a file, but the run folder needs a folder of this name (${purpose}); move the file away or give another --out`, path);
    }
  }
}

/** A file or folder in the run folder that a run would replace although no run wrote it. */
export interface ForeignFile {
  /** Absolute path of the file in the way. */
  path: string;
  /** The run-folder path (relative) the run writes there: a publish target or one of its own files. */
  target: string;
  /** The step publishing it, when it is a publish target. */
  step?: string;
}

/**
 * The run-folder paths (relative) that runs of this folder wrote: its record's `published` list,
 * or, for a record written before that list existed, every publish target of the workflow copy.
 */
export function ownPublishedFiles(runDir: RunDir, recorded: RunRecord | undefined): Set<string> {
  if (recorded === undefined) return new Set();
  if (recorded.published) return new Set(recorded.published.map((target) => normalizeTarget(runDir, target)));
  return new Set(publishTargetsOfCopy(runDir).map((target) => normalizeTarget(runDir, target)));
}

/** Every publish target of the run folder's copy of the workflow (workflow.yaml); none when unreadable. */
export function publishTargetsOfCopy(runDir: RunDir): string[] {
  if (!existsSync(runDir.workflowFile)) return [];
  let steps: Record<string, { publish?: Record<string, unknown> } | null> = {};
  try {
    steps = (parseYaml(readFileSync(runDir.workflowFile, 'utf8'), { maxAliasCount: 100 }) as { steps?: typeof steps } | null)?.steps ?? {};
  } catch {
    return [];
  }
  return Object.values(steps).flatMap((step) => Object.values(step?.publish ?? {}).filter((target): target is string => typeof target === 'string'));
}

/** A publish target as a clean path relative to the run folder ("./out//a.json" → "out/a.json"). */
export function normalizeTarget(runDir: RunDir, target: string): string {
  return relative(runDir.dir, resolve(runDir.dir, target));
}

/**
 * Files in the way of this run: at a publish target (or at a folder a target lies in) and not
 * published by a run of this folder before; or, when the folder holds no readable run record, at
 * one of the run's own files (run.json, journal.jsonl, workflow.yaml).
 */
export function findForeignFiles(runDir: RunDir, publish: readonly { step: string; target: string }[], own: ReadonlySet<string>, hasRecord: boolean): ForeignFile[] {
  const foreign = new Map<string, ForeignFile>();
  if (!hasRecord) {
    for (const name of FILE_ENTRIES) {
      const path = join(runDir.dir, name);
      if (exists(path)) foreign.set(path, { path, target: name });
    }
  }
  for (const { step, target } of publish) {
    const rel = normalizeTarget(runDir, target);
    const parts = rel.split(sep);
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join(sep);
      const path = join(runDir.dir, prefix);
      const stat = statOrCode(path);
      if (typeof stat === 'string') {
        if (!exists(path)) break; // nothing there (a dangling link is still in the way: lstat sees it)
      } else if (i < parts.length && stat.isDirectory()) continue;
      if (!own.has(prefix) && !foreign.has(path)) foreign.set(path, { path, target: rel, step });
      break;
    }
  }
  return [...foreign.values()];
}

/** The one-line refusal for files in the way (the first named, the others counted). */
export function foreignFilesError(foreign: readonly ForeignFile[]): VrsInputError {
  const [first] = foreign;
  const what = first!.step ? `this run publishes ${first!.target} (step ${first!.step})` : `the run folder keeps its ${first!.target} here`;
  const more = foreign.length > 1 ? ` (and ${foreign.length - 1} more: ${foreign.slice(1).map((file) => file.path).join(', ')})` : '';
  return new VrsInputError(
    `was not written by a run of vrs, and ${what}${more}; nothing was changed. Give another --out, or --force to move it aside to ${asidePath(first!.path)}`,
    first!.path,
  );
}

/** `<path>.user-<n>` for the smallest n ≥ 1 that is free. */
export function asidePath(path: string): string {
  for (let n = 1; ; n++) {
    const candidate = `${path}.user-${n}`;
    if (!exists(candidate)) return candidate;
  }
}

/** Moves a file (or folder) out of the run's way, keeping it: returns where it went. */
export function setAside(path: string): string {
  const aside = asidePath(path);
  renameSync(path, aside);
  return aside;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function statOrCode(path: string): Stats | string {
  try {
    return statSync(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

function probeWritable(dir: string, what: string): void {
  try {
    rmdirSync(mkdtempSync(join(dir, '.vrs-write-test-')));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new VrsInputError(`${what}: the folder is not writable (${code}); give another --out`, dir);
  }
}
