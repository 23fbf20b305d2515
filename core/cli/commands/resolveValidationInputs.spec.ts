import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gaussianBlob, writeMap } from '../../index.js';
import { hasSharedData, sharedDataFile } from '../../io/testing/sharedData.js';
import { cli } from '../../../test/engine/helpers.js';
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

/** An EMDB archive folder in `root` holding entry `number`: each file a link to `sources[...]` (or a file written there). */
function linkEntry(root: string, number: string, sources: { header: string; map: string; halves?: [string, string] }): string {
  const entry = join(root, `EMD-${number}`);
  for (const sub of ['header', 'map', 'other']) mkdirSync(join(entry, sub), { recursive: true });
  symlinkSync(sources.header, join(entry, 'header', `emd-${number}.xml`));
  symlinkSync(sources.map, join(entry, 'map', `emd_${number}.map`));
  if (sources.halves) sources.halves.forEach((half, k) => symlinkSync(half, join(entry, 'other', `emd_${number}_half_map_${k + 1}.map`)));
  return entry;
}

describe('resolveValidationInputs: an EMDB entry from a local archive (--emdb, --archive)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vrs-emdb-entry-'));
    const blob = gaussianBlob([16, 16, 16], [8, 8, 8], 2, { voxelSize: [1.5, 1.5, 1.5] });
    await writeMap(join(dir, 'phantom.mrc'), blob);
    await writeMap(join(dir, 'half1.mrc'), blob);
    await writeMap(join(dir, 'half2.mrc'), blob);
    await writeFile(join(dir, 'header.xml'), HEADER);
    const entry = linkEntry(join(dir, 'archive'), '4242', { header: join(dir, 'header.xml'), map: join(dir, 'phantom.mrc'), halves: [join(dir, 'half1.mrc'), join(dir, 'half2.mrc')] });
    mkdirSync(join(entry, 'masks'));
    await writeMap(join(entry, 'masks', 'emd_4242_msk_1.map'), blob);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("takes the map, the header's facts and both half maps from the entry, and marks the report public", async () => {
    const entry = join(dir, 'archive', 'EMD-4242');
    const { params, levels, notes } = await resolveValidationInputs({ emdb: 'EMD-4242', archive: 'archive' }, dir);
    expect(params).toMatchObject({
      map: join(entry, 'map', 'emd_4242.map'),
      half1: join(entry, 'other', 'emd_4242_half_map_1.map'),
      half2: join(entry, 'other', 'emd_4242_half_map_2.map'),
      threshold: 0.3,
      resolution: 4.5,
      emdbId: 'EMD-4242',
      mode: 'public',
      authors: ['Roe R', 'Poe P'],
      depositionDate: '2019-06-30',
      symmetry: 'D7',
      fittedModels: ['6XYZ'],
    });
    expect(levels).toEqual(['0', '1']);
    expect(notes).toContain(`The entry's masks (not used: the checks make their own from the threshold): ${join(entry, 'masks', 'emd_4242_msk_1.map')}.`);
    expect(notes.some((n) => n.startsWith('Fitted model 6XYZ of the header not in the archive'))).toBe(true);
  });

  it('lets the command line win: a given map, threshold and resolution replace the entry\'s (noted)', async () => {
    const { params, notes } = await resolveValidationInputs({ emdb: '4242', archive: 'archive', map: 'phantom.mrc', threshold: 0.5, resolution: 6 }, dir);
    expect(params).toMatchObject({ map: join(dir, 'phantom.mrc'), threshold: 0.5, resolution: 6, mode: 'public' });
    expect(notes).toContain(`--map phantom.mrc is used instead of the entry's map ${join(dir, 'archive', 'EMD-4242', 'map', 'emd_4242.map')}.`);
    expect(notes).toContain("--threshold 0.5 replaces the header's contour level 0.3.");
  });

  it('refuses an entry the archive lacks, and --emdb without an archive', async () => {
    await expect(resolveValidationInputs({ emdb: 'EMD-1997', archive: 'archive' }, dir)).rejects.toThrow(`no entry EMD-1997 in the archive ${join(dir, 'archive')}`);
    await expect(resolveValidationInputs({ emdb: 'EMD-4242' }, dir)).rejects.toThrow(/--archive DIR or VRS_EMDB_ARCHIVE/);
  });

  it('vrs validate: --emdb needs --archive or VRS_EMDB_ARCHIVE (a usage error), and takes the archive from VRS_EMDB_ARCHIVE', async () => {
    const saved = process.env['VRS_EMDB_ARCHIVE'];
    try {
      delete process.env['VRS_EMDB_ARCHIVE'];
      const usage = await cli(['validate', '--emdb', '1997', '--out', join(dir, 'run')], { config: false });
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('--emdb needs the folder of the EMDB archive: give --archive DIR, set VRS_EMDB_ARCHIVE or `emdbArchive` in vrs.config.yaml');
      const noMap = await cli(['validate', '--out', join(dir, 'run')], { config: false });
      expect(noMap.code).toBe(2);
      expect(noMap.stderr).toContain('give the map with --map FILE, or an EMDB entry with --emdb ID');
      process.env['VRS_EMDB_ARCHIVE'] = join(dir, 'archive');
      const fromEnv = await cli(['validate', '--emdb', 'emd-1997', '--out', join(dir, 'run')], { config: false });
      expect(fromEnv.code).toBe(2);
      expect(fromEnv.stderr).toContain(`EMD-1997: no entry EMD-1997 in the archive ${join(dir, 'archive')} (expected the folder ${join(dir, 'archive', 'EMD-1997')})`);
    } finally {
      if (saved === undefined) delete process.env['VRS_EMDB_ARCHIVE'];
      else process.env['VRS_EMDB_ARCHIVE'] = saved;
    }
  });
});

describe.skipIf(!hasSharedData)('resolveValidationInputs: EMD-1997 from an archive of links to ../shared/data', () => {
  let dir: string;
  const savedHome = process.env['VRS_HOME'];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vrs-emdb-1997-'));
    process.env['VRS_HOME'] = join(dir, 'vrs-home'); // the run's history, not the user's ~/.vrs
    linkEntry(join(dir, 'with-halves'), '1997', {
      header: sharedDataFile('level0', 'emd_1997_header.xml'),
      map: sharedDataFile('level0', 'emd_1997.map'),
      // synthetic halves made from emd_1997.map, on its grid (100³, 2.02 Å, start −50)
      halves: [sharedDataFile('level1', 'emd_1997_half1.mrc'), sharedDataFile('level1', 'emd_1997_half2.mrc')],
    });
    linkEntry(join(dir, 'map-only'), '1997', { header: sharedDataFile('level0', 'emd_1997_header.xml'), map: sharedDataFile('level0', 'emd_1997.map') });
  });
  afterAll(async () => {
    if (savedHome === undefined) delete process.env['VRS_HOME'];
    else process.env['VRS_HOME'] = savedHome;
    await rm(dir, { recursive: true, force: true });
  });

  it("takes EMD-1997's author contour (1.0), resolution (7 Å), C7 symmetry and provenance from its header", async () => {
    const { params, levels, notes } = await resolveValidationInputs({ emdb: '1997', archive: join(dir, 'with-halves') }, dir);
    expect(params).toMatchObject({
      threshold: 1,
      resolution: 7,
      voxel: 2.02,
      emdbId: 'EMD-1997',
      mode: 'public',
      symmetry: 'C7',
      depositionDate: '2011-12-01',
      fittedModels: ['1OEL'],
      expectedMassKDa: 800,
    });
    expect((params['authors'] as string[])[0]).toBe('Clare DK');
    expect(levels).toEqual(['0', '1']);
    expect(notes.some((n) => n.startsWith('Fitted model 1OEL of the header not in the archive'))).toBe(true);
  });

  it('vrs validate --emdb 1997 --archive DIR runs level 0 to a public report.json', { timeout: 400_000 }, async () => {
    const out = join(dir, 'run');
    const result = await cli(['validate', '--emdb', 'EMD-1997', '--archive', join(dir, 'map-only'), '--out', out], { config: false });
    expect(result.stderr).toContain(`EMDB entry EMD-1997 from the archive ${join(dir, 'map-only', 'EMD-1997')}.`);
    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { mode: string; levels: string[]; entry: Record<string, unknown> };
    expect(report.mode).toBe('public');
    expect(report.levels).toEqual(['0']);
    const history = readFileSync(join(dir, 'vrs-home', 'history.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(history.map((line) => [line['event'], line['status'] ?? line['workflow']])).toEqual([
      ['start', 'level0'],
      ['end', 'success'],
    ]);
    expect(history[0]!['map']).toBe(join(dir, 'map-only', 'EMD-1997', 'map', 'emd_1997.map'));
    expect(history[1]!['report']).toBe(join(out, 'report.json'));
  });
});
