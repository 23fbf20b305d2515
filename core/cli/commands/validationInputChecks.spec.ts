import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gaussianBlob, Volume, writeMap } from '../../index.js';
import { resolveValidationInputs } from './resolveValidationInputs.js';

// Each case is one line of issue 15: an input that used to crash, hang or pass silently.
describe('vrs validate refuses meaningless inputs up front, naming the file and the field', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vrs-checks-'));
    // A Gaussian blob of peak 1 (σ 2 voxels) in a 16³ box of 1.5 Å: 24 Å across.
    await writeMap(join(dir, 'blob.mrc'), gaussianBlob([16, 16, 16], [8, 8, 8], 2, { voxelSize: [1.5, 1.5, 1.5] }));
    await writeMap(join(dir, 'zeros.mrc'), Volume.zeros([16, 16, 16], [1.5, 1.5, 1.5]));
    await writeMap(join(dir, 'tiny.mrc'), gaussianBlob([4, 4, 4], [2, 2, 2], 1, { voxelSize: [1, 1, 1] }));
    mkdirSync(join(dir, 'folder.mrc'));
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    execFileSync('mkfifo', [join(dir, 'pipe.mrc')]);
    writeFileSync(join(dir, 'model.pdb'), '');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const refused = (options: Parameters<typeof resolveValidationInputs>[0]) => resolveValidationInputs(options, dir);

  it('paths: a folder, a link loop, a pipe (--map <(…)), a missing file', async () => {
    await expect(refused({ map: 'folder.mrc', threshold: 0.5 })).rejects.toThrow(/folder\.mrc \[map\]: is a folder, not a file/);
    await expect(refused({ map: 'loop-a', threshold: 0.5 })).rejects.toThrow(/loop-a \[map\]: is a loop of symbolic links/);
    await expect(refused({ map: 'pipe.mrc', threshold: 0.5 })).rejects.toThrow(/pipe\.mrc \[map\]: is a pipe, socket or device, not a regular file/);
    await expect(refused({ map: 'blob.mrc', threshold: 0.5, half1: 'absent.mrc', half2: 'blob.mrc' })).rejects.toThrow(/absent\.mrc \[half1\]: file not found/);
    await expect(refused({ map: 'blob.mrc', threshold: 0.5, model: 'folder.mrc' })).rejects.toThrow(/\[model\]: is a folder/);
  });

  it('a constant map and a box too small to measure anything', async () => {
    await expect(refused({ map: 'zeros.mrc', threshold: 0.5 })).rejects.toThrow(/zeros\.mrc \[data\]: the map is constant \(every voxel is 0\)/);
    await expect(refused({ map: 'tiny.mrc', threshold: 0.5 })).rejects.toThrow(/tiny\.mrc \[NX, NY, NZ\]: the box is 4 × 4 × 4 voxels; the checks need at least 8/);
  });

  it('thresholds above the maximum, below the minimum, negative in the background', async () => {
    await expect(refused({ map: 'blob.mrc', threshold: 1.5 })).rejects.toThrow(/\[threshold\]: no voxel reaches the threshold 1\.5 \(the map's maximum is 1\)/);
    // Below the minimum (0) every voxel is above: 100 % of the box.
    await expect(refused({ map: 'blob.mrc', threshold: -1 })).rejects.toThrow(/\[threshold\]: the threshold -1 lies in the background: 100\.0 % of the box/);
    // exp(−r²/8) ≥ 1e-9 for r ≤ 12.9 voxels: the whole 16³ box but its far corners.
    await expect(refused({ map: 'blob.mrc', threshold: 1e-9 })).rejects.toThrow(/lies in the background: \d\d\.\d % of the box/);
    await expect(refused({ map: 'blob.mrc', threshold: 0.5 })).resolves.toBeDefined();
  });

  it('an EMDB header without a contour level says so, with a suggested threshold', async () => {
    writeFileSync(join(dir, 'no-contour.xml'), '<?xml version="1.0"?><emd emdb_id="EMD-1"><map><pixel_spacing><x>1.5</x><y>1.5</y><z>1.5</z></pixel_spacing></map></emd>');
    await expect(refused({ map: 'blob.mrc', emdbHeader: 'no-contour.xml' })).rejects.toThrow(/\[threshold\]: no threshold: the EMDB header no-contour\.xml has no contour level, .* Suggested: --threshold /);
  });

  it('a resolution coarser than the box allows (1000 Å on 24 Å)', async () => {
    // 16 voxels × 1.5 Å = 24 Å; resampled to resolution/2 with ≥ 8 voxels across: at most 6 Å.
    await expect(refused({ map: 'blob.mrc', threshold: 0.5, resolution: 1000 })).rejects.toThrow(/\[resolution\]: the resolution 1000 Å is too coarse for a box of 24 Å: .* at most 6 Å/);
    await expect(refused({ map: 'blob.mrc', threshold: 0.5, resolution: 6 })).resolves.toBeDefined();
  });
});
