import { describe, expect, it } from 'vitest';
import { Volume, type BinaryMask, type SectionResult } from '../../../core/index.js';
import { monoDirPhantom } from '../../../core/kernels/monodir/testing.js';
import { runProtocolInProcess } from '../../level0/loc-bfactor/testing/runProtocolInProcess.js';
import { monoDirProtocol } from './monoDirProtocol.js';

const n = 48;
const ts = 3;
const grid = { dims: [n, n, n] as [number, number, number], voxelSize: [ts, ts, ts] as [number, number, number], origin: [0, 0, 0] as [number, number, number] };

async function run(inputs: Record<string, Volume<Float32Array> | BinaryMask>, params: Record<string, unknown>) {
  const outputs = await runProtocolInProcess(monoDirProtocol, inputs, params);
  return { section: outputs['section']!.value as SectionResult, map: outputs['localResolution']?.value as Volume<Float32Array> | undefined };
}

describe('vrs.monoDir', () => {
  it('does not apply without a resolution, above 10 Å, or on a non-cubic box', async () => {
    const map = Volume.zeros([n, n, n], [ts, ts, ts]);
    const mask = new Volume(new Uint8Array(n ** 3), grid);
    const none = await run({ map, mask }, {});
    expect(none.section.status).toBe('not-applicable');
    expect(none.section.reason).toMatch(/No resolution/);
    const coarse = await run({ map, mask }, { resolution: 12 });
    expect(coarse.section.status).toBe('not-applicable');
    expect(coarse.section.reason).toMatch(/worse than 10 Å/);
    const flat = await run({ map: Volume.zeros([n, n, 24], [ts, ts, ts]), mask }, { resolution: 7 });
    expect(flat.section.reason).toMatch(/not cubic/);
  });

  it('fails with a reason for an empty mask or a mask that leaves no noise shell', async () => {
    const phantom = monoDirPhantom({ n, voxelSize: ts, noiseSd: 0.1, regions: [{ centre: [24, 24, 24], radius: 12, resolution: 7 }] });
    const map = new Volume(phantom.map, grid);
    const empty = await run({ map, mask: new Volume(new Uint8Array(n ** 3), grid) }, { resolution: 7, resample: 'never' });
    expect(empty.section.status).toBe('failed');
    expect(empty.section.reason).toMatch(/empty/);
    // A ball of radius 18 reaches beyond n/2 − 7 = 17.
    const big = new Uint8Array(n ** 3);
    for (let z = 0, p = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++, p++) if ((x - 24) ** 2 + (y - 24) ** 2 + (z - 24) ** 2 <= 18 * 18) big[p] = 1;
    const full = await run({ map, mask: new Volume(big, grid) }, { resolution: 7, resample: 'never' });
    expect(full.section.status).toBe('failed');
    expect(full.section.reason).toMatch(/no noise shell|could not measure/);
  });
});
