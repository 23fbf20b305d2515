import { VrsInputError } from '../../errors/index.js';

export const CIF_END = 0;
export const CIF_VALUE = 1;
export const CIF_TAG = 2;
export const CIF_LOOP = 3;
export const CIF_DATA = 4;
/** save_, global_, stop_: frames and words we do not need but must not take for values. */
export const CIF_OTHER = 5;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Splits CIF 1.1 / mmCIF text into tokens: tags, values (bare, 'single' or "double" quoted, or
 * ;-delimited text fields), loop_ and data_ keywords; # comments are skipped. `unknown` marks the
 * bare values ? and . (quoted '?' is a literal question mark). One token at a time, so a large file
 * is never held twice.
 */
export class CifTokenizer {
  kind = CIF_END;
  value = '';
  unknown = false;
  line = 1;
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly source: string,
  ) {}

  private skipSpaceAndComments(): void {
    const text = this.text;
    const n = text.length;
    while (this.pos < n) {
      const c = text.charCodeAt(this.pos);
      if (c === 10) {
        this.line++;
        this.pos++;
      } else if (isSpace(c)) {
        this.pos++;
      } else if (c === 35) {
        const eol = text.indexOf('\n', this.pos);
        this.pos = eol < 0 ? n : eol;
      } else {
        return;
      }
    }
  }

  next(): number {
    this.skipSpaceAndComments();
    const text = this.text;
    const n = text.length;
    this.unknown = false;
    if (this.pos >= n) {
      this.kind = CIF_END;
      this.value = '';
      return this.kind;
    }
    const start = this.pos;
    const c = text.charCodeAt(start);
    const atLineStart = start === 0 || text.charCodeAt(start - 1) === 10 || text.charCodeAt(start - 1) === 13;

    if (c === 59 && atLineStart) {
      // ;text field: runs to the next line that starts with ';'.
      const close = text.indexOf('\n;', start + 1);
      if (close < 0) throw new VrsInputError('text field opened with ";" is never closed', this.source, `line ${this.line}`);
      let body = text.slice(start + 1, close);
      if (body.endsWith('\r')) body = body.slice(0, -1);
      for (let i = start; i < close + 1; i++) if (text.charCodeAt(i) === 10) this.line++;
      this.pos = close + 2;
      this.kind = CIF_VALUE;
      this.value = body;
      return this.kind;
    }

    if (c === 39 || c === 34) {
      // A quote closes only when followed by whitespace or the end: 'O5'' style names stay intact.
      const quote = text[start]!;
      let close = text.indexOf(quote, start + 1);
      while (close >= 0 && close + 1 < n && !isSpace(text.charCodeAt(close + 1))) close = text.indexOf(quote, close + 1);
      const eol = text.indexOf('\n', start);
      if (close < 0 || (eol >= 0 && close > eol)) {
        throw new VrsInputError(`quoted value starting ${text.slice(start, start + 20)} is not closed on its line`, this.source, `line ${this.line}`);
      }
      this.pos = close + 1;
      this.kind = CIF_VALUE;
      this.value = text.slice(start + 1, close);
      return this.kind;
    }

    let end = start + 1;
    while (end < n && !isSpace(text.charCodeAt(end))) end++;
    this.pos = end;
    const word = text.slice(start, end);
    this.value = word;
    if (c === 95) {
      this.kind = CIF_TAG;
    } else if (end - start >= 5 && (c === 100 || c === 68) && word.slice(0, 5).toLowerCase() === 'data_') {
      this.kind = CIF_DATA;
    } else if (end - start === 5 && (c === 108 || c === 76) && word.toLowerCase() === 'loop_') {
      this.kind = CIF_LOOP;
    } else if ((c === 115 || c === 83 || c === 103 || c === 71) && /^(save_|global_$|stop_$)/i.test(word)) {
      this.kind = CIF_OTHER;
    } else {
      this.kind = CIF_VALUE;
      this.unknown = word === '?' || word === '.';
    }
    return this.kind;
  }
}
