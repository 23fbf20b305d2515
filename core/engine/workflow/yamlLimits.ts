import { readFileSync, statSync } from 'node:fs';
import { VrsInputError } from '../../errors/index.js';

/**
 * Limits on the YAML files vrs reads (workflows and their includes, --params-file, the config).
 * Ours are a few kB; the size limit bounds the parsing time (the yaml library is linear in the
 * text), the alias limit the expansion ("billion laughs": 12 levels of 10 aliases are 10¹² nodes).
 */
export const yamlLimits = {
  /** Largest file parsed, in bytes (refused from its size alone, before reading). */
  maxBytes: 4 * 1024 * 1024,
  /** The yaml library's maxAliasCount: alias nodes resolved, weighted by what they expand to. */
  maxAliases: 100,
} as const;

/** The text of a YAML file, refused (naming the file and the limit) when larger than yamlLimits.maxBytes. */
export function readYamlText(file: string, what: string): string {
  const size = statSync(file).size;
  if (size > yamlLimits.maxBytes) {
    throw new VrsInputError(
      `${what} of ${(size / 1024 / 1024).toFixed(1)} MB is larger than the limit of ${yamlLimits.maxBytes / 1024 / 1024} MB for YAML files; refused before parsing`,
      file,
    );
  }
  return readFileSync(file, 'utf8');
}

/** The yaml library's refusal of an alias bomb ("Excessive alias count …"), as an input error naming the file; other errors as they are. */
export function yamlAliasError(error: unknown, file: string): unknown {
  if (error instanceof Error && /excessive alias count/i.test(error.message)) {
    return new VrsInputError(
      `too many YAML aliases (limit ${yamlLimits.maxAliases}): aliases of aliases expand to more values than any vrs file needs (a resource exhaustion attack?); write the values out`,
      file,
    );
  }
  return error;
}
