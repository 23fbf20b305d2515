import type { PDFFont, RGB } from 'pdf-lib';

/** A stretch of text in one font, size and colour. */
export interface TextRun {
  text: string;
  font: PDFFont;
  size: number;
  color: RGB;
}

/** A laid-out line: pieces with their x offset from the line start. */
export interface TextLine {
  pieces: (TextRun & { x: number })[];
  width: number;
}

/** Caches advance widths: measuring through fontkit is the slow part of laying out a PDF. */
export class TextMeasurer {
  private readonly cache = new Map<PDFFont, Map<string, number>>();
  width(font: PDFFont, text: string, size: number): number {
    let perFont = this.cache.get(font);
    if (!perFont) {
      perFont = new Map();
      this.cache.set(font, perFont);
    }
    let unit = perFont.get(text);
    if (unit === undefined) {
      unit = font.widthOfTextAtSize(text, 1);
      perFont.set(text, unit);
    }
    return unit * size;
  }
}

/** Text as the PDF can show it: no control characters; any run of white space is one space. */
export function cleanText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ');
}

/**
 * Greedy line breaking of styled runs at spaces (and after "-", "/", "_" inside long tokens),
 * breaking inside a word only when the word alone is wider than the line (hashes, long file names).
 */
export function wrapTextRuns(runs: TextRun[], maxWidth: number, measure: TextMeasurer): TextLine[] {
  type Token = TextRun & { space: boolean };
  const tokens: Token[] = [];
  for (const run of runs) {
    for (const part of cleanText(run.text).split(/(\s+)/)) {
      if (part === '') continue;
      tokens.push({ ...run, text: part, space: /^\s+$/.test(part) });
    }
  }
  const lines: TextLine[] = [];
  let line: TextLine = { pieces: [], width: 0 };
  const push = (t: Token, w: number) => {
    const last = line.pieces[line.pieces.length - 1];
    if (last && last.font === t.font && last.size === t.size && last.color === t.color) last.text += t.text;
    else line.pieces.push({ text: t.text, font: t.font, size: t.size, color: t.color, x: line.width });
    line.width += w;
  };
  const flush = () => {
    // Trailing spaces take no room.
    const last = line.pieces[line.pieces.length - 1];
    if (last && /\s$/.test(last.text)) {
      const trimmed = last.text.replace(/\s+$/, '');
      line.width -= measure.width(last.font, last.text.slice(trimmed.length), last.size);
      last.text = trimmed;
    }
    lines.push(line);
    line = { pieces: [], width: 0 };
  };
  for (const t of tokens) {
    if (t.space) {
      if (line.pieces.length === 0) continue; // no leading spaces
      push({ ...t, text: ' ' }, measure.width(t.font, ' ', t.size));
      continue;
    }
    const w = measure.width(t.font, t.text, t.size);
    if (line.width + w <= maxWidth + 1e-6) {
      push(t, w);
      continue;
    }
    if (line.pieces.length > 0 && w <= maxWidth) {
      flush();
      push(t, w);
      continue;
    }
    // The word does not fit on any line: cut it, preferring break characters.
    let rest = t.text;
    while (rest.length > 0) {
      const room = maxWidth - line.width;
      let cut = fittingPrefix(rest, room, t, measure);
      if (cut === 0) {
        if (line.pieces.length > 0) {
          flush();
          continue;
        }
        cut = 1; // a single glyph wider than the line: place it anyway
      }
      const head = rest.slice(0, cut);
      push({ ...t, text: head }, measure.width(t.font, head, t.size));
      rest = rest.slice(cut);
      if (rest.length > 0) flush();
    }
  }
  if (line.pieces.length > 0 || lines.length === 0) flush();
  return lines;
}

function fittingPrefix(text: string, room: number, run: TextRun, measure: TextMeasurer): number {
  const chars = [...text];
  let low = 0;
  let high = chars.length;
  // Longest prefix (in code points) that fits, by bisection.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure.width(run.font, chars.slice(0, mid).join(''), run.size) <= room + 1e-6) low = mid;
    else high = mid - 1;
  }
  if (low === 0 || low === chars.length) return chars.slice(0, low).join('').length;
  // Prefer to break after a separator when one is in the last third of the prefix.
  const prefix = chars.slice(0, low).join('');
  const separator = Math.max(prefix.lastIndexOf('-'), prefix.lastIndexOf('/'), prefix.lastIndexOf('_'), prefix.lastIndexOf(','));
  return separator > prefix.length * 0.66 ? separator + 1 : prefix.length;
}
