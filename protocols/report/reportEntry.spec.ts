import { describe, expect, it } from 'vitest';
import { VrsInputError } from '../../core/index.js';
import type { MapInfo } from '../preprocessing/import-map/MapInfo.js';
import { reportEntry } from './reportEntry.js';

const info = { fileName: 'emd_1997.map', sha256: 'a'.repeat(64), dims: [100, 100, 100], voxelSize: [2.02, 2.02, 2.02] } as unknown as MapInfo;

describe('reportEntry', () => {
  it('takes the map facts from the import and the rest from the parameters, strings as typed', () => {
    const title = 'GroEL & <b>co</b> 100% {x}';
    const { entry, inputs } = reportEntry(info, { map: '/data/emd_1997.map', threshold: 1, resolution: 7, title, emdbId: 'EMD-1997', authors: ['A', 'B'] });
    expect(entry).toEqual({ title, mapFile: 'emd_1997.map', sha256: 'a'.repeat(64), voxelSize: [2.02, 2.02, 2.02], dims: [100, 100, 100], threshold: 1, resolution: 7, emdbId: 'EMD-1997', authors: ['A', 'B'] });
    expect(inputs).toEqual({ map: 'emd_1997.map', sha256: 'a'.repeat(64), voxelSize: [2.02, 2.02, 2.02], dims: [100, 100, 100], threshold: 1, resolution: 7 });
  });

  it('names the map from its path when it could not be imported, and says when no resolution was reported', () => {
    const { entry, inputs } = reportEntry(undefined, { map: '/data/broken.mrc', title: '  ' });
    expect(entry).toEqual({ mapFile: 'broken.mrc', resolution: null });
    expect(inputs).toEqual({ map: 'broken.mrc' });
  });

  it('carries the EMDB header facts into the front matter, and the expected mass into the inputs', () => {
    const header = { depositionDate: '2011-12-01', fittedModels: ['1OEL'], symmetry: 'C7', resolutionMethod: 'FSC 0.5', expectedMassKDa: 800 };
    const { entry, inputs } = reportEntry(info, { map: '/data/emd_1997.map', threshold: 1, resolution: 7, ...header });
    expect(entry).toMatchObject(header);
    expect(inputs['expectedMassKDa']).toBe(800);
    const blank = reportEntry(info, { depositionDate: ' ', fittedModels: [], symmetry: '', resolutionMethod: '' }).entry;
    expect(Object.keys(blank)).toEqual(['mapFile', 'sha256', 'voxelSize', 'dims', 'resolution']);
  });

  it('rejects a reported resolution that is not positive', () => {
    expect(() => reportEntry(info, { resolution: 0 })).toThrow(VrsInputError);
    expect(() => reportEntry(info, { resolution: 0 })).toThrow('report step [resolution]: the reported resolution must be a positive number of Å, got 0');
  });
});
