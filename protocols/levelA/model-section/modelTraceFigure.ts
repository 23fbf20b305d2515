import {
  encodePng,
  formatPrintf,
  rgbHex,
  STANDARD_VIEW_ANGLES,
  type FigureWithFiles,
  type SectionTable,
  type Volume,
  type VoxelArray,
} from '../../../core/index.js';
// Deep import until core/render/index.ts exports the file (the lead adds the line).
import { chainColor, renderModelTraceViews } from '../../../core/index.js';
import type { TracePiece } from './backboneTrace.js';

export interface ModelTraceFigureOptions {
  /** Figure id; also the prefix of the file names (`<id>_1.png`, …). */
  id: string;
  /** Chains in the order their colours are handed out (the model's order); chains without trace get a colour too. */
  chains: readonly string[];
  /** The map and contour the trace is drawn over; absent: the trace alone. */
  map?: { volume: Volume<VoxelArray>; threshold: number };
  size?: number;
}

/**
 * The model's backbone trace over the map's isosurface from the three standard views, as PNG
 * panels named and captioned as in isosurfaceFigure, with the chain → colour legend as a table.
 */
export function modelTraceFigure(pieces: readonly TracePiece[], opts: ModelTraceFigureOptions): FigureWithFiles & { legend: SectionTable; surfaceEmpty: boolean } {
  const size = opts.size ?? 480;
  const colourOf = new Map(opts.chains.map((chain, n) => [chain, chainColor(n)]));
  const polylines = pieces.map((piece) => ({ points: piece.points, color: colourOf.get(piece.chain) ?? chainColor(colourOf.size) }));
  const views = renderModelTraceViews(opts.map?.volume, polylines, { threshold: opts.map?.threshold, width: size, height: size });
  const files: Record<string, Uint8Array> = {};
  const panels = views.images.map((image, i) => {
    const file = `${opts.id}_${i + 1}.png`;
    files[file] = encodePng(image);
    const [a, b, c] = views.angles[i]!;
    return { file, caption: `View ${i + 1} (${a}, ${b}, ${c})`, width: image.width, height: image.height };
  });
  const angles = STANDARD_VIEW_ANGLES.map(([a, b, c], i) => `View ${i + 1} (${a}, ${b}, ${c})`).join(', ');
  const traced = new Set(pieces.map((p) => p.chain));
  const chainList = opts.chains
    .filter((chain) => traced.has(chain))
    .map((chain) => `${chain === '' ? '(blank)' : chain} ${rgbHex(colourOf.get(chain)!)}`)
    .join(', ');
  const under = opts.map
    ? `over the map's isosurface at threshold ${formatPrintf(opts.map.threshold, '%f')} (lightened grey)`
    : 'alone (no map surface: the model does not fit the map)';
  const caption = `Backbone trace of the model (CA–CA for protein, P–P for nucleic acids; broken at chain ends and gaps), coloured by chain, ${under}, seen from the x, y, z turns ${angles}. Chains: ${chainList || 'none traced'}.`;
  const pieceCount = new Map<string, { pieces: number; residues: number }>();
  for (const piece of pieces) {
    const entry = pieceCount.get(piece.chain) ?? { pieces: 0, residues: 0 };
    entry.pieces++;
    entry.residues += piece.residues.length;
    pieceCount.set(piece.chain, entry);
  }
  const legend: SectionTable = {
    id: `${opts.id}_legend`,
    caption: 'Colour of each chain in the trace views, with the residues traced (CA or P atoms) and the unbroken pieces.',
    columns: [
      { key: 'chain', label: 'Chain' },
      { key: 'colour', label: 'Colour' },
      { key: 'traced', label: 'Residues traced' },
      { key: 'pieces', label: 'Pieces' },
    ],
    rows: opts.chains.map((chain) => ({
      chain: chain === '' ? '(blank)' : chain,
      colour: rgbHex(colourOf.get(chain)!),
      traced: pieceCount.get(chain)?.residues ?? 0,
      pieces: pieceCount.get(chain)?.pieces ?? 0,
    })),
  };
  return { figure: { id: opts.id, caption, panels }, files, legend, surfaceEmpty: views.surfaceEmpty };
}
