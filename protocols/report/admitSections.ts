import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { buildReport, checkAssetName, readPngHeader, validateReport, type SectionResult } from '../../core/index.js';

/** A section as the report step received it, and where it came from. */
export interface ReceivedSection {
  section: SectionResult;
  /** The section's folder in the store (its pictures); empty for a failure placeholder. */
  dir: string;
  /** The workflow step that produced it. */
  step: string;
}

/** A section the report can show, with the folder its pictures are in. */
export interface AdmittedSection {
  section: SectionResult;
  dir: string;
}

/**
 * Makes every received section one the report can show, so that one broken check never takes the
 * whole report down (the report is the sink of every workflow):
 *
 * - a section whose id another one already has (the same protocol used twice, or a failure
 *   placeholder named after the protocol's declared section) keeps its content under the id
 *   "id (step)";
 * - a section that contradicts itself (status "ok" with warnings, "warnings" without any), breaks
 *   the report schema, or names a figure file that is not a PNG becomes a "failed" section that
 *   says what was wrong with it. Its numbers are dropped: a verdict the check's own data does not
 *   support is never printed.
 *
 * `problems` receives one sentence per section changed (for the step's log).
 */
export async function admitSections(received: readonly ReceivedSection[], problems: (message: string) => void = () => {}): Promise<AdmittedSection[]> {
  const seen = new Set<string>();
  const admitted: AdmittedSection[] = [];
  for (const { section, dir, step } of received) {
    let id = section.id;
    if (seen.has(id)) {
      id = uniqueId(`${section.id} (${step})`, seen);
      problems(`section ${section.id} of step ${step} is shown as "${id}": another section has the id ${section.id}`);
    }
    seen.add(id);
    const renamed = id === section.id ? section : { ...section, id };
    const defect = selfContradiction(renamed) ?? schemaProblem(renamed) ?? (await figureProblem(renamed, dir));
    if (defect === undefined) {
      admitted.push({ section: renamed, dir });
      continue;
    }
    problems(`section ${id} of step ${step} is shown as failed: ${defect}`);
    admitted.push({
      section: {
        id,
        level: renamed.level,
        title: renamed.title,
        method: renamed.method,
        status: 'failed',
        reason: `the check returned a result the report cannot show: ${defect}`,
        warnings: [],
        metrics: {},
      },
      dir: '',
    });
  }
  return admitted;
}

function uniqueId(wanted: string, taken: ReadonlySet<string>): string {
  let id = wanted;
  for (let n = 2; taken.has(id); n++) id = `${wanted} ${n}`;
  return id;
}

function selfContradiction(section: SectionResult): string | undefined {
  if (section.status === 'ok' && section.warnings.length > 0) return `its status is "ok" but it has ${section.warnings.length} warning(s)`;
  if (section.status === 'warnings' && section.warnings.length === 0) return 'its status is "warnings" but it has no warning';
  return undefined;
}

/** The section checked against the report schema, alone in a report of its own. */
function schemaProblem(section: SectionResult): string | undefined {
  try {
    validateReport(buildReport([section], { entry: { mapFile: 'map', resolution: null }, tool: 'check', version: '0', generatedAt: '2000-01-01T00:00:00Z' }), `section ${section.id}`);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Every figure panel must be a PNG file in the section's folder; only its header is read here. */
async function figureProblem(section: SectionResult, dir: string): Promise<string | undefined> {
  for (const figure of section.figures ?? []) {
    for (const panel of figure.panels) {
      if (dir === '') return `figure ${figure.id} shows ${panel.file}, but the section has no folder`;
      try {
        checkAssetName(section.id, panel.file);
        const file = await open(join(dir, panel.file), 'r');
        try {
          const header = new Uint8Array(33);
          const { bytesRead } = await file.read(header, 0, header.length, 0);
          readPngHeader(header.subarray(0, bytesRead));
        } finally {
          await file.close();
        }
      } catch (error) {
        return `figure ${figure.id}, file ${panel.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (error as Error).message}`;
      }
    }
  }
  return undefined;
}
