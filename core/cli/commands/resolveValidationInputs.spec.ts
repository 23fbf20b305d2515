import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gaussianBlob, writeMap } from '../../index.js';
import { resolveValidationInputs } from './resolveValidationInputs.js';

/** A schema-3 header with every provenance fact, and a weight in MDa. */
const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<emd emdb_id="EMD-4242">
  <admin><key_dates><deposition>2019-06-30</deposition></key_dates><title>Phantom &amp; co</title>
    <authors_list><author>Roe R</author><author>Poe P</author></authors_list></admin>
  <crossreferences><pdb_list><pdb_reference><pdb_id>6xyz</pdb_id></pdb_reference></pdb_list></crossreferences>
  <sample><supramolecule_list><complex_supramolecule supramolecule_id="1"><parent>0</parent>
    <molecular_weight><theoretical units="MDa">0.45</theoretical></molecular_weight></complex_supramolecule></supramolecule_list></sample>
  <structure_determination_list><structure_determination><singleparticle_processing><final_reconstruction>
    <applied_symmetry><point_group>D7</point_group></applied_symmetry>
    <resolution units="Å">4.5</resolution><resolution_method>FSC 0.143 CUT-OFF</resolution_method>
  </final_reconstruction></singleparticle_processing></structure_determination></structure_determination_list>
  <map><contour_list><contour primary="true"><level>0.3</level></contour></contour_list></map>
</emd>`;

describe('resolveValidationInputs: the EMDB header as provenance', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vrs-inputs-'));
    await writeMap(join(dir, 'map.mrc'), gaussianBlob([16, 16, 16], [8, 8, 8], 2, { voxelSize: [1.5, 1.5, 1.5] }));
    await writeFile(join(dir, 'emd-4242.xml'), HEADER);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('passes the header facts as workflow params, the weight in kDa, and marks the report public', async () => {
    const { params, notes } = await resolveValidationInputs({ map: 'map.mrc', emdbHeader: 'emd-4242.xml' }, dir);
    expect(params).toMatchObject({
      threshold: 0.3,
      resolution: 4.5,
      emdbId: 'EMD-4242',
      title: 'Phantom & co',
      mode: 'public',
      authors: ['Roe R', 'Poe P'],
      depositionDate: '2019-06-30',
      fittedModels: ['6XYZ'],
      symmetry: 'D7',
      resolutionMethod: 'FSC 0.143 CUT-OFF',
      expectedMassKDa: 450, // 0.45 MDa
    });
    expect(notes).toContain("The EMDB header gives the sample's molecular weight: 450 kDa.");
  });

  it('--expected-mass wins over the header (noted); without a header the report stays a user one', async () => {
    const withFlag = await resolveValidationInputs({ map: 'map.mrc', emdbHeader: 'emd-4242.xml', expectedMassKDa: 800 }, dir);
    expect(withFlag.params['expectedMassKDa']).toBe(800);
    expect(withFlag.notes).toContain("--expected-mass 800 replaces the header's sample weight 450 kDa.");
    const user = await resolveValidationInputs({ map: 'map.mrc', threshold: 0.3, expectedMassKDa: 120 }, dir);
    expect(user.params).toEqual({ map: join(dir, 'map.mrc'), threshold: 0.3, expectedMassKDa: 120 });
  });

  it('refuses a malformed header naming the file', async () => {
    await writeFile(join(dir, 'bad.xml'), '<emd emdb_id="EMD-1"><admin><title>x</admin></emd>');
    await expect(resolveValidationInputs({ map: 'map.mrc', emdbHeader: 'bad.xml' }, dir)).rejects.toThrow(/bad\.xml: malformed XML: .*line 1/);
  });
});
