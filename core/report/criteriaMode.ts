// The mode a report's checks ran in, at the top of report.json and in the front matter.
import type { Compatibility } from './Compatibility.js';
import type { ReportJson } from './ReportJson.js';

/** The report with `compatibility` set, placed right after `mode` so report.json reads in order. */
export function withCompatibility(report: ReportJson, compatibility: Compatibility): ReportJson {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(report)) {
    if (key === 'compatibility') continue;
    out[key] = value;
    if (key === 'mode') out['compatibility'] = compatibility;
  }
  if (!('compatibility' in out)) out['compatibility'] = compatibility;
  return out as unknown as ReportJson;
}

/** The front-matter line that says which criteria the report applied; null when not recorded. */
export function criteriaModeLine(compatibility: Compatibility | undefined): string | null {
  if (compatibility === undefined) return null;
  return compatibility === 'original'
    ? "Criteria: original (the original service's numbers reproduced, its known bugs included; docs/differences.md)"
    : "Criteria: corrected (the original's evident bugs fixed, docs/differences.md)";
}
