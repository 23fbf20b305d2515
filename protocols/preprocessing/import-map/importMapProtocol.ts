import { basename } from 'node:path';
import { checkSameGrid, defineProtocol, readMap } from '../../../core/index.js';
import type { MapInfo } from './MapInfo.js';

/**
 * The canonical map-ingest node: reads the map once (any supported mode, byte order, axis order,
 * gzip), normalises it to our x-fastest layout with its origin and voxel size, and hands every
 * later step the same float32 volume plus what the header said and what was changed.
 */
export const importMapProtocol = defineProtocol({
  id: 'vrs.importMap',
  version: '2',
  title: 'Import map',
  description: 'Reads an MRC/CCP4 map (optionally gzipped) and records its geometry, header notes and SHA-256.',
  execution: 'worker',
  params: {
    file: { type: 'path', required: true, description: 'The map file (.map, .mrc, .ccp4, optionally .gz).' },
    voxelSize: { type: 'number', min: 0, description: "Voxel size in Å overriding the header's (the override is noted); default: from the header." },
  },
  inputs: {
    sameGridAs: {
      kind: 'json',
      optional: true,
      description: "Another map's info output: this map must lie on its grid (box, voxel size, origin), as half maps must lie on the map's; otherwise an input error naming this file and the field stops the run here.",
    },
  },
  outputs: {
    map: { kind: 'volume', description: 'The map as float32, x fastest, with origin and voxel size.' },
    info: { kind: 'json', description: 'File name, SHA-256, geometry, header fields, statistics and reader notes (MapInfo).' },
  },
  async run(ctx) {
    ctx.progress(0, 'reading');
    const { voxelSize } = ctx.params;
    const map = await readMap(ctx.params.file, voxelSize !== undefined ? { voxelSize } : {});
    for (const note of map.notes) ctx.logger.info(`reader note: ${note}`);
    const { header } = map;
    if (ctx.inputs.has('sameGridAs')) {
      const reference = await ctx.inputs.json<MapInfo>('sameGridAs');
      checkSameGrid(reference, map.volume, { reference: reference.fileName, other: basename(ctx.params.file) });
    }
    const info: MapInfo = {
      fileName: basename(ctx.params.file),
      sha256: map.sha256,
      ...(map.sha256Decompressed ? { sha256Decompressed: map.sha256Decompressed } : {}),
      dims: [...map.volume.dims],
      voxelSize: [...map.volume.voxelSize],
      origin: [...map.volume.origin],
      header: {
        mode: header.mode,
        endianness: header.endianness,
        axisOrder: header.axisOrder,
        cellA: header.cellA,
        cellB: header.cellB,
        spaceGroup: header.spaceGroup,
        originSource: header.originSource,
        labels: header.labels,
        stats: header.headerStats,
      },
      dataStats: map.dataStats,
      notes: map.notes,
    };
    ctx.progress(1, 'read');
    return { map: { kind: 'volume', value: map.volume }, info: { kind: 'json', value: info } };
  },
});
