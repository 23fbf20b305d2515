import { describe, expect, it } from 'vitest';
import { VrsInputError } from '../../errors/index.js';
import { hasSharedData, sharedDataFile } from '../testing/sharedData.js';
import { parseEmdbHeader, readEmdbHeader } from './readEmdbHeader.js';

describe('readEmdbHeader', () => {
  it.skipIf(!hasSharedData)('reads the official EMD-1997 header (schema 1.9): contour 1, resolution 7 Å, 2.02 Å pixels', async () => {
    const header = await readEmdbHeader(sharedDataFile('level0/emd_1997_header.xml'));
    expect(header).toEqual({
      schema: '1.9',
      emdbId: 'EMD-1997',
      title: 'ATP-triggered molecular mechanics of the chaperonin GroEL',
      threshold: 1,
      thresholdSource: 'author',
      resolution: 7,
      voxelSize: [2.02, 2.02, 2.02],
    });
  });

  it('reads a schema-3 header: the primary contour, the final reconstruction resolution, entities decoded', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<emd emdb_id="EMD-11111" version="3.0.2.7">
  <admin><title>Spike &amp; antibody &lt;C669&gt;</title></admin>
  <structure_determination_list><structure_determination><image_processing>
    <final_reconstruction><applied_symmetry><point_group>C3</point_group></applied_symmetry>
      <resolution res_type="BY AUTHOR" units="Å">3.45</resolution></final_reconstruction>
  </image_processing></structure_determination></structure_determination_list>
  <map format="CCP4" size_kbytes="1">
    <contour_list>
      <contour primary="false"><level>0.2</level><source>EMDB</source></contour>
      <contour primary="true"><level>0.0321</level><source>AUTHOR</source></contour>
    </contour_list>
    <pixel_spacing><x units="Å">1.06</x><y units="Å">1.06</y><z units="Å">1.07</z></pixel_spacing>
  </map>
</emd>`;
    expect(parseEmdbHeader(xml, 'emd-11111.xml')).toEqual({
      schema: '3',
      emdbId: 'EMD-11111',
      title: 'Spike & antibody <C669>',
      threshold: 0.0321,
      thresholdSource: 'author',
      resolution: 3.45,
      voxelSize: [1.06, 1.06, 1.07],
    });
  });

  it('leaves out what the header does not give, and names the file and field of bad values', async () => {
    expect(parseEmdbHeader('<emd emdb_id="EMD-2"><map></map></emd>', 'a.xml')).toEqual({ schema: '3', emdbId: 'EMD-2' });
    expect(() => parseEmdbHeader('<html></html>', 'page.html')).toThrow(/page\.html: not an EMDB header/);
    expect(() => parseEmdbHeader('<emdEntry accessCode="1"><contourLevel>high</contourLevel></emdEntry>', 'b.xml')).toThrow(
      /b\.xml \[contourLevel\]: expected a number, found "high"/,
    );
    await expect(readEmdbHeader('/nonexistent/emd.xml')).rejects.toBeInstanceOf(VrsInputError);
  });
});
