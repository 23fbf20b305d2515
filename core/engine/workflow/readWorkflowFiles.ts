import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkWorkflowSchema } from './checkWorkflowSchema.js';
import type { RawWorkflowFile } from './RawWorkflow.js';
import type { WorkflowIssue } from './WorkflowIssue.js';
import { YamlSource } from './YamlSource.js';
import { readYamlText } from './yamlLimits.js';

export interface WorkflowFile {
  source: YamlSource;
  raw: RawWorkflowFile;
}

/**
 * Reads a workflow file and, depth first, the files it includes (each file once; included files
 * come before the including one). Every file is parsed and schema-checked; problems are collected.
 */
export function readWorkflowFiles(file: string): { files: WorkflowFile[]; issues: WorkflowIssue[] } {
  const files: WorkflowFile[] = [];
  const issues: WorkflowIssue[] = [];
  const done = new Set<string>();
  const visit = (path: string, chain: string[]): void => {
    if (done.has(path)) return;
    done.add(path);
    const source = new YamlSource(path, readYamlText(path, 'workflow file'));
    if (source.syntaxIssues.length > 0) {
      issues.push(...source.syntaxIssues);
      return;
    }
    const schemaIssues = checkWorkflowSchema(source);
    if (schemaIssues.length > 0) {
      issues.push(...schemaIssues);
      return;
    }
    const raw = source.data as RawWorkflowFile;
    (raw.include ?? []).forEach((included, index) => {
      const target = resolve(dirname(path), included);
      const location = source.locate(['include', index]);
      if (chain.includes(target)) {
        issues.push({ message: `include cycle: ${[...chain.slice(chain.indexOf(target)), target].join(' → ')}`, location });
      } else if (!existsSync(target)) {
        issues.push({ message: `included file not found: ${included} (looked at ${target})`, location });
      } else if (statSync(target).isDirectory()) {
        issues.push({ message: `included file ${included} is a folder (${target}); include the workflow files in it one by one`, location });
      } else {
        visit(target, [...chain, target]);
      }
    });
    files.push({ source, raw });
  };
  visit(resolve(file), [resolve(file)]);
  return { files, issues };
}
