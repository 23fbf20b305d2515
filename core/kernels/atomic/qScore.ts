import type { VolumeGeometry } from '../../volume/index.js';
import { mapSampler } from './mapSampler.js';

/** The columns of an atom table the Q-score needs (core/io's AtomTable has them). */
export interface QScoreAtoms {
  count: number;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  element: string[];
}

/** The grid the Q-score samples: voxel (i, j, k) is at origin + (i, j, k)·voxelSize, data x fastest. */
export interface QScoreMap {
  data: ArrayLike<number>;
  geometry: VolumeGeometry;
}

export interface QScoreOptions {
  /** Width of the reference Gaussian, Å (MapQ's default and the published fits: 0.6). */
  sigma?: number;
  /** Points wanted on every shell; also how many times the centre value is counted (MapQ: 8). */
  pointsPerShell?: number;
  /** Outermost shell radius, Å (MapQ: 2.0). */
  maxRadius?: number;
  /** Shell spacing, Å (MapQ: 0.1). */
  radiusStep?: number;
  /**
   * Spiral sizes tried per shell, N = pointsPerShell + 2·t for t = 0 … maxTries − 1. MapQ 1.8 loops
   * t over 0 … 99 and stops at t = 95 keeping what survived, hence 96.
   */
  maxTries?: number;
  /** Reference Gaussian height and offset; default from the whole grid (`mapReferenceRange`). */
  referenceRange?: { minD: number; maxD: number };
  /** Atoms to score (indices); default every atom that is not hydrogen. */
  select?: Int32Array;
  /** Edge of the neighbour-search cells, Å. */
  cellSize?: number;
}

export interface QScoreResult {
  /** Per atom of the table, in table order; NaN for atoms not scored (hydrogens, unselected). */
  q: Float64Array;
  /** The atoms that were meant to be scored. */
  scored: Int32Array;
  minD: number;
  maxD: number;
  /** Scored atoms whose centre lies outside the grid (scored all the same, their samples off the grid count 0). */
  outsideBox: number;
  /** Scored atoms whose sampled map values are all equal (e.g. a masked-out region): Q = 0, as MapQ gives. */
  flat: number;
  /** Map values used per atom (centre counted `pointsPerShell` times plus the kept shell points); 0 when not scored. */
  samples: Int32Array;
  /** Shells (over all atoms) that ended with fewer than `pointsPerShell` points after every try. */
  sparseShells: number;
}

/** MapQ's range of map values for the reference Gaussian, from the mean and population std of the whole grid. */
export interface MapReferenceRange {
  mean: number;
  std: number;
  min: number;
  max: number;
  /** max(mean − 1·std, min): the reference Gaussian's offset B. */
  minD: number;
  /** min(mean + 10·std, max): B + A, the reference Gaussian's height above zero. */
  maxD: number;
}

export function mapReferenceRange(data: ArrayLike<number>): MapReferenceRange {
  const n = data.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = data[i]! - mean;
    ss += d * d;
  }
  const std = Math.sqrt(ss / n);
  return { mean, std, min, max, minD: Math.max(mean - std, min), maxD: Math.min(mean + 10 * std, max) };
}

/**
 * N points on the unit sphere by the Saff–Kuijlaars spiral as MapQ writes it: for k = 1 … N,
 * h = −1 + 2(k − 1)/(N − 1), φ = acos h, θ₁ = θ_N = 0, θ_k = (θ_{k−1} + 3.6/√(N(1 − h²))) mod 2π;
 * point (sin φ cos θ, sin φ sin θ, cos φ). The first point is the south pole, the last the north
 * pole. Returned as x, y, z triples.
 */
export function saffKuijlaarsSpiral(n: number): Float64Array {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`spiral needs at least 2 points, got ${n}`);
  const out = new Float64Array(3 * n);
  let theta = 0;
  for (let k = 1; k <= n; k++) {
    const h = -1 + (2 * (k - 1)) / (n - 1);
    const phi = Math.acos(h);
    theta = k === 1 || k === n ? 0 : (theta + 3.6 / Math.sqrt(n * (1 - h * h))) % (2 * Math.PI);
    const s = Math.sin(phi);
    out[3 * (k - 1)] = s * Math.cos(theta);
    out[3 * (k - 1) + 1] = s * Math.sin(theta);
    out[3 * (k - 1) + 2] = Math.cos(phi);
  }
  return out;
}

function isHydrogen(element: string): boolean {
  return element === 'H' || element === 'D';
}


/** Uniform cells over the neighbour atoms: CSR lists of atom indices per cell. */
interface CellGrid {
  min: [number, number, number];
  cell: number;
  dims: [number, number, number];
  start: Int32Array;
  atoms: Int32Array;
}

/** Above this many cells the cell edge grows, so a model spread over a huge frame cannot exhaust memory. */
const MAX_CELLS = 8_000_000;

function buildCells(atoms: QScoreAtoms, members: Int32Array, cellSize: number): CellGrid {
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (const a of members) {
    const p = [atoms.x[a]!, atoms.y[a]!, atoms.z[a]!];
    for (let d = 0; d < 3; d++) {
      if (p[d]! < min[d]!) min[d] = p[d]!;
      if (p[d]! > max[d]!) max[d] = p[d]!;
    }
  }
  if (members.length === 0) return { min: [0, 0, 0], cell: cellSize, dims: [1, 1, 1], start: new Int32Array(2), atoms: new Int32Array(0) };
  let cell = cellSize;
  const dimsFor = (c: number) => [0, 1, 2].map((d) => Math.floor((max[d]! - min[d]!) / c) + 1) as [number, number, number];
  let dims = dimsFor(cell);
  while (dims[0] * dims[1] * dims[2] > MAX_CELLS) {
    cell *= 1.5;
    dims = dimsFor(cell);
  }
  const cellOf = new Int32Array(members.length);
  const start = new Int32Array(dims[0] * dims[1] * dims[2] + 1);
  for (let m = 0; m < members.length; m++) {
    const a = members[m]!;
    const cx = Math.floor((atoms.x[a]! - min[0]) / cell);
    const cy = Math.floor((atoms.y[a]! - min[1]) / cell);
    const cz = Math.floor((atoms.z[a]! - min[2]) / cell);
    const c = (cz * dims[1] + cy) * dims[0] + cx;
    cellOf[m] = c;
    start[c + 1]!++;
  }
  for (let c = 0; c < start.length - 1; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, start.length - 1);
  const list = new Int32Array(members.length);
  for (let m = 0; m < members.length; m++) list[fill[cellOf[m]!]!++] = members[m]!;
  return { min, cell, dims, start, atoms: list };
}

/**
 * Per-atom Q-scores (Pintilie et al., Nat. Methods 2020) with MapQ's definition: for each scored
 * atom, the map value at its centre (counted `pointsPerShell` times) and at points on shells of
 * radius 0.1 … 2.0 Å, each shell's points from the Saff–Kuijlaars spiral with N = 8, 10, 12 … until
 * at least 8 of them are closer to this atom than to any other (no other atom within 0.9·r of the
 * point); Q is the correlation about the mean of those values with the reference Gaussian
 * A·exp(−r²/2σ²) + B, A = maxD − minD, B = minD.
 *
 * The "other atoms" are every non-hydrogen atom of the table, whatever is scored — MapQ builds its
 * search tree the same way, so waters, ions and ligands shadow the points near them and hydrogens
 * (present in some models, absent in most) do not change the answer. Q does not depend on A and B
 * when A > 0 (a correlation is unchanged by a positive affine map of one variable); they are kept
 * for fidelity.
 */
export function qScores(map: QScoreMap, atoms: QScoreAtoms, opts: QScoreOptions = {}): QScoreResult {
  const sigma = opts.sigma ?? 0.6;
  const numPts = opts.pointsPerShell ?? 8;
  const maxRadius = opts.maxRadius ?? 2.0;
  const step = opts.radiusStep ?? 0.1;
  const maxTries = opts.maxTries ?? 96;
  if (!(sigma > 0 && step > 0 && maxRadius >= step && numPts >= 2 && maxTries >= 1)) throw new RangeError('Q-score: sigma, radius step, max radius, points per shell and tries must be positive');
  const range = opts.referenceRange ?? mapReferenceRange(map.data);
  const A = range.maxD - range.minD;
  const B = range.minD;

  const heavy: number[] = [];
  for (let i = 0; i < atoms.count; i++) if (!isHydrogen(atoms.element[i]!)) heavy.push(i);
  const neighbours = Int32Array.from(heavy);
  const scored = opts.select ?? neighbours;
  const cells = buildCells(atoms, neighbours, opts.cellSize ?? 2.0);
  const sample = mapSampler(map, 'trilinear', { outside: 0 /* as Chimera's interpolated_values, which MapQ samples with */ });

  // Radii as MapQ steps them (r += dr while r < rmax + 0.01), so 2.0 is included.
  const radii: number[] = [];
  for (let r = step; r < maxRadius + 0.01; r += step) radii.push(r);
  const spirals = Array.from({ length: maxTries }, (_, t) => saffKuijlaarsSpiral(numPts + 2 * t));
  const maxSamples = numPts + radii.length * (numPts + 2 * (maxTries - 1));
  const dVals = new Float64Array(maxSamples);
  const gVals = new Float64Array(maxSamples);
  const gatherRadius = 1.9 * radii[radii.length - 1]!;
  let nearX = new Float64Array(256);
  let nearY = new Float64Array(256);
  let nearZ = new Float64Array(256);
  let nearD = new Float64Array(256);
  const order: number[] = [];
  const orderD: number[] = [];
  const rank: number[] = [];

  const [gnx, gny, gnz] = cells.dims;
  const q = new Float64Array(atoms.count).fill(Number.NaN);
  const [ox, oy, oz] = map.geometry.origin;
  const [vx, vy, vz] = map.geometry.voxelSize;
  const [mnx, mny, mnz] = map.geometry.dims;
  let outsideBox = 0;
  let flat = 0;
  let sparseShells = 0;
  const samples = new Int32Array(atoms.count);
  let px = new Float64Array(0);
  let py = new Float64Array(0);
  let pz = new Float64Array(0);

  for (const atom of scored) {
    const ax = atoms.x[atom]!;
    const ay = atoms.y[atom]!;
    const az = atoms.z[atom]!;
    const gx = (ax - ox) / vx;
    const gy = (ay - oy) / vy;
    const gz = (az - oz) / vz;
    // Counted, not skipped: MapQ samples such atoms too (zeros off the grid).
    if (!(gx >= 0 && gy >= 0 && gz >= 0 && gx <= mnx - 1 && gy <= mny - 1 && gz <= mnz - 1)) outsideBox++;

    // Other atoms that can reject a point on any shell: within r + 0.9·r of the centre.
    const c0 = Math.floor((ax - gatherRadius - cells.min[0]) / cells.cell);
    const c1 = Math.floor((ax + gatherRadius - cells.min[0]) / cells.cell);
    const r0 = Math.floor((ay - gatherRadius - cells.min[1]) / cells.cell);
    const r1 = Math.floor((ay + gatherRadius - cells.min[1]) / cells.cell);
    const s0 = Math.floor((az - gatherRadius - cells.min[2]) / cells.cell);
    const s1 = Math.floor((az + gatherRadius - cells.min[2]) / cells.cell);
    const g2 = gatherRadius * gatherRadius;
    order.length = 0;
    orderD.length = 0;
    for (let cz = Math.max(s0, 0); cz <= Math.min(s1, gnz - 1); cz++) {
      for (let cy = Math.max(r0, 0); cy <= Math.min(r1, gny - 1); cy++) {
        for (let cx = Math.max(c0, 0); cx <= Math.min(c1, gnx - 1); cx++) {
          const c = (cz * gny + cy) * gnx + cx;
          for (let m = cells.start[c]!; m < cells.start[c + 1]!; m++) {
            const other = cells.atoms[m]!;
            if (other === atom) continue;
            const dx = atoms.x[other]! - ax;
            const dy = atoms.y[other]! - ay;
            const dz = atoms.z[other]! - az;
            const d2 = dx * dx + dy * dy + dz * dz;
            if (d2 >= g2) continue;
            order.push(other);
            orderD.push(Math.sqrt(d2));
          }
        }
      }
    }
    const nNear = order.length;
    if (nNear > nearX.length) {
      const size = 2 * nNear;
      nearX = new Float64Array(size);
      nearY = new Float64Array(size);
      nearZ = new Float64Array(size);
      nearD = new Float64Array(size);
    }
    // Nearest first: on shell r only atoms closer than 1.9·r to the centre can reject, a prefix.
    rank.length = nNear;
    for (let m = 0; m < nNear; m++) rank[m] = m;
    rank.sort((a, b) => orderD[a]! - orderD[b]!);
    for (let m = 0; m < nNear; m++) {
      const o = order[rank[m]!]!;
      nearX[m] = atoms.x[o]!;
      nearY[m] = atoms.y[o]!;
      nearZ[m] = atoms.z[o]!;
      nearD[m] = orderD[rank[m]!]!;
    }

    let n = 0;
    const centre = sample(ax, ay, az);
    const gCentre = A + B;
    for (let p = 0; p < numPts; p++) {
      dVals[n] = centre;
      gVals[n] = gCentre;
      n++;
    }
    for (const r of radii) {
      const reject = 0.9 * r;
      const reject2 = reject * reject;
      let relevant = 0;
      while (relevant < nNear && nearD[relevant]! < r + reject) relevant++;
      const g = A * Math.exp((-0.5 * r * r) / (sigma * sigma)) + B;
      let kept = 0;
      for (let t = 0; t < maxTries; t++) {
        const unit = spirals[t]!;
        const count = unit.length / 3;
        if (px.length < count) {
          px = new Float64Array(count);
          py = new Float64Array(count);
          pz = new Float64Array(count);
        }
        kept = 0;
        for (let s = 0; s < count; s++) {
          const x = ax + r * unit[3 * s]!;
          const y = ay + r * unit[3 * s + 1]!;
          const z = az + r * unit[3 * s + 2]!;
          let free = true;
          for (let m = 0; m < relevant; m++) {
            const dx = nearX[m]! - x;
            const dy = nearY[m]! - y;
            const dz = nearZ[m]! - z;
            if (dx * dx + dy * dy + dz * dz < reject2) {
              free = false;
              break;
            }
          }
          if (free) {
            px[kept] = x;
            py[kept] = y;
            pz[kept] = z;
            kept++;
          }
        }
        if (kept >= numPts) break;
      }
      if (kept < numPts) sparseShells++;
      for (let s = 0; s < kept; s++) {
        dVals[n] = sample(px[s]!, py[s]!, pz[s]!);
        gVals[n] = g;
        n++;
      }
    }

    samples[atom] = n;
    // Correlation about the mean, two passes for accuracy.
    let md = 0;
    let mg = 0;
    for (let s = 0; s < n; s++) {
      md += dVals[s]!;
      mg += gVals[s]!;
    }
    md /= n;
    mg /= n;
    let sdg = 0;
    let sdd = 0;
    let sgg = 0;
    for (let s = 0; s < n; s++) {
      const a = dVals[s]! - md;
      const b = gVals[s]! - mg;
      sdg += a * b;
      sdd += a * a;
      sgg += b * b;
    }
    // Chimera's correlation about the mean is 0 when either vector is constant; MapQ reports that.
    if (!(sdd > 0 && sgg > 0)) {
      flat++;
      q[atom] = 0;
      continue;
    }
    q[atom] = sdg / Math.sqrt(sdd * sgg);
  }
  return { q, scored: Int32Array.from(scored), minD: range.minD, maxD: range.maxD, outsideBox, flat, samples, sparseShells };
}
