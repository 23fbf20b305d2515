import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fft3d, readMap, type Volume } from '../../core/index.js';
import { repoRoot, tempDir } from '../engine/helpers.js';
import { runLevel0Checks, type Level0Run } from './runLevel0Checks.js';

const dataDir = resolve(repoRoot, '../shared/data/level0');
const groel = join(dataDir, 'emd_1997.map');
const header = join(dataDir, 'emd_1997_header.xml');
const haveData = existsSync(groel);
if (!haveData) console.warn(`SKIPPED the EMD-1997 level-0 hand checks: ${groel} is absent`);

/**
 * The masks of EMD-1997 rebuilt by the plainest route: a breadth-first flood fill per component (not
 * the union–find labelling of core/kernels) and a dilation that tests the 18 neighbours of every
 * voxel (not the front-propagating kernel), with Xmipp's untouched outer layer.
 */
function bruteForceMasks(map: Volume, threshold: number, passes: number) {
  const [nx, ny, nz] = map.dims;
  const raw = new Uint8Array(map.size);
  for (let i = 0; i < map.size; i++) raw[i] = map.data[i]! >= threshold ? 1 : 0;
  const label = new Int32Array(map.size);
  const sizes: number[] = [];
  const queue = new Int32Array(map.size);
  for (let seed = 0; seed < map.size; seed++) {
    if (!raw[seed] || label[seed]) continue;
    const id = sizes.length + 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = seed;
    label[seed] = id;
    while (head < tail) {
      const i = queue[head++]!;
      const x = i % nx;
      const y = Math.floor(i / nx) % ny;
      const z = Math.floor(i / (nx * ny));
      for (let dz = -1; dz <= 1; dz++)
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            const yy = y + dy;
            const zz = z + dz;
            if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) continue;
            const j = (zz * ny + yy) * nx + xx;
            if (raw[j] && !label[j]) {
              label[j] = id;
              queue[tail++] = j;
            }
          }
    }
    sizes.push(tail);
  }
  const largest = sizes.indexOf(Math.max(...sizes)) + 1;
  const mask = dilateBrute(Uint8Array.from(label, (l) => (l === largest ? 1 : 0)), map.dims, passes);
  // The molecule mask of a split contour: the components (largest first) needed for 95 % of the raw
  // voxels, keeping those of at least 5 % of them, dilated the same way.
  const total = sizes.reduce((a, b) => a + b, 0);
  const order = sizes.map((size, k) => ({ size, id: k + 1 })).sort((a, b) => b.size - a.size || a.id - b.id);
  const parts = new Set<number>();
  for (let k = 0, held = 0; k < order.length && held < 0.95 * total; k++) {
    held += order[k]!.size;
    if (k === 0 || order[k]!.size >= 0.05 * total) parts.add(order[k]!.id);
    else break;
  }
  const molecule = dilateBrute(Uint8Array.from(label, (l) => (parts.has(l) ? 1 : 0)), map.dims, passes);
  return { raw, sizes, mask, molecule, parts: parts.size };
}

function dilateBrute(start: Uint8Array, [nx, ny, nz]: readonly number[], passes: number): Uint8Array {
  let mask = start;
  for (let pass = 0; pass < passes; pass++) {
    const next = new Uint8Array(start.length);
    for (let z = 1; z < nz - 1; z++)
      for (let y = 1; y < ny - 1; y++)
        for (let x = 1; x < nx - 1; x++) {
          let on = 0;
          for (let dz = -1; dz <= 1 && !on; dz++)
            for (let dy = -1; dy <= 1 && !on; dy++)
              for (let dx = -1; dx <= 1 && !on; dx++) {
                if (Math.abs(dx) + Math.abs(dy) + Math.abs(dz) > 2) continue; // 18-neighbourhood and the voxel itself
                on = mask[((z + dz) * ny + y + dy) * nx + x + dx]!;
              }
          next[(z * ny + y) * nx + x] = on;
        }
    mask = next;
  }
  return mask;
}

describe.skipIf(!haveData)('EMD-1997 (GroEL) level 0 checked by hand', () => {
  let run: Level0Run;
  let map: Volume;
  let masks: ReturnType<typeof bruteForceMasks>;

  it('takes threshold 1, resolution 7 Å and 2.02 Å voxels from the EMDB header', async () => {
    run = await runLevel0Checks({ map: groel, emdbHeader: header }, join(tempDir('vrs-1997-'), 'run'));
    expect(run.summary.status).toBe('success');
    const input = run.sections.get('input')!;
    expect(input.metrics).toMatchObject({ threshold: 1, resolution: 7, voxelSize: [2.02, 2.02, 2.02], dims: [100, 100, 100], hardMaskPasses: 1 });
    map = (await readMap(groel)).volume;
    masks = bruteForceMasks(map, 1, 1); // ⌈2/2.02⌉ = 1 pass
  }, 300_000);

  it('input and 0.b: raw mask, components and hard mask by flood fill and explicit dilation', () => {
    const b = run.sections.get('0.b')!.metrics;
    const rawVoxels = masks.raw.reduce((a, v) => a + v, 0);
    expect(b['rawVoxels']).toBe(rawVoxels);
    expect(b['rawComponents']).toBe(masks.sizes.length);
    const hardVoxels = masks.mask.reduce((a, v) => a + v, 0);
    expect(run.sections.get('input')!.metrics['hardMaskVoxels']).toBe(hardVoxels);
    expect(b['constructedMaskVoxels']).toBe(hardVoxels);
    let both = 0;
    for (let i = 0; i < map.size; i++) both += masks.raw[i]! & masks.mask[i]!;
    expect(b['overlap']).toBeCloseTo(both / rawVoxels, 12);
    // the 95 % walk over the flood-fill sizes
    const sorted = [...masks.sizes].sort((p, q) => q - p);
    let cumulated = 0;
    let n95 = 0;
    while (cumulated < 0.95 * rawVoxels) cumulated += sorted[n95++]!;
    expect(b['components95']).toBe(n95);
    expect(b['averageRemainingBlobVolumeA3']).toBeCloseTo(((rawVoxels - cumulated) / (sorted.length - n95)) * 2.02 ** 3, 9);
    // vrs-spec §20.4: overlap ≥ largest component / raw voxels; soft mask sum ≈ hard mask voxels (a unit-gain blur)
    expect(b['overlap'] as number).toBeGreaterThanOrEqual(sorted[0]! / rawVoxels);
    expect(run.sections.get('input')!.metrics['softMaskSum']).toBeCloseTo(hardVoxels, -1);
    // mass table rows: voxels strictly above each level, and kDa = voxels·Ts³/1207
    for (const row of (b['massTable'] as { threshold: number; voxels: number; kDa: number }[]).filter((_, i) => i % 6 === 0)) {
      let count = 0;
      for (let i = 0; i < map.size; i++) if (map.data[i]! > row.threshold) count++;
      expect(row.voxels).toBe(count);
      expect(row.kDa).toBeCloseTo((count * 2.02 ** 3) / 1207, 9);
    }
  });

  it('0.a: the contour 1.0 splits GroEL (one ring in the hard mask, the other in pieces), so free space and centre of mass come from both parts (the molecule mask)', () => {
    const a = run.sections.get('0.a')!.metrics;
    // Ring 1 whole (49.9 %), ring 2 in pieces at this contour: every piece of ≥ 5 % is a part.
    expect(masks.parts).toBeGreaterThanOrEqual(2);
    expect(run.sections.get('0.a')!.method).toContain(`the ${masks.parts} parts of the molecule`);
    expect(a['moleculeMask']).toBe(true);
    const rawVoxels = masks.raw.reduce((x, v) => x + v, 0);
    let both = 0;
    for (let i = 0; i < map.size; i++) both += masks.raw[i]! & masks.mask[i]!;
    expect(run.sections.get('input')!.metrics['maskCoverage']).toBeCloseTo(both / rawVoxels, 12);
    const [nx, ny] = map.dims;
    const first = [Infinity, Infinity, Infinity];
    const last = [-1, -1, -1];
    let w = 0;
    const c = [0, 0, 0];
    for (let i = 0; i < map.size; i++) {
      if (!masks.molecule[i]) continue;
      const p = [i % nx, Math.floor(i / nx) % ny, Math.floor(i / (nx * ny))];
      p.forEach((v, k) => {
        first[k] = Math.min(first[k]!, v);
        last[k] = Math.max(last[k]!, v);
      });
      const v = Math.max(map.data[i]!, 0);
      w += v;
      p.forEach((q, k) => (c[k]! += v * q));
    }
    expect(a['leftSpaceA']).toEqual(first.map((f) => f * 2.02));
    expect(a['rightSpaceA']).toEqual(last.map((l) => (100 - l) * 2.02));
    (a['centerOfMassVoxels'] as number[]).forEach((v, k) => expect(v).toBeCloseTo(c[k]! / w, 8));
    (a['decenteringPercent'] as number[]).forEach((d, k) => expect(d).toBeCloseTo((Math.abs((100 - last[k]!) * 2.02 - first[k]! * 2.02) / 202) * 100, 10));
  });

  it('0.c: background statistics by plain loops over the complement of the hard mask', () => {
    const m = run.sections.get('0.c')!.metrics as Record<string, number>;
    let n = 0;
    let sum = 0;
    for (let i = 0; i < map.size; i++) if (!masks.mask[i]) (sum += map.data[i]!), n++;
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < map.size; i++) if (!masks.mask[i]) ss += (map.data[i]! - mean) ** 2;
    const std = Math.sqrt(ss / n);
    let outliers = 0;
    for (let i = 0; i < map.size; i++) if (!masks.mask[i] && Math.abs(map.data[i]!) > 5 * std) outliers++;
    expect(m['backgroundVoxels']).toBe(n);
    expect(m['mean']).toBeCloseTo(mean, 12);
    expect(m['std']).toBeCloseTo(std, 12);
    expect(m['tStatistic']).toBeCloseTo(mean / Math.sqrt(ss / (n - 1) / n), 8);
    expect(m['outlierPercent']).toBeCloseTo((100 * outliers) / n, 12);
    // §20.4: ratio · 5.733031e-7 = outlier fraction
    expect(m['cdf5Ratio']! * 5.733031e-7).toBeCloseTo(outliers / n, 8);
  });

  it('0.d: B from a full complex FFT averaged over whole shells agrees within 2 %', async () => {
    const m = run.sections.get('0.d')!.metrics as Record<string, number>;
    const n = 100;
    const complex = new Float64Array(2 * map.size);
    for (let i = 0; i < map.size; i++) complex[2 * i] = map.data[i]!;
    const F = await fft3d(complex, [n, n, n]);
    const box = n * 2.02;
    const sum = new Float64Array(60);
    const count = new Float64Array(60);
    const f = (k: number) => (k <= n / 2 ? k : k - n);
    for (let z = 0; z < n; z++)
      for (let y = 0; y < n; y++)
        for (let x = 0; x < n; x++) {
          const r = Math.hypot(f(x), f(y), f(z));
          if (r > n / 2) continue;
          const shell = Math.round(r);
          const p = 2 * ((z * n + y) * n + x);
          sum[shell]! += Math.hypot(F[p]!, F[p + 1]!);
          count[shell]!++;
        }
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 1; i < 60; i++) {
      const d = box / i;
      if (d > 15 || d < 7 || count[i] === 0) continue;
      xs.push(1 / (d * d));
      ys.push(Math.log(sum[i]! / count[i]!));
    }
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    expect(m['bFactor']).toBeCloseTo(4 * m['slope']!, 12);
    expect(Math.abs(m['bFactor']! - 4 * slope)).toBeLessThan(0.02 * Math.abs(4 * slope));
    expect(m['fittedShells']).toBe(xs.length);
  });
});
