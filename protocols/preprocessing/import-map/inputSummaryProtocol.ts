import { defineProtocol, type SectionResult } from '../../../core/index.js';
import type { MapInfo } from './MapInfo.js';

/**
 * A first "Input data" section from the import alone: file, SHA-256, grid, voxel size, origin,
 * statistics and the reader's notes. The level-0 checks extend it with slices, views and masks.
 */
export const inputSummaryProtocol = defineProtocol({
  id: 'vrs.inputSummary',
  version: '1',
  title: 'Input data summary',
  description: 'The report section describing the input map as read.',
  section: { id: 'input', level: 'input', title: 'Input data' },
  params: {
    threshold: { type: 'number', description: 'Contour level given by the user, in the density units of the map.' },
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å.' },
  },
  inputs: {
    info: { kind: 'json', description: 'The info output of vrs.importMap.' },
  },
  outputs: {
    section: { kind: 'section' },
  },
  async run(ctx) {
    const info = await ctx.inputs.json<MapInfo>('info');
    const [nx, ny, nz] = info.dims;
    const [sx, sy, sz] = info.voxelSize;
    const { threshold, resolution } = ctx.params;
    const section: SectionResult = {
      id: 'input',
      level: 'input',
      title: 'Input data',
      method: 'Map header and data statistics as read',
      status: 'no-criteria',
      warnings: [],
      metrics: {
        fileName: info.fileName,
        sha256: info.sha256,
        ...(info.sha256Decompressed ? { sha256Decompressed: info.sha256Decompressed } : {}),
        dims: info.dims,
        voxelSize: info.voxelSize,
        origin: info.origin,
        threshold: threshold ?? null,
        resolution: resolution ?? null,
        dataStats: info.dataStats,
        headerNotes: info.notes,
      },
      explanation: 'The map as the validation read it: its grid, sampling and statistics, and every normalisation applied to the header.',
      results: [
        `File ${info.fileName}, SHA-256 ${info.sha256}.`,
        `Grid ${nx} × ${ny} × ${nz} voxels of ${fmt(sx)} × ${fmt(sy)} × ${fmt(sz)} Å, origin (${info.origin.map(fmt).join(', ')}) Å.`,
        `Density from ${fmt(info.dataStats.min)} to ${fmt(info.dataStats.max)}, mean ${fmt(info.dataStats.mean)}, standard deviation ${fmt(info.dataStats.rms)}.`,
        ...(threshold !== undefined ? [`Threshold ${fmt(threshold)}.`] : []),
        ...(resolution !== undefined ? [`Reported resolution ${fmt(resolution)} Å.`] : []),
      ],
      notes: info.notes,
    };
    return { section: { kind: 'section', value: section } };
  },
});

function fmt(value: number): string {
  return Number(value.toPrecision(6)).toString();
}
