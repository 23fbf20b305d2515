import ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { VrsInputError } from '../errors/index.js';
import { readReportAsset } from './reportAssets.js';
import type { ReportJson } from './ReportJson.js';
import { isEvaluable } from './statusText.js';

/** Path of the report JSON Schema inside core/report. */
export const REPORT_SCHEMA_FILE = 'schema/report.schema.json';

// ajv is CommonJS: Node hands ESM the module object, whose `default` is the class.
type AjvClass = typeof ajv2020.default;
const Ajv2020: AjvClass = (ajv2020 as unknown as { default?: AjvClass }).default ?? (ajv2020 as unknown as AjvClass);

let compiled: ValidateFunction | undefined;

/** The JSON Schema of report.json (draft 2020-12). */
export function reportSchema(): Record<string, unknown> {
  return JSON.parse(readReportAsset(REPORT_SCHEMA_FILE)) as Record<string, unknown>;
}

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    // RFC 3339 date-time, the only format the schema uses (no ajv-formats dependency for one regex).
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    compiled = ajv.compile(reportSchema());
  }
  return compiled!;
}

/**
 * Checks a report against the JSON Schema and the rules the schema cannot express (unique section
 * ids, outline and summary rows that point at existing sections, a score that matches the
 * statuses). Throws VrsInputError naming `source` and the first offending field.
 */
export function validateReport(report: unknown, source = 'report.json'): asserts report is ReportJson {
  const validate = validator();
  if (!validate(report)) {
    const errors = validate.errors ?? [];
    const lines = errors.slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`);
    const more = errors.length > 8 ? `; and ${errors.length - 8} more` : '';
    throw new VrsInputError(`does not match the report schema: ${lines.join('; ')}${more}`, source, errors[0]?.instancePath || '/');
  }
  const r = report as ReportJson;
  const ids = new Set<string>();
  r.sections.forEach((s, i) => {
    if (ids.has(s.id)) throw new VrsInputError(`two sections have the id "${s.id}"`, source, `/sections/${i}/id`);
    ids.add(s.id);
  });
  const outlined = r.outline.flatMap((c) => c.sectionIds);
  const missing = outlined.find((id) => !ids.has(id));
  if (missing !== undefined) throw new VrsInputError(`the outline names section "${missing}", which is not in sections`, source, '/outline');
  if (outlined.length !== r.sections.length || outlined.some((id, i) => r.sections[i]!.id !== id)) {
    throw new VrsInputError('the outline does not list the sections in their order', source, '/outline');
  }
  for (const [i, row] of r.summary.rows.entries()) {
    if (!ids.has(row.sectionId)) throw new VrsInputError(`summary row for unknown section "${row.sectionId}"`, source, `/summary/rows/${i}`);
  }
  const evaluable = r.sections.filter((s) => isEvaluable(s.status)).length;
  const passed = r.sections.filter((s) => s.status === 'ok').length;
  if (r.score.evaluable !== evaluable || r.score.passed !== passed) {
    throw new VrsInputError(
      `score ${r.score.passed}/${r.score.evaluable} does not match the section statuses (${passed}/${evaluable})`,
      source,
      '/score',
    );
  }
}
