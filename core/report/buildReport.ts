import { reportToolInfo } from './reportAssets.js';
import { reportContext } from './reportContext.js';
import {
  CANONICAL_LEVELS,
  REPORT_SCHEMA_VERSION,
  type AbstractSentence,
  type ReportChapter,
  type ReportEntry,
  type ReportJson,
  type ReportSection,
  type ResolutionSummary,
  type SummaryRow,
  type WarningGroup,
} from './ReportJson.js';
import type { SectionResult } from './SectionResult.js';
import { isEvaluable, statusText } from './statusText.js';

/** What the report protocol knows besides the sections. */
export interface ReportInfo {
  entry: ReportEntry;
  inputs?: Record<string, unknown>;
  /** Levels the run validated; default: the levels of the sections. */
  levels?: string[];
  mode?: 'public' | 'user';
  /** Default: this package's name and version. */
  tool?: string;
  version?: string;
  /** Default: now. */
  generatedAt?: Date | string;
}

/** The level of a section that is a chapter of its own (input data, half maps, atomic model). */
export const STANDALONE_LEVEL = 'input';

/**
 * Assembles report.json from the section results: chapters and section numbers, score
 * (vrs-spec §4.6), summary rows, abstract with the resolution paragraph (§4.4, §4.7), warnings
 * summary, levels in canonical order.
 *
 * Reading order: levels in canonical order (0…5, A, W, O, then any other level in order of first
 * appearance); inside a level, sections by id ("0.a" < "0.b" < "0.h"). A stand-alone section
 * (level "input": input data, half maps, atomic model) opens the level of the section that follows
 * it in the given order, as in the original report ("Half maps" before Level 1).
 *
 * Throws when a section contradicts itself (status "ok" with warnings, "warnings" without any, or
 * a duplicate id): a report must never show a verdict its own data does not support.
 */
export function buildReport(sections: SectionResult[], info: ReportInfo): ReportJson {
  checkSections(sections);
  const ordered = readingOrder(sections);
  const outline: ReportChapter[] = [];
  const numbered: ReportSection[] = [];
  for (const group of ordered) {
    if (group.level === undefined) {
      const number = String(outline.length + 1);
      outline.push({ number, title: group.sections[0]!.title, sectionIds: [group.sections[0]!.id] });
      numbered.push({ ...group.sections[0]!, number });
    } else {
      const chapter = String(outline.length + 1);
      outline.push({ number: chapter, title: `Level ${group.level} analysis`, level: group.level, sectionIds: group.sections.map((s) => s.id) });
      group.sections.forEach((s, i) => numbered.push({ ...s, number: `${chapter}.${i + 1}` }));
    }
  }

  let passed = 0;
  let evaluable = 0;
  for (const s of numbered) {
    if (!isEvaluable(s.status)) continue;
    evaluable++;
    if (s.status === 'ok') passed++;
  }

  const rows: SummaryRow[] = numbered
    .filter((s) => s.level !== STANDALONE_LEVEL || s.summaryLabel)
    .map((s) => ({ sectionId: s.id, label: summaryLabel(s), sectionNumber: s.number, status: s.status, statusText: statusText(s.status, s.warnings.length) }));
  const warnings: WarningGroup[] = numbered
    .filter((s) => s.warnings.length > 0)
    .map((s) => ({ sectionId: s.id, sectionNumber: s.number, label: summaryLabel(s), warnings: [...s.warnings] }));
  const abstract: AbstractSentence[] = numbered
    .filter((s) => s.abstract && s.abstract.trim() !== '')
    .map((s) => abstractSentence(s));

  const reported = info.entry.resolution ?? null;
  const resolution = resolutionSummary(numbered, reported);
  const alerts: string[] = [];
  if (reported === null) {
    alerts.push('No resolution was reported: the checks that need one did not run, and some others may be less reliable.');
  }

  const levelsSeen = info.levels ?? numbered.filter((s) => s.level !== STANDALONE_LEVEL).map((s) => s.level);
  const { name, version } = info.tool && info.version ? { name: info.tool, version: info.version } : reportToolInfo();
  const generatedAt = info.generatedAt === undefined ? new Date() : info.generatedAt;

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: info.tool ?? name,
    version: info.version ?? version,
    generatedAt: typeof generatedAt === 'string' ? generatedAt : generatedAt.toISOString(),
    mode: info.mode ?? 'user',
    inputs: info.inputs ?? {},
    entry: info.entry,
    levels: sortLevels(levelsSeen),
    score: { passed, evaluable },
    summary: {
      abstract,
      resolution,
      scoreSentence: `The overall score (passing tests) of this report is ${passed} out of ${evaluable} evaluable items.`,
      rows,
      warnings,
      alerts,
    },
    outline,
    sections: numbered,
    context: reportContext(sortLevels(levelsSeen)),
  };
}

export function summaryLabel(s: SectionResult): string {
  return s.summaryLabel ?? `${s.id} ${s.title}`;
}

/** Levels deduplicated, canonical ones first in canonical order, others after in given order. */
export function sortLevels(levels: string[]): string[] {
  const unique = [...new Set(levels.map(String))];
  const rank = (l: string) => {
    const i = (CANONICAL_LEVELS as readonly string[]).indexOf(l);
    return i >= 0 ? i : CANONICAL_LEVELS.length + unique.indexOf(l);
  };
  return unique.sort((a, b) => rank(a) - rank(b));
}

function checkSections(sections: SectionResult[]): void {
  const seen = new Set<string>();
  for (const s of sections) {
    if (seen.has(s.id)) throw new Error(`report: two sections have the id "${s.id}"`);
    seen.add(s.id);
    if (s.status === 'ok' && s.warnings.length > 0) {
      throw new Error(`report: section ${s.id} has status "ok" but ${s.warnings.length} warning(s)`);
    }
    if (s.status === 'warnings' && s.warnings.length === 0) {
      throw new Error(`report: section ${s.id} has status "warnings" but no warning`);
    }
  }
}

interface SectionGroup {
  /** Undefined for a stand-alone chapter. */
  level?: string;
  sections: SectionResult[];
}

function readingOrder(sections: SectionResult[]): SectionGroup[] {
  const levelSections = sections.filter((s) => s.level !== STANDALONE_LEVEL);
  const levels = sortLevels(levelSections.map((s) => s.level));
  // Each stand-alone section opens the level of the next level section in the given order.
  const openers = new Map<string, SectionResult[]>();
  const trailing: SectionResult[] = [];
  sections.forEach((s, i) => {
    if (s.level !== STANDALONE_LEVEL) return;
    const next = sections.slice(i + 1).find((t) => t.level !== STANDALONE_LEVEL);
    if (next) openers.set(next.level, [...(openers.get(next.level) ?? []), s]);
    else trailing.push(s);
  });
  const byId = (a: SectionResult, b: SectionResult) => a.id.localeCompare(b.id, 'en', { numeric: true });
  const groups: SectionGroup[] = [];
  for (const level of levels) {
    for (const s of openers.get(level) ?? []) groups.push({ sections: [s] });
    groups.push({ level, sections: levelSections.filter((s) => s.level === level).sort(byId) });
  }
  for (const s of trailing) groups.push({ sections: [s] });
  return groups;
}

function abstractSentence(s: ReportSection): AbstractSentence {
  const text = s.abstract!.trim();
  if (s.status !== 'warnings') return { sectionId: s.id, text, sentence: text };
  const body = text.replace(/[.\s]+$/, '');
  return { sectionId: s.id, text, sectionNumber: s.number, sentence: `${body} (see Sec. ${s.number}).` };
}

/**
 * The summary's resolution paragraph. Estimates a section flagged unreliable (reliable: false)
 * stay out of the range, the mean and the overestimation test (reported < 0.8 × mean), and are
 * listed apart with their reason.
 */
function resolutionSummary(sections: ReportSection[], reported: number | null): ResolutionSummary | null {
  const all = sections.flatMap((s) =>
    (s.resolutionEstimates ?? []).filter((e) => Number.isFinite(e.value)).map((e) => ({ section: s, estimate: e })),
  );
  if (all.length === 0) return null;
  const estimates = all
    .filter(({ estimate }) => estimate.reliable !== false)
    .map(({ section, estimate }) => ({ sectionId: section.id, method: estimate.method, value: estimate.value }));
  const leftOut = all.filter(({ estimate }) => estimate.reliable === false);
  const unreliable = leftOut.map(({ section, estimate }) => ({
    sectionId: section.id,
    method: estimate.method,
    value: estimate.value,
    reason: estimate.unreliableReason ?? 'its section flagged it as unreliable',
  }));
  const f = (v: number) => `${v.toFixed(1)} Å`;
  const sentences: string[] = [];
  let min: number | null = null;
  let max: number | null = null;
  let mean: number | null = null;
  if (estimates.length > 0) {
    const values = estimates.map((e) => e.value);
    min = Math.min(...values);
    max = Math.max(...values);
    mean = values.reduce((a, b) => a + b, 0) / values.length;
    sentences.push(
      estimates.length === 1
        ? `The resolution estimated by ${estimates[0]!.method} is ${f(min)}.`
        : `The resolution estimated by ${estimates.length} methods goes from ${f(min)} to ${f(max)}, with an average of ${f(mean)}.`,
    );
  } else {
    sentences.push('No reliable resolution estimate is available.');
  }
  sentences.push(reported === null ? 'The resolution was not reported.' : `The reported resolution is ${f(reported)}.`);
  const mayBeOverestimated = reported !== null && mean !== null && reported < 0.8 * mean;
  if (mayBeOverestimated) {
    const of = estimates.length === 1 ? 'the estimate' : 'the average estimate';
    sentences.push(`The reported resolution may be overestimated: it is below 80% of ${of} (0.8 × ${f(mean!)} = ${f(0.8 * mean!)}).`);
  }
  if (unreliable.length > 0) {
    const listed = leftOut.map(({ section, estimate }, k) => {
      const where = section.number ? ` (Sec. ${section.number})` : '';
      return `${estimate.method}${where}, ${f(estimate.value)}: ${unreliable[k]!.reason.replace(/[.\s]+$/, '')}`;
    });
    sentences.push(`Left out as unreliable: ${listed.join('; ')}.`);
  }
  return { estimates, unreliable, min, max, mean, reported, mayBeOverestimated, sentences };
}
