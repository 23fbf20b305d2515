import { posix } from 'node:path';
import { VrsInputError, type PublishedFile } from '../../core/index.js';

/** One entry of the report step's `published` parameter: "step.output=file". */
export interface PublishedEntry {
  step: string;
  output: string;
  file: string;
}

const entryPattern = /^([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_-]*)=(.+)$/;

/**
 * Reads the `published` parameter: each entry "step.output=file" repeats one `publish` entry of
 * the workflow (a test keeps the two equal for the bundled workflows). The file is a path inside
 * the run folder, relative to report.json, as `publish` requires.
 */
export function parsePublished(entries: readonly string[]): PublishedEntry[] {
  return entries.map((text) => {
    const match = entryPattern.exec(text.trim());
    if (!match) throw new VrsInputError(`"${text}" is not a published file; write "step.output=file", as in the step's publish entry`, 'report step', 'published');
    const file = posix.normalize(match[3]!.trim());
    if (file.startsWith('/') || file === '.' || file.split('/').some((part) => part === '..')) {
      throw new VrsInputError(`published file "${match[3]}" must be a path inside the run folder`, 'report step', 'published');
    }
    return { step: match[1]!, output: match[2]!, file };
  });
}

/**
 * The published files report.json lists, each with the section its step wrote (the HTML links it
 * from there). A step that did not finish (its section is a placeholder without a folder)
 * published nothing, so its files are left out.
 */
export function publishedFiles(
  entries: readonly PublishedEntry[],
  sections: readonly { sectionId: string; step: string; stepFinished: boolean }[],
): PublishedFile[] {
  const byStep = new Map<string, { sectionId: string; stepFinished: boolean }>();
  for (const s of sections) if (!byStep.has(s.step)) byStep.set(s.step, s);
  return entries
    .filter((e) => byStep.get(e.step)?.stepFinished !== false)
    .map((e) => {
      const section = byStep.get(e.step);
      return { file: e.file, step: e.step, output: e.output, ...(section ? { sectionId: section.sectionId } : {}) };
    });
}
