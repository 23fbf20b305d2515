import type { DrawItem, Drawing } from './Drawing.js';

/** Escapes text for an XML text node or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const FONT_FAMILY = "'DejaVu Sans', Verdana, 'Helvetica Neue', Arial, sans-serif";

/**
 * Serialises a drawing as an inline SVG element. `idPrefix` keeps clip-path ids unique when many
 * drawings share one HTML page. `title` becomes the accessible name.
 */
export function drawingToSvg(drawing: Drawing, options: { idPrefix: string; title?: string }): string {
  const clipIds = { next: 0 };
  const body = drawing.items.map((item) => svgItem(item, options.idPrefix, clipIds)).join('');
  const w = fmt(drawing.width);
  const h = fmt(drawing.height);
  const title = options.title ? `<title>${escapeXml(options.title)}</title>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img"` +
    ` font-family="${escapeXml(FONT_FAMILY)}">${title}${body}</svg>`
  );
}

function svgItem(item: DrawItem, idPrefix: string, clipIds: { next: number }): string {
  switch (item.kind) {
    case 'polyline': {
      const dash = item.dash ? ` stroke-dasharray="${item.dash.join(' ')}"` : '';
      return (
        `<polyline points="${pointList(item.points)}" fill="none" stroke="${item.stroke}" stroke-width="${fmt(item.strokeWidth)}"` +
        ` stroke-linejoin="round"${dash}/>`
      );
    }
    case 'rect': {
      const fill = item.fill ? `fill="${item.fill}"${item.fillOpacity !== undefined ? ` fill-opacity="${item.fillOpacity}"` : ''}` : 'fill="none"';
      const stroke = item.stroke ? ` stroke="${item.stroke}" stroke-width="${fmt(item.strokeWidth ?? 1)}"` : '';
      return `<rect x="${fmt(item.x)}" y="${fmt(item.y)}" width="${fmt(item.width)}" height="${fmt(item.height)}" ${fill}${stroke}/>`;
    }
    case 'circle':
      return `<circle cx="${fmt(item.cx)}" cy="${fmt(item.cy)}" r="${fmt(item.r)}" fill="${item.fill}"/>`;
    case 'text': {
      const anchor = item.anchor === 'start' ? '' : ` text-anchor="${item.anchor}"`;
      const rotate = item.rotate ? ` transform="rotate(${-item.rotate} ${fmt(item.x)} ${fmt(item.y)})"` : '';
      const weight = item.bold ? ' font-weight="bold"' : '';
      const color = item.color ? ` fill="${item.color}"` : '';
      return `<text x="${fmt(item.x)}" y="${fmt(item.y)}" font-size="${fmt(item.size)}"${anchor}${rotate}${weight}${color}>${escapeXml(item.text)}</text>`;
    }
    case 'clip': {
      const id = `${idPrefix}-clip${clipIds.next++}`;
      const inner = item.items.map((i) => svgItem(i, idPrefix, clipIds)).join('');
      return (
        `<clipPath id="${escapeXml(id)}"><rect x="${fmt(item.x)}" y="${fmt(item.y)}" width="${fmt(item.width)}" height="${fmt(item.height)}"/></clipPath>` +
        `<g clip-path="url(#${escapeXml(id)})">${inner}</g>`
      );
    }
  }
}

function pointList(points: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) parts.push(`${fmt(points[i]!)},${fmt(points[i + 1]!)}`);
  return parts.join(' ');
}

function fmt(v: number): string {
  return String(Math.round(v * 100) / 100);
}
