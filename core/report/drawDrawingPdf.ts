import {
  clip,
  degrees,
  endPath,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  type PDFPage,
  type RGB,
} from 'pdf-lib';
import type { DrawItem, Drawing } from '../render/index.js';
import type { PdfFonts } from './pdfFonts.js';
import { cleanText, type TextMeasurer } from './wrapTextRuns.js';

export function hexToRgb(hex: string): RGB {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return rgb(0, 0, 0);
  return rgb(parseInt(m[1]!, 16) / 255, parseInt(m[2]!, 16) / 255, parseInt(m[3]!, 16) / 255);
}

/**
 * Draws a vector drawing (plot, colour bar) on a PDF page with its top-left corner at (left, top)
 * — `top` measured from the top of the page — scaled by `scale`. Lines, bars and text stay vector.
 */
export function drawDrawingPdf(page: PDFPage, drawing: Drawing, left: number, top: number, scale: number, fonts: PdfFonts, measure: TextMeasurer): void {
  const pageHeight = page.getHeight();
  const X = (x: number) => left + x * scale;
  const Y = (y: number) => pageHeight - (top + y * scale);
  const draw = (item: DrawItem): void => {
    switch (item.kind) {
      case 'polyline': {
        if (item.points.length < 4) return;
        let path = `M ${item.points[0]} ${item.points[1]}`;
        for (let i = 2; i + 1 < item.points.length; i += 2) path += ` L ${item.points[i]} ${item.points[i + 1]}`;
        page.drawSvgPath(path, {
          x: left,
          y: pageHeight - top,
          scale,
          borderColor: hexToRgb(item.stroke),
          borderWidth: item.strokeWidth,
          borderDashArray: item.dash,
        });
        return;
      }
      case 'rect':
        page.drawRectangle({
          x: X(item.x),
          y: Y(item.y + item.height),
          width: item.width * scale,
          height: item.height * scale,
          color: item.fill ? hexToRgb(item.fill) : undefined,
          opacity: item.fill ? (item.fillOpacity ?? 1) : undefined,
          borderColor: item.stroke ? hexToRgb(item.stroke) : undefined,
          borderWidth: item.stroke ? (item.strokeWidth ?? 1) * scale : undefined,
        });
        return;
      case 'circle':
        page.drawCircle({ x: X(item.cx), y: Y(item.cy), size: item.r * scale, color: hexToRgb(item.fill) });
        return;
      case 'text': {
        const font = item.bold ? fonts.bold : fonts.regular;
        const size = item.size * scale;
        const text = cleanText(item.text);
        const width = measure.width(font, text, size);
        const shift = item.anchor === 'start' ? 0 : item.anchor === 'middle' ? width / 2 : width;
        const color = item.color ? hexToRgb(item.color) : rgb(0, 0, 0);
        if (item.rotate === 90) page.drawText(text, { x: X(item.x), y: Y(item.y) - shift, size, font, color, rotate: degrees(90) });
        else page.drawText(text, { x: X(item.x) - shift, y: Y(item.y), size, font, color });
        return;
      }
      case 'clip':
        page.pushOperators(pushGraphicsState(), rectangle(X(item.x), Y(item.y + item.height), item.width * scale, item.height * scale), clip(), endPath());
        item.items.forEach(draw);
        page.pushOperators(popGraphicsState());
        return;
    }
  };
  drawing.items.forEach(draw);
}
