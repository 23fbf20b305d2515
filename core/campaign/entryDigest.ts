import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, engineVersion, packageRoot } from '../engine/index.js';
import type { CampaignEntry } from './readCampaignFile.js';

/**
 * The ledger key of an entry besides its name: its row, the size and modification time of every
 * file it names (a map replaced in place is a new entry), the files of an EMDB entry folder, the
 * workflows the levels run and the engine version. Cheap on purpose — no map is read — so a
 * restarted campaign of thousands of entries knows at once what is done; the store's content keys
 * still decide what is recomputed inside an entry.
 */
export function entryDigest(entry: CampaignEntry, context: { archive?: string }): string {
  const files: Record<string, string> = {};
  for (const [column, value] of Object.entries(entry.fields)) {
    if (column === 'map' || column === 'half1' || column === 'half2' || column === 'model' || column === 'emdb_header') files[column] = fileStamp(value);
  }
  if (entry.fields.emdb !== undefined && context.archive !== undefined) {
    const folder = join(context.archive, entry.fields.emdb.toUpperCase().replace(/^(EMD-?)?/, 'EMD-'));
    for (const file of listFiles(folder)) files[file] = fileStamp(file);
  }
  const material = { fields: entry.fields, files, archive: context.archive ?? null, workflows: workflowsDigest(), engine: engineVersion };
  return createHash('sha256').update(canonicalJson(material)).digest('hex').slice(0, 32);
}

function fileStamp(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function listFiles(folder: string): string[] {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((dirent) => dirent.isFile() || dirent.isSymbolicLink())
      .map((dirent) => join(dirent.parentPath, dirent.name))
      .sort();
  } catch {
    return [];
  }
}

let workflows: string | undefined;
/** The package's workflow files (the levels an entry may run), hashed once per process. */
function workflowsDigest(): string {
  if (workflows === undefined) {
    const hash = createHash('sha256');
    const root = join(packageRoot, 'workflows');
    for (const file of listFiles(root)) hash.update(file.slice(root.length)).update(readFileSync(file));
    workflows = hash.digest('hex');
  }
  return workflows;
}
