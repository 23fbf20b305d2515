import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VrsInputError } from '../../errors/index.js';
import { hasSharedData, sharedDataFile } from '../testing/sharedData.js';
import { EMDB_HEADER_MAX_BYTES, parseEmdbHeader, readEmdbHeader } from './readEmdbHeader.js';

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
      // Read off the file by eye: <authors>, <depositionDate>, fitting <pdbEntryId>, <appliedSymmetry>,
      // <resolutionMethod>, and <sample><molWtTheo units="MDa">0.8</molWtTheo> = 800 kDa.
      authors: ['Clare DK', 'Vasishtan D', 'Stagg S', 'Quispe J', 'Farr GW', 'Topf M', 'Horwich AL', 'Saibil HR'],
      depositionDate: '2011-12-01',
      fittedModels: ['1OEL'],
      symmetry: 'C7',
      resolutionMethod: 'FSC 0.5',
      expectedMassKDa: 800,
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
      symmetry: 'C3',
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

  it('reads the provenance fields of a schema-3 header: authors, dates, fitted models, helical symmetry, weight', () => {
    const xml = `<emd emdb_id="EMD-22222" version="3.0.11.0">
  <admin>
    <key_dates><deposition>2020-03-04</deposition><header_release>2020-05-01</header_release><update>2021-01-01</update></key_dates>
    <title>Amyloid fibril</title>
    <authors_list><author ORCID="0000-0002-1825-0097">Doe J</author><author>O'Brien K</author><author>Smith &amp; Co</author></authors_list>
  </admin>
  <crossreferences>
    <citation_list><primary_citation><journal_citation published="true"><author order="1">Someone Else</author><title>Paper</title></journal_citation></primary_citation></citation_list>
    <pdb_list>
      <pdb_reference><pdb_id>6abc</pdb_id><relationship><in_frame>FULLOVERLAP</in_frame></relationship></pdb_reference>
      <pdb_reference><pdb_id>6ABD</pdb_id></pdb_reference>
    </pdb_list>
  </crossreferences>
  <sample>
    <name>fibril</name>
    <supramolecule_list>
      <complex_supramolecule supramolecule_id="2"><name>part</name><parent>1</parent>
        <molecular_weight><theoretical units="MDa">9</theoretical></molecular_weight></complex_supramolecule>
      <complex_supramolecule supramolecule_id="1"><name>whole</name><parent>0</parent>
        <molecular_weight><experimental units="kDa">412.5</experimental></molecular_weight></complex_supramolecule>
    </supramolecule_list>
    <macromolecule_list><protein_or_peptide macromolecule_id="1"><name>p</name>
      <molecular_weight><theoretical units="MDa">0.01</theoretical></molecular_weight></protein_or_peptide></macromolecule_list>
  </sample>
  <structure_determination_list><structure_determination>
    <helical_processing><final_reconstruction>
      <applied_symmetry><helical_parameters><delta_phi units="deg">-1.2</delta_phi><delta_z units="Å">4.75</delta_z><axial_symmetry>C2</axial_symmetry></helical_parameters></applied_symmetry>
      <resolution res_type="BY AUTHOR" units="Å">3.1</resolution>
      <resolution_method>FSC 0.143 CUT-OFF</resolution_method>
    </final_reconstruction></helical_processing>
  </structure_determination></structure_determination_list>
  <map><contour_list><contour primary="true"><level>0.5</level><source>AUTHOR</source></contour></contour_list></map>
  <interpretation><modelling_list><modelling><initial_model><access_code>2xyz</access_code></initial_model></modelling></modelling_list></interpretation>
</emd>`;
    expect(parseEmdbHeader(xml, 'emd-22222.xml')).toEqual({
      schema: '3',
      emdbId: 'EMD-22222',
      title: 'Amyloid fibril',
      threshold: 0.5,
      thresholdSource: 'author',
      resolution: 3.1,
      authors: ['Doe J', "O'Brien K", 'Smith & Co'],
      depositionDate: '2020-03-04',
      // pdb_list ids upper-cased, then the modelling's initial model; the citation's author is not an entry author.
      fittedModels: ['6ABC', '6ABD', '2XYZ'],
      symmetry: 'helical (twist -1.2°, rise 4.75 Å, axial symmetry C2)',
      resolutionMethod: 'FSC 0.143 CUT-OFF',
      // The whole assembly is the supramolecule whose parent is 0: 412.5 kDa, not the 9 MDa part.
      expectedMassKDa: 412.5,
    });
  });

  it('reads a schema-1.9 header without the real file: point group, fitted-model list, comma-separated authors', () => {
    const xml = `<?xml version="1.0"?>
<emdEntry accessCode="5555" version="1.9.6">
  <deposition><depositionDate>2009-07-02</depositionDate><title>T</title><authors>Ab C, De F ,Gh I</authors>
    <fittedPDBEntryIdList><fittedPDBEntryId>3iyf</fittedPDBEntryId></fittedPDBEntryIdList></deposition>
  <map><contourLevel source="emdb">2.5</contourLevel></map>
  <sample><molWtTheo units="kDa">250</molWtTheo>
    <sampleComponentList><sampleComponent componentID="1"><molWtTheo units="MDa">7</molWtTheo></sampleComponent></sampleComponentList></sample>
  <experiment><fitting><pdbEntryIdList><pdbEntryId>3IYF</pdbEntryId><pdbEntryId>1abc</pdbEntryId></pdbEntryIdList></fitting></experiment>
  <processing><method>subtomogramAveraging</method><reconstruction><resolutionByAuthor>20</resolutionByAuthor><resolutionMethod>FSC 0.143</resolutionMethod></reconstruction>
    <subtomogramAveraging><appliedSymmetry>D6</appliedSymmetry></subtomogramAveraging></processing>
</emdEntry>`;
    expect(parseEmdbHeader(xml, 'emd-5555.xml')).toEqual({
      schema: '1.9',
      emdbId: 'EMD-5555',
      title: 'T',
      threshold: 2.5,
      thresholdSource: 'emdb',
      resolution: 20,
      authors: ['Ab C', 'De F', 'Gh I'],
      depositionDate: '2009-07-02',
      fittedModels: ['3IYF', '1ABC'],
      symmetry: 'D6',
      resolutionMethod: 'FSC 0.143',
      expectedMassKDa: 250,
    });
  });

  it('converts the sample weight to kDa from MDa, kDa and Da, in both schemas; a weight per length is no mass', () => {
    const v19 = (weight: string) => parseEmdbHeader(`<emdEntry accessCode="1"><sample>${weight}</sample></emdEntry>`, 'a.xml').expectedMassKDa;
    const v3 = (weight: string) =>
      parseEmdbHeader(`<emd emdb_id="EMD-1"><sample><supramolecule_list><complex_supramolecule supramolecule_id="1"><parent>0</parent><molecular_weight>${weight}</molecular_weight></complex_supramolecule></supramolecule_list></sample></emd>`, 'b.xml')
        .expectedMassKDa;
    // 1 MDa = 1000 kDa; 1 Da = 0.001 kDa.
    expect(v19('<molWtTheo units="MDa">1.25</molWtTheo>')).toBe(1250);
    expect(v19('<molWtExp units="kDa">64</molWtExp>')).toBe(64);
    expect(v19('<molWtTheo units="Da">480000</molWtTheo>')).toBe(480);
    expect(v19('<molWtTheo>0.3</molWtTheo>')).toBe(300); // both schemas define the unit as MDa
    expect(v19('<molWtTheo units="MDa">2</molWtTheo><molWtExp units="MDa">3</molWtExp>')).toBe(2000); // theoretical first
    expect(v3('<theoretical units="MDa">0.8</theoretical>')).toBe(800);
    expect(v3('<experimental units="Da">150000</experimental>')).toBe(150);
    expect(v3('<theoretical units="kDa/nm">3.2</theoretical>')).toBeUndefined();
    expect(v3('<theoretical units="kDa/nm">3.2</theoretical><experimental units="kDa">90</experimental>')).toBe(90);
    expect(() => v3('<theoretical units="MDa">heavy</theoretical>')).toThrow(/b\.xml \[molecular_weight\]: expected a number, found "heavy"/);
    // 0 or a negative weight is a placeholder: left out (the experimental one is taken when given).
    expect(v19('<molWtTheo units="MDa">0</molWtTheo>')).toBeUndefined();
    expect(v19('<molWtTheo units="MDa">-1</molWtTheo><molWtExp units="kDa">70</molWtExp>')).toBe(70);
  });

  it('references inside comments and CDATA are text, not references: a valid header is not refused', () => {
    const header = parseEmdbHeader('<emd emdb_id="EMD-7"><!-- &nbsp; is HTML --><admin><title><![CDATA[a &foo; b]]></title></admin></emd>', 'ok.xml');
    expect(header.emdbId).toBe('EMD-7');
    expect(() => parseEmdbHeader('<emd emdb_id="EMD-7"><admin><title>a &nbsp; b</title></admin></emd>', 'bad.xml')).toThrow(/bad\.xml: malformed XML: entity reference &nbsp;/);
  });

  it('refuses malformed XML with a VrsInputError naming the file and the fault, never a crash', () => {
    const bad = (xml: string) => () => parseEmdbHeader(xml, 'bad.xml');
    expect(bad('<emd emdb_id="EMD-1"><admin><title>x</titel></admin></emd>')).toThrow(/^bad\.xml: malformed XML: .*closing tag 'title'.*\(line 1, column \d+\)$/);
    expect(bad('<emd><a>&#99999999;</a></emd>')).toThrow(/^bad\.xml: malformed XML: character reference &#99999999; names no XML character \(line 1\)$/);
    expect(bad('<emd>\n<a>&#x0;</a></emd>')).toThrow(/&#x0; names no XML character \(line 2\)/);
    expect(bad('<emd>a & b</emd>')).toThrow(VrsInputError);
    expect(bad('')).toThrow(/^bad\.xml: malformed XML/);
    expect(bad('<emd/><emd/>')).toThrow(/2 root elements/);
    expect(bad(`<emd>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</emd>`)).toThrow(/malformed XML: Maximum nested tags exceeded/);
    // Entity declarations are never expanded: the "billion laughs" file is refused at its first use.
    const laughs = `<?xml version="1.0"?><!DOCTYPE emd [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><emd emdb_id="EMD-1"><admin><title>&c;</title></admin></emd>`;
    expect(bad(laughs)).toThrow(/entity reference &a; is not one of XML's predefined entities/);
    expect(() => parseEmdbHeader(`<emd emdb_id="EMD-1">${' '.repeat(EMDB_HEADER_MAX_BYTES)}</emd>`, 'huge.xml')).toThrow(/huge\.xml: XML text of \d+ characters is larger/);
  });

  it('refuses 250 000 unclosed tags quickly, saying how many are open', () => {
    const start = performance.now();
    expect(() => parseEmdbHeader(`<emd>${'<a>'.repeat(250_000)}`, 'open.xml')).toThrow(/^open\.xml: malformed XML: 250001 elements are never closed \(the outermost is <emd>\)/);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('refuses a file over 10 MB before reading it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vrs-emdb-'));
    try {
      const file = join(dir, 'emd_big.xml');
      await writeFile(file, Buffer.alloc(EMDB_HEADER_MAX_BYTES + 1, 0x20));
      await expect(readEmdbHeader(file)).rejects.toThrow(/emd_big\.xml: file is 10\.0 MB, more than an EMDB header can be \(10\.0 MB at most\)/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
