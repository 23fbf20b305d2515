import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { SourceLocation, WorkflowIssue } from './WorkflowIssue.js';
import { yamlAliasError, yamlLimits } from './yamlLimits.js';

/**
 * A parsed YAML file that can say where any value sits: `locate(['steps', 'mask', 'params'])`
 * gives the line of that value, `locate([...], 'key')` the line of its key.
 */
export class YamlSource {
  readonly data: unknown;
  /** Syntax problems (including duplicate keys), with their positions. */
  readonly syntaxIssues: WorkflowIssue[];
  readonly #doc: Document.Parsed;
  readonly #lines: LineCounter;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.#lines = new LineCounter();
    this.#doc = parseDocument(text, { lineCounter: this.#lines, prettyErrors: false, uniqueKeys: true });
    this.syntaxIssues = this.#doc.errors.map((error) => ({
      message: error.code === 'DUPLICATE_KEY' ? this.#duplicateKeyMessage(error.pos[0]) : error.message.split('\n')[0]!,
      location: this.#at(error.pos[0]),
    }));
    try {
      this.data = this.syntaxIssues.length === 0 ? this.#doc.toJS({ maxAliasCount: yamlLimits.maxAliases }) : undefined;
    } catch (error) {
      throw yamlAliasError(error, file);
    }
  }

  /** Location of the value at `path` (or of its key); falls back to the closest existing parent. */
  locate(path: readonly (string | number)[], which: 'value' | 'key' = 'value'): SourceLocation {
    let node: unknown = this.#doc.contents;
    let best: SourceLocation = this.#at(rangeStart(node) ?? 0);
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === segment);
        if (!pair) return best;
        const keyStart = rangeStart(pair.key);
        if (last && which === 'key' && keyStart !== undefined) return this.#at(keyStart);
        node = pair.value;
        const valueStart = rangeStart(node) ?? keyStart;
        if (valueStart !== undefined) best = this.#at(valueStart);
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
        const start = rangeStart(node);
        if (start === undefined) return best;
        best = this.#at(start);
      } else {
        return best;
      }
    }
    return best;
  }

  #at(offset: number): SourceLocation {
    const { line, col } = this.#lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  #duplicateKeyMessage(offset: number): string {
    const steps = isMap(this.#doc.contents) ? this.#doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'steps')?.value : undefined;
    if (isMap(steps)) {
      const duplicate = steps.items.find((pair) => rangeStart(pair.key) === offset);
      if (duplicate && isScalar(duplicate.key)) return `duplicate step "${String(duplicate.key.value)}"`;
    }
    return 'duplicate key: the same name is defined twice in this mapping';
  }
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
