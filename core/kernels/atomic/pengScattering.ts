/**
 * Five-Gaussian electron scattering factors of neutral atoms, f_e(s) = Σ a_i exp(−b_i s²) with
 * s = sinθ/λ in Å⁻¹, a in Å, b in Å² (Peng, Ren, Dudarev & Whelan 1996, Acta Cryst. A52, 257,
 * table 1; the twelve elements Xmipp tabulates, algorithms.md §4.2).
 */
export const PENG_ELECTRON_FACTORS: Readonly<Record<string, { a: readonly number[]; b: readonly number[] }>> = {
  H: { a: [0.0088, 0.0449, 0.1481, 0.2356, 0.0914], b: [0.1152, 1.0867, 4.9755, 16.5591, 43.2743] },
  C: { a: [0.0489, 0.2091, 0.7537, 1.142, 0.3555], b: [0.114, 1.0825, 5.4281, 17.8811, 51.1341] },
  N: { a: [0.0267, 0.1328, 0.5301, 1.102, 0.4215], b: [0.0541, 0.5165, 2.8207, 10.6297, 34.3764] },
  O: { a: [0.0365, 0.1729, 0.5805, 0.8814, 0.3121], b: [0.0652, 0.6184, 2.9449, 9.6298, 28.2194] },
  P: { a: [0.1005, 0.4615, 1.0663, 2.5854, 1.2725], b: [0.0977, 0.9084, 4.9654, 18.5471, 54.3648] },
  S: { a: [0.0915, 0.4312, 1.0847, 2.4671, 1.0852], b: [0.0838, 0.7788, 4.3462, 15.5846, 44.6365] },
  FE: { a: [0.1929, 0.8239, 1.8689, 2.3694, 1.906], b: [0.1087, 1.0806, 4.7637, 22.85, 76.7309] },
  K: { a: [0.2149, 0.8703, 2.4999, 2.3591, 3.0318], b: [0.166, 1.6906, 8.7447, 46.7825, 165.6923] },
  F: { a: [0.0382, 0.1822, 0.5972, 0.7707, 0.213], b: [0.0613, 0.5753, 2.6858, 8.8214, 25.6668] },
  MG: { a: [0.113, 0.5575, 0.9046, 2.158, 1.4735], b: [0.1356, 1.3579, 6.9255, 32.3165, 92.1138] },
  CL: { a: [0.0799, 0.3891, 1.0037, 2.3332, 1.0507], b: [0.0694, 0.6443, 3.5351, 12.5058, 35.8633] },
  CA: { a: [0.2355, 0.9916, 2.3959, 3.7252, 2.5647], b: [0.1742, 1.8329, 8.8407, 47.4583, 134.9613] },
};

/** Real-space shape of one atom: a sum of isotropic Gaussians amplitude·exp(−r²/(2·variance)), r in Å. */
export interface AtomGaussians {
  amplitude: Float64Array;
  /** σ² in Å². */
  variance: Float64Array;
}

/**
 * How an atom's 5-Gaussian factor becomes density:
 * - `electron`: the exact 3-D transform of Peng's factor with the Debye–Waller factor exp(−B s²)
 *   (s = 1/(2d)), a_i (4π/(b_i+B))^{3/2} exp(−4π² r²/(b_i+B)) — what map–model programs such as
 *   Phenix compute, B-factors honoured;
 * - `xmipp`: Xmipp's radial profile (the 1-D transform with s read as 1/d,
 *   a_i √(π/b_i) exp(−π² r²/b_i)), blurred by a Gaussian of σ = 0.4 of the smallest voxel size as the spec's stand-in
 *   for its Sinc–Kaiser low-pass; no B-factors. Absolute levels matter for FSC-Q's 0.97 threshold.
 */
export type ScatteringStyle = 'electron' | 'xmipp';

export function atomGaussians(element: string, bFactor: number, style: ScatteringStyle, voxelSize = 1): AtomGaussians | undefined {
  const factors = PENG_ELECTRON_FACTORS[element];
  if (!factors) return undefined;
  const amplitude = new Float64Array(5);
  const variance = new Float64Array(5);
  for (let i = 0; i < 5; i++) {
    const a = factors.a[i]!;
    const b = factors.b[i]!;
    if (style === 'electron') {
      const bt = b + Math.max(bFactor, 0);
      amplitude[i] = a * (4 * Math.PI / bt) ** 1.5;
      variance[i] = bt / (8 * Math.PI * Math.PI);
    } else {
      const s2 = b / (2 * Math.PI * Math.PI);
      const lowPass = (0.4 * voxelSize) ** 2;
      // A 1-D Gaussian convolution keeps the peak area: amplitude scales by σ_old/σ_new.
      amplitude[i] = a * Math.sqrt(Math.PI / b) * Math.sqrt(s2 / (s2 + lowPass));
      variance[i] = s2 + lowPass;
    }
  }
  return { amplitude, variance };
}
