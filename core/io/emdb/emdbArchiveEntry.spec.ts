import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gaussianBlob } from '../../phantom/index.js';
import { writeMap } from '../mrc/writeMap.js';
import { makeTempDir } from '../testing/tempDir.js';
import { emdbEntryNumber, readEmdbArchiveEntry } from './emdbArchiveEntry.js';

/** A schema-3 header naming two fitted models, one of which the archive holds. */
const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<emd emdb_id="EMD-4242">
  <crossreferences><pdb_list>
    <pdb_reference><pdb_id>6xyz</pdb_id></pdb_reference>
    <pdb_reference><pdb_id>7abc</pdb_id></pdb_reference>
  </pdb_list></crossreferences>
  <map><contour_list><contour primary="true"><level>0.3</level></contour></contour_list></map>
</emd>`;

describe('readEmdbArchiveEntry', () => {
  let archive: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir: archive, cleanup } = await makeTempDir('vrs-emdb-archive-'));
    const entry = join(archive, 'EMD-4242');
    for (const sub of ['header', 'map', 'other', 'masks', 'fittedModels']) mkdirSync(join(entry, sub), { recursive: true });
    writeFileSync(join(entry, 'header', 'emd-4242.xml'), HEADER);
    const blob = gaussianBlob([12, 12, 12], [6, 6, 6], 2);
    await writeMap(join(entry, 'map', 'emd_4242.map'), blob);
    await writeMap(join(entry, 'other', 'emd_4242_half_map_1.map'), blob);
    await writeMap(join(entry, 'other', 'emd_4242_half_map_2.map'), blob);
    await writeMap(join(entry, 'masks', 'emd_4242_msk_1.map'), blob);
    writeFileSync(join(entry, 'masks', 'README.txt'), 'not a map');
    writeFileSync(join(entry, 'fittedModels', '6xyz.cif'), 'data_6xyz\n');
    // an entry with a lone half map and its header under the v3.0 name
    const lone = join(archive, 'EMD-10001');
    for (const sub of ['header', 'map', 'other']) mkdirSync(join(lone, sub), { recursive: true });
    writeFileSync(join(lone, 'header', 'emd-10001-v30.xml'), HEADER.replace('EMD-4242', 'EMD-10001'));
    await writeMap(join(lone, 'map', 'emd_10001.map'), blob);
    await writeMap(join(lone, 'other', 'emd_10001_half_map_2.map'), blob);
    mkdirSync(join(archive, 'pdb'));
    writeFileSync(join(archive, 'pdb', '7abc.cif'), 'data_7abc\n');
    // entries missing their header, their map
    mkdirSync(join(archive, 'EMD-5000', 'header'), { recursive: true });
    mkdirSync(join(archive, 'EMD-5001', 'header'), { recursive: true });
    writeFileSync(join(archive, 'EMD-5001', 'header', 'emd-5001.xml'), HEADER);
  });
  afterAll(() => cleanup());

  it('accepts the id as EMD-NNNN, emd-NNNN, emd_NNNN or NNNN, and refuses anything else', () => {
    expect(['EMD-1997', 'emd-1997', 'emd_1997', '1997', ' 1997 ', 'EMD-12345'].map(emdbEntryNumber)).toEqual(['1997', '1997', '1997', '1997', '1997', '12345']);
    for (const bad of ['EMD1997', 'EMD-19', 'pdb-1997', '']) expect(() => emdbEntryNumber(bad)).toThrow(/not an EMDB id/);
  });

  it('finds the header, map, both half maps, the masks and the fitted models the archive holds', async () => {
    const entry = await readEmdbArchiveEntry('emd-4242', archive);
    const dir = join(archive, 'EMD-4242');
    expect(entry).toMatchObject({
      id: 'EMD-4242',
      dir,
      header: join(dir, 'header', 'emd-4242.xml'),
      map: join(dir, 'map', 'emd_4242.map'),
      halfMaps: [join(dir, 'other', 'emd_4242_half_map_1.map'), join(dir, 'other', 'emd_4242_half_map_2.map')],
      masks: [join(dir, 'masks', 'emd_4242_msk_1.map')],
      models: [
        { pdbId: '6XYZ', file: join(dir, 'fittedModels', '6xyz.cif') },
        { pdbId: '7ABC', file: join(archive, 'pdb', '7abc.cif') },
      ],
      missingModels: [],
    });
    expect(entry.facts.threshold).toBe(0.3);
    expect(entry.loneHalfMap).toBeUndefined();
  });

  it('prefers the v3.0 header name, and reports a lone half map instead of a pair', async () => {
    const entry = await readEmdbArchiveEntry('10001', archive);
    expect(entry.header).toBe(join(archive, 'EMD-10001', 'header', 'emd-10001-v30.xml'));
    expect(entry.halfMaps).toBeUndefined();
    expect(entry.loneHalfMap).toBe(join(archive, 'EMD-10001', 'other', 'emd_10001_half_map_2.map'));
    expect(entry.masks).toEqual([]);
    // 6xyz is only in EMD-4242's own fittedModels folder
    expect(entry.missingModels).toEqual(['6XYZ']);
  });

  it('names the folder and the files expected when the entry, its header or its map is missing', async () => {
    await expect(readEmdbArchiveEntry('EMD-1', archive)).rejects.toThrow(/not an EMDB id/);
    await expect(readEmdbArchiveEntry('EMD-9999', archive)).rejects.toThrow(`EMD-9999: no entry EMD-9999 in the archive ${archive} (expected the folder ${join(archive, 'EMD-9999')})`);
    await expect(readEmdbArchiveEntry('EMD-5000', archive)).rejects.toThrow(
      `EMD-5000: no header in ${join(archive, 'EMD-5000', 'header')} (expected emd-5000-v30.xml or emd-5000.xml)`,
    );
    await expect(readEmdbArchiveEntry('5001', archive)).rejects.toThrow(`EMD-5001: no map in ${join(archive, 'EMD-5001', 'map')} (expected emd_5001.map or emd_5001.map.gz)`);
    await expect(readEmdbArchiveEntry('5001', join(archive, 'nowhere'))).rejects.toThrow(/--archive: the EMDB archive folder .*nowhere does not exist/);
  });
});
