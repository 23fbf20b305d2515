import { describe, expect, it } from 'vitest';
import { downsampleGrid } from './downsampleGrid.js';
import { sampleTrilinear } from './sampleTrilinear.js';
import { surfaceNets, type ScalarGrid } from './surfaceNets.js';

/** value = R − distance to the centre: the isosurface at 0 is the sphere of radius R. */
function sphereGrid(n: number, radius: number, spacing: [number, number, number] = [1, 1, 1]): ScalarGrid {
  const data = new Float32Array(n * n * n);
  const c = (n - 1) / 2;
  for (let z = 0; z < n; z++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++) {
        data[(z * n + y) * n + x] = radius - Math.hypot((x - c) * spacing[0], (y - c) * spacing[1], (z - c) * spacing[2]);
      }
  return { data, dims: [n, n, n], spacing, origin: [0, 0, 0] };
}

describe('surfaceNets', () => {
  const n = 32;
  const radius = 10;
  const centre = (n - 1) / 2;
  const mesh = surfaceNets(sphereGrid(n, radius), 0);
  const vertices = mesh.positions.length / 3;

  it('puts every vertex within half a voxel of the sphere', () => {
    expect(vertices).toBeGreaterThan(500);
    for (let i = 0; i < vertices; i++) {
      const r = Math.hypot(mesh.positions[3 * i]! - centre, mesh.positions[3 * i + 1]! - centre, mesh.positions[3 * i + 2]! - centre);
      expect(Math.abs(r - radius)).toBeLessThan(0.5);
    }
  });

  it('gives outward unit normals', () => {
    for (let i = 0; i < vertices; i++) {
      const d = [0, 1, 2].map((k) => mesh.positions[3 * i + k]! - centre);
      const r = Math.hypot(...d);
      const dot = d.reduce((s, v, k) => s + v * mesh.normals[3 * i + k]!, 0) / r;
      expect(dot).toBeGreaterThan(0.95);
      expect(Math.hypot(mesh.normals[3 * i]!, mesh.normals[3 * i + 1]!, mesh.normals[3 * i + 2]!)).toBeCloseTo(1, 5);
    }
  });

  it('is closed (every edge in exactly two triangles) and wound outwards: enclosed volume ≈ 4/3·π·R³', () => {
    const edges = new Map<string, number>();
    let volume = 0;
    const p = mesh.positions;
    for (let t = 0; t < mesh.indices.length; t += 3) {
      const [a, b, c] = [mesh.indices[t]!, mesh.indices[t + 1]!, mesh.indices[t + 2]!];
      for (const [u, v] of [[a, b], [b, c], [c, a]]) {
        const key = u! < v! ? `${u},${v}` : `${v},${u}`;
        edges.set(key, (edges.get(key) ?? 0) + 1);
      }
      // Divergence theorem: signed tetrahedron volumes against the origin.
      const ax = p[3 * a]!, ay = p[3 * a + 1]!, az = p[3 * a + 2]!;
      const bx = p[3 * b]!, by = p[3 * b + 1]!, bz = p[3 * b + 2]!;
      const cx = p[3 * c]!, cy = p[3 * c + 1]!, cz = p[3 * c + 2]!;
      volume += (ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx)) / 6;
    }
    expect([...edges.values()].every((count) => count === 2)).toBe(true);
    const exact = (4 / 3) * Math.PI * radius ** 3;
    expect(volume).toBeGreaterThan(0);
    expect(Math.abs(volume - exact) / exact).toBeLessThan(0.03);
  });

  it('places the surface in Å for anisotropic voxels and a shifted origin', () => {
    // Ellipsoid in index space that is a sphere of radius 10 Å in physical space.
    const grid = sphereGrid(40, 10, [0.8, 0.8, 1.2]);
    grid.origin = [5, -3, 2];
    const m = surfaceNets(grid, 0);
    const c = [5 + 19.5 * 0.8, -3 + 19.5 * 0.8, 2 + 19.5 * 1.2];
    for (let i = 0; i < m.positions.length / 3; i++) {
      const r = Math.hypot(m.positions[3 * i]! - c[0]!, m.positions[3 * i + 1]! - c[1]!, m.positions[3 * i + 2]! - c[2]!);
      expect(Math.abs(r - 10)).toBeLessThan(0.6);
    }
  });

  it('returns an empty mesh when nothing or everything is inside', () => {
    expect(surfaceNets(sphereGrid(8, 2), 5).indices.length).toBe(0);
    expect(surfaceNets(sphereGrid(8, 2), -100).indices.length).toBe(0);
  });
});

describe('sampleTrilinear', () => {
  // f = 2x + 3y − z + 1, exact under trilinear interpolation.
  const dims: [number, number, number] = [4, 5, 6];
  const data = new Float32Array(4 * 5 * 6);
  for (let z = 0; z < 6; z++) for (let y = 0; y < 5; y++) for (let x = 0; x < 4; x++) data[(z * 5 + y) * 4 + x] = 2 * x + 3 * y - z + 1;
  const grid: ScalarGrid = { data, dims, spacing: [2, 2, 2], origin: [10, 0, 0] };

  it('reproduces a linear function at off-grid points given in Å', () => {
    // Å (13, 3, 5) → grid (1.5, 1.5, 2.5): 3 + 4.5 − 2.5 + 1 = 6
    expect(sampleTrilinear(grid, 13, 3, 5)).toBeCloseTo(6, 5);
    expect(sampleTrilinear(grid, 16, 8, 10)).toBeCloseTo(6 + 12 - 5 + 1, 5);
  });
  it('gives NaN outside the grid', () => {
    expect(sampleTrilinear(grid, 9, 0, 0)).toBeNaN();
  });
  it('ignores zero corners when asked', () => {
    const g: ScalarGrid = { data: Float32Array.of(0, 4, 0, 4, 0, 4, 0, 4), dims: [2, 2, 2], spacing: [1, 1, 1], origin: [0, 0, 0] };
    expect(sampleTrilinear(g, 0.25, 0.5, 0.5)).toBeCloseTo(1, 6);
    expect(sampleTrilinear(g, 0.25, 0.5, 0.5, true)).toBeCloseTo(4, 6);
  });
});

describe('downsampleGrid', () => {
  it('averages blocks and moves the origin to the block centre', () => {
    const data = Float32Array.from({ length: 27 }, (_, i) => i);
    const g = downsampleGrid({ data, dims: [3, 3, 3], spacing: [1, 1, 2], origin: [0, 0, 0] }, 2);
    expect(g.dims).toEqual([2, 2, 2]);
    expect(g.spacing).toEqual([2, 2, 4]);
    expect(g.origin).toEqual([0.5, 0.5, 1]);
    // Block (0,0,0) holds x,y,z ∈ {0,1}: indices 0,1,3,4,9,10,12,13 → mean 6.5
    expect(g.data[0]).toBeCloseTo(6.5, 6);
    // Block (1,1,1) is the single voxel 26.
    expect(g.data[7]).toBe(26);
  });
});
