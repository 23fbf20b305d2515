import { checkSameGrid, defineProtocol, sliceFigure, type SectionFigure, type SectionResult } from '../../../core/index.js';
import type { MapInfo } from '../../preprocessing/import-map/MapInfo.js';

/**
 * The "Half maps" input section of level 1 (vrs-spec §7.0): the two half maps' names and SHA-256,
 * and the slices of maximum variance of each half and of their difference — which should be
 * structureless noise. Stops the level with an input error, naming the half map and the field,
 * when a half is not on the map's grid (box, voxel size, origin): every level-1 check compares
 * the halves voxel by voxel with each other and with the map's masks.
 */
export const halfMapsProtocol = defineProtocol({
  id: 'vrs.halfMaps',
  version: '2',
  title: 'Half maps',
  description: 'Checks that the two half maps share the map grid and makes the level-1 input section (names, SHA-256, slices of each half and of their difference).',
  execution: 'worker',
  section: { id: 'halfMaps', level: 'input', title: 'Half maps' },
  params: {},
  inputs: {
    mapInfo: { kind: 'json', description: 'The info output of vrs.importMap for the map.' },
    half1: { kind: 'volume', description: 'The first half map (vrs.importMap).' },
    half1Info: { kind: 'json', description: 'Its info output.' },
    half2: { kind: 'volume', description: 'The second half map (vrs.importMap).' },
    half2Info: { kind: 'json', description: 'Its info output.' },
  },
  outputs: {
    section: { kind: 'section' },
  },
  async run(ctx) {
    const mapInfo = await ctx.inputs.json<MapInfo>('mapInfo');
    const info1 = await ctx.inputs.json<MapInfo>('half1Info');
    const info2 = await ctx.inputs.json<MapInfo>('half2Info');
    checkSameGrid(mapInfo, info1, { reference: mapInfo.fileName, other: info1.fileName });
    checkSameGrid(mapInfo, info2, { reference: mapInfo.fileName, other: info2.fileName });
    const half1 = await ctx.inputs.volume('half1');
    const half2 = await ctx.inputs.volume('half2');

    ctx.progress(0.1, 'slices');
    const difference = new Float32Array(half1.data.length);
    let d2 = 0;
    let s2 = 0;
    let s1 = 0;
    for (let i = 0; i < difference.length; i++) {
      const a = half1.data[i]!;
      const b = half2.data[i]!;
      difference[i] = a - b;
      d2 += (a - b) * (a - b);
      s1 += a + b;
      s2 += a * a + b * b;
    }
    const n = difference.length;
    const halfStandardDeviation = Math.sqrt(Math.max(s2 / (2 * n) - (s1 / (2 * n)) ** 2, 0));
    const differenceRms = Math.sqrt(d2 / n);
    const files: Record<string, Uint8Array> = {};
    const figures: SectionFigure[] = [];
    const slices = [
      sliceFigure(half1, { id: 'half1_max_variance', kind: 'maxVariance', caption: `Slices of maximum variance of the first half map (${info1.fileName}).` }),
      sliceFigure(half2, { id: 'half2_max_variance', kind: 'maxVariance', caption: `Slices of maximum variance of the second half map (${info2.fileName}).` }),
      sliceFigure(half1.withData(difference), {
        id: 'difference_max_variance',
        kind: 'maxVariance',
        caption: 'Slices of maximum variance of the difference between the half maps. It should look like structureless noise; structure here (except symmetry patterns) means the halves were not reconstructed independently or were processed differently.',
      }),
    ];
    for (const made of slices) {
      figures.push(made.figure);
      Object.assign(files, made.files);
    }
    const describe = (info: MapInfo) => ({
      fileName: info.fileName,
      sha256: info.sha256,
      ...(info.sha256Decompressed ? { sha256Decompressed: info.sha256Decompressed } : {}),
      dataStats: info.dataStats,
    });
    const hash = (info: MapInfo) => `${info.sha256}${info.sha256Decompressed ? ` (of the decompressed map: ${info.sha256Decompressed})` : ''}`;
    const section: SectionResult = {
      id: 'halfMaps',
      // A chapter of its own that opens level 1, as "Input data" opens level 0.
      level: 'input',
      title: 'Half maps',
      method: 'Half maps as read, on the grid of the map',
      status: 'no-criteria',
      warnings: [],
      metrics: {
        half1: describe(info1),
        half2: describe(info2),
        differenceRms,
        halfStandardDeviation,
        maxVarianceSlices: { half1: slices[0]!.indices, half2: slices[1]!.indices, difference: slices[2]!.indices },
      },
      explanation:
        'Level 1 judges the map by the agreement between two maps reconstructed independently from the two halves of the particles. The halves must be on the grid of the map (same box, voxel size and origin). Their difference should be noise without structure.',
      results: [
        `Half map 1: ${info1.fileName}. SHA-256 hash: ${hash(info1)}.`,
        `Half map 2: ${info2.fileName}. SHA-256 hash: ${hash(info2)}.`,
        `Box ${info1.dims.join(' × ')} voxels of ${info1.voxelSize.map((s) => Number(s.toFixed(4))).join(' × ')} Å, as the map. Standard deviation of the halves ${fmt(halfStandardDeviation)}; root mean square of their difference ${fmt(differenceRms)}.`,
      ],
      figures,
      notes: [...info1.notes.map((note) => `Half map 1: ${note}`), ...info2.notes.map((note) => `Half map 2: ${note}`)],
    };
    ctx.progress(1);
    return { section: { kind: 'section', value: section, files } };
  },
});

function fmt(value: number): string {
  return Number(value.toPrecision(4)).toString();
}
