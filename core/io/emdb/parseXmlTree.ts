import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { VrsInputError } from '../../errors/index.js';

/** An XML element as the EMDB header reader walks it: name, attributes, child elements, own text. */
export interface XmlElement {
  name: string;
  /** Attribute values, entity and character references decoded. */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text nodes, in order, references decoded (child elements' text excluded). */
  texts: string[];
}

/** Deeper nesting is refused: EMDB headers are under ten levels deep. */
const MAX_DEPTH = 64;

/**
 * Parses a small XML document into an element tree, refusing rather than trusting it: larger than
 * `maxChars` characters, not well formed (fast-xml-parser's validator: unclosed or mismatched tags,
 * bad attributes; reported with line and column), nested deeper than 64 levels, a character
 * reference to no XML character (`&#99999999;`), or an entity other than XML's five predefined
 * ones. Entity declarations in a DOCTYPE are never expanded (no "billion laughs").
 */
export function parseXmlTree(text: string, source: string, maxChars: number): XmlElement {
  if (text.length > maxChars) throw new VrsInputError(`XML text of ${text.length} characters is larger than the ${maxChars} allowed`, source);
  checkReferences(text, source);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new VrsInputError(`malformed XML: ${describeError(valid.err.code, valid.err.msg)}${where(valid.err.line, valid.err.col)}`, source);
  let ordered: OrderedNode[];
  try {
    ordered = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      processEntities: false,
      htmlEntities: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      maxNestedTags: MAX_DEPTH,
    }).parse(text) as OrderedNode[];
  } catch (error) {
    throw new VrsInputError(`malformed XML: ${(error as Error).message}`, source);
  }
  const roots = ordered.map(toElement).filter((e): e is XmlElement => e !== undefined);
  if (roots.length !== 1) throw new VrsInputError(roots.length === 0 ? 'no XML root element' : `${roots.length} root elements; XML allows one`, source);
  return roots[0]!;
}

/** Child elements named `name`, in document order. */
export function xmlChildren(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** The first element named `name` below `element` (depth first, document order). */
export function xmlDescendant(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!element) return undefined;
  for (const c of element.children) {
    if (c.name === name) return c;
    const found = xmlDescendant(c, name);
    if (found) return found;
  }
  return undefined;
}

/** The element's own text, nodes joined. */
export function xmlText(element: XmlElement): string {
  return element.texts.join('');
}

/** fast-xml-parser's preserveOrder output: `{ tag: children, ':@': attributes }` or `{ '#text': text }`. */
type OrderedNode = Record<string, unknown>;

function toElement(node: OrderedNode): XmlElement | undefined {
  const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text' && !k.startsWith('?') && !k.startsWith('!'));
  if (name === undefined) return undefined;
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries((node[':@'] as Record<string, unknown> | undefined) ?? {})) attributes[k] = decodeReferences(String(v));
  const children: XmlElement[] = [];
  const texts: string[] = [];
  for (const c of (node[name] as OrderedNode[] | undefined) ?? []) {
    if ('#text' in c) texts.push(decodeReferences(String(c['#text'])));
    else {
      const e = toElement(c);
      if (e) children.push(e);
    }
  }
  return { name, attributes, children, texts };
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z_][\w.-]*);/g;

/**
 * Every reference in the document must resolve without a DTD: one of the five predefined entities
 * or a character reference to a character XML allows (XML 1.0 §2.2: #x9, #xA, #xD, #x20–#xD7FF,
 * #xE000–#xFFFD, #x10000–#x10FFFF). One linear scan; the first fault is reported with its line.
 */
function checkReferences(text: string, source: string): void {
  // References mean nothing inside comments and CDATA sections: blank those out (same length, so
  // line numbers stay right) before looking.
  const markup = text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (span) => span.replace(/[^\n]/g, ' '));
  for (const m of markup.matchAll(REFERENCE)) {
    const body = m[1]!;
    const fault = body.startsWith('#')
      ? isXmlChar(codePoint(body))
        ? undefined
        : `character reference ${m[0]} names no XML character`
      : Object.hasOwn(PREDEFINED, body)
        ? undefined
        : `entity reference ${m[0]} is not one of XML's predefined entities (entity declarations are not expanded)`;
    if (fault) throw new VrsInputError(`malformed XML: ${fault} (line ${lineOf(text, m.index)})`, source);
  }
}

function decodeReferences(s: string): string {
  return s.replace(REFERENCE, (whole, body: string) => (body.startsWith('#') ? String.fromCodePoint(codePoint(body)) : (PREDEFINED[body] ?? whole)));
}

function codePoint(body: string): number {
  return body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
}

function isXmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

function where(line: number | undefined, column: number | undefined): string {
  if (line === undefined) return '';
  return column === undefined ? ` (line ${line})` : ` (line ${line}, column ${column})`;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The validator lists every unclosed tag in its message; say how many, and the outermost. */
function describeError(code: string, message: string): string {
  const unclosed = /^Invalid '(\[[\s\S]*\])' found\.?$/.exec(message);
  if (code === 'InvalidXml' && unclosed) {
    let names: unknown;
    try {
      names = JSON.parse(unclosed[1]!);
    } catch {
      names = undefined;
    }
    if (Array.isArray(names) && names.length > 0) return `${names.length} element${names.length === 1 ? ' is' : 's are'} never closed (the outermost is <${String(names[0])}>)`;
  }
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}
