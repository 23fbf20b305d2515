import { seededUniform } from '../../fft/testSignals.js';
import { type Vec3, Volume } from '../../volume/index.js';

export interface TwistedSheetOptions {
  /** Rotation (degrees) of each strand relative to the previous one about the cross-strand axis x (right-hand rule); natural sheets ≈ −20. */
  twistPerStrand: number;
  /** Cubic box edge (voxels of 1 Å), default 48. */
  size?: number;
  strands?: number;
  /** Strand spacing (Å), default 4.8. */
  spacing?: number;
  /** Strand length (Å), default 24. */
  length?: number;
  /** Gaussian radius σ (Å) of each strand's density, default 1.5 (≈ 4 Å detail). */
  sigma?: number;
  /** Standard deviation of added noise (peak density ≈ 1), default 0. */
  noise?: number;
  seed?: number;
}

/**
 * A test phantom for the β-sheet twist test: straight lines of density (Gaussian cross-section)
 * side by side along x, `spacing` apart, strand k (k centred on 0) running along
 * (0, cos kθ, sin kθ): seen down +x, each strand is turned by θ about x from the one before it.
 * Optional noise: sums of four uniform values (near-Gaussian), reproducible from `seed`.
 */
export function twistedSheetPhantom(opts: TwistedSheetOptions): Volume<Float32Array> {
  const n = opts.size ?? 48;
  const strands = opts.strands ?? 6;
  const spacing = opts.spacing ?? 4.8;
  const half = (opts.length ?? 24) / 2;
  const sigma = opts.sigma ?? 1.5;
  const c = (n - 1) / 2;
  const lines = Array.from({ length: strands }, (_, i) => {
    const k = i - (strands - 1) / 2;
    const th = (opts.twistPerStrand * k * Math.PI) / 180;
    return { p: [c + spacing * k, c, c] as Vec3, s: [0, Math.cos(th), Math.sin(th)] as Vec3 };
  });
  const data = new Float32Array(n * n * n);
  for (let z = 0, i = 0; z < n; z++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++, i++) {
        let v = 0;
        for (const { p, s } of lines) {
          const dx = x - p[0];
          const dy = y - p[1];
          const dz = z - p[2];
          const t = Math.max(-half, Math.min(half, dx * s[0] + dy * s[1] + dz * s[2]));
          const r2 = (dx - t * s[0]) ** 2 + (dy - t * s[1]) ** 2 + (dz - t * s[2]) ** 2;
          v += Math.exp(-r2 / (2 * sigma * sigma));
        }
        data[i] = v;
      }
  const noise = opts.noise ?? 0;
  if (noise > 0) {
    // sum of 4 uniforms on [−0.5, 0.5): variance 4/12
    const u = seededUniform(4 * data.length, opts.seed ?? 1);
    const scale = noise / Math.sqrt(4 / 12);
    for (let i = 0; i < data.length; i++) data[i]! += scale * (u[4 * i]! + u[4 * i + 1]! + u[4 * i + 2]! + u[4 * i + 3]!);
  }
  return new Volume(data, { dims: [n, n, n], voxelSize: [1, 1, 1], origin: [0, 0, 0] });
}
