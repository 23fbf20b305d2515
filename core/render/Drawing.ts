/**
 * A small vector display list: what a plot or a colour bar looks like, independent of the output
 * format. Coordinates are in points, origin top-left, y downwards (as in SVG); the PDF renderer
 * flips y. Colours are #rrggbb.
 */
export interface Drawing {
  width: number;
  height: number;
  items: DrawItem[];
}

export type DrawItem = PolylineItem | RectItem | CircleItem | TextItem | ClipGroupItem;

export interface PolylineItem {
  kind: 'polyline';
  /** x0, y0, x1, y1, … */
  points: number[];
  stroke: string;
  strokeWidth: number;
  dash?: [number, number];
}

export interface RectItem {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill?: string;
  fillOpacity?: number;
  stroke?: string;
  strokeWidth?: number;
}

export interface CircleItem {
  kind: 'circle';
  cx: number;
  cy: number;
  r: number;
  fill: string;
}

export interface TextItem {
  kind: 'text';
  /** Anchor point; y is the text baseline. */
  x: number;
  y: number;
  text: string;
  size: number;
  anchor: 'start' | 'middle' | 'end';
  /** Rotation about the anchor, degrees counter-clockwise (90 for a y-axis label). */
  rotate?: 90;
  bold?: boolean;
  color?: string;
}

/** Items drawn only inside a rectangle (the data area of a plot). */
export interface ClipGroupItem {
  kind: 'clip';
  x: number;
  y: number;
  width: number;
  height: number;
  items: DrawItem[];
}

/**
 * Approximate advance width of `text` in DejaVu Sans at `size` points, for layout decisions
 * (margins, legend wrapping). Renderers still place text by its anchor, so a small error only
 * changes spacing.
 */
export function estimateTextWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) {
    if ('il.,:;|!\'’‘ '.includes(ch)) em += 0.32;
    else if ('MWmw%@'.includes(ch)) em += 0.9;
    else if (ch >= 'A' && ch <= 'Z') em += 0.7;
    else em += 0.6;
  }
  return em * size;
}
