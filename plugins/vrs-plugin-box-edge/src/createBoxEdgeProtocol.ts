import type { SectionResult, VrsPluginHost } from 'cryo-vrs';
import { boxEdgeFraction } from './boxEdgeFraction.js';

const faceNames = ['−x', '+x', '−y', '+y', '−z', '+z'];

/** The box-edge check as a protocol, built with the host's defineProtocol. */
export function createBoxEdgeProtocol(host: VrsPluginHost) {
  return host.defineProtocol({
    id: 'boxEdge.check',
    version: '1',
    title: 'Density at the box edge',
    description: 'Fraction of the voxels above the threshold within a given distance of the box faces; a high fraction means the map is cut by its box.',
    execution: 'worker',
    section: { id: 'X.boxEdge', level: 'X', title: 'Density at the box edge' },
    params: {
      threshold: { type: 'number', required: true, description: 'Contour level.' },
      distance: { type: 'number', default: 5, min: 0, description: 'Distance from the faces, Å.' },
      maxFraction: { type: 'number', default: 0.01, min: 0, max: 1, description: 'Largest acceptable fraction.' },
    },
    inputs: {
      map: { kind: 'volume', description: 'The map (e.g. vrs.importMap’s map).' },
    },
    outputs: {
      section: { kind: 'section' },
    },
    async run(ctx) {
      const { threshold, distance, maxFraction } = ctx.params;
      const map = await ctx.inputs.volume('map');
      const measure = boxEdgeFraction(map, threshold, distance);
      ctx.logger.info('box edge measured', { ...measure });
      const base = {
        id: 'X.boxEdge',
        level: 'X',
        title: 'Density at the box edge',
        summaryLabel: 'X Box edge',
        method: `Voxels above the threshold within ${distance} Å of the box faces`,
        explanation: 'A map whose molecule touches the faces of its box has been cut or boxed too tightly; density near the faces is also where Fourier wrap-around artefacts appear.',
        criteria: `The fraction of the voxels above the threshold that lie within ${distance} Å of a box face should be at most ${(maxFraction * 100).toFixed(1)} %.`,
        metrics: { ...measure, distanceA: distance, threshold, maxFraction },
      };
      if (measure.voxelsAbove === 0) {
        const section: SectionResult = { ...base, status: 'not-applicable', reason: `no voxel is above the threshold ${threshold}`, warnings: [] };
        return { section: { kind: 'section', value: section } };
      }
      const percent = (measure.fraction * 100).toFixed(2);
      const warnings =
        measure.fraction > maxFraction
          ? [
              `${percent} % of the voxels above the threshold lie within ${distance} Å of the box faces (most at ${faceNames[measure.perFace.indexOf(Math.max(...measure.perFace))]}): the map may be cut by its box.`,
            ]
          : [];
      const section: SectionResult = {
        ...base,
        status: warnings.length ? 'warnings' : 'ok',
        warnings,
        results: [`${measure.voxelsAboveNearFaces} of ${measure.voxelsAbove} voxels above the threshold (${percent} %) lie within ${distance} Å of a face.`],
        abstract: warnings.length ? 'Density reaches the box faces.' : 'The density stays clear of the box faces.',
      };
      return { section: { kind: 'section', value: section } };
    },
  });
}
