/** A colour map: colours at increasing positions in [0, 1], interpolated linearly in RGB. */
export interface ColorMap {
  name: string;
  stops: { position: number; rgb: [number, number, number] }[];
}

/** matplotlib's "jet" channel ramps (breakpoint, level), the published definition of the palette. */
const JET_RAMPS: Record<'r' | 'g' | 'b', [number, number][]> = {
  r: [[0, 0], [0.35, 0], [0.66, 1], [0.89, 1], [1, 0.5]],
  g: [[0, 0], [0.125, 0], [0.375, 1], [0.64, 1], [0.91, 0], [1, 0]],
  b: [[0, 0.5], [0.11, 1], [0.34, 1], [0.65, 0], [1, 0]],
};

function ramp(points: [number, number][], t: number): number {
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    if (t <= x1) {
      const [x0, y0] = points[i - 1]!;
      return y0 + ((y1 - y0) * (t - x0)) / (x1 - x0);
    }
  }
  return points[points.length - 1]![1];
}

/**
 * "jet" as the original service colours local-resolution surfaces: 11 colours sampled from
 * matplotlib's jet at 0, 0.1, …, 1 (dark blue → cyan → yellow → dark red), interpolated between.
 */
export const JET: ColorMap = {
  name: 'jet',
  stops: Array.from({ length: 11 }, (_, i) => {
    const t = i / 10;
    return {
      position: t,
      rgb: [Math.round(255 * ramp(JET_RAMPS.r, t)), Math.round(255 * ramp(JET_RAMPS.g, t)), Math.round(255 * ramp(JET_RAMPS.b, t))],
    };
  }),
};

/** Diverging blue → white → red, for signed quantities and model attributes. */
export const BLUE_WHITE_RED: ColorMap = {
  name: 'blue-white-red',
  stops: [
    { position: 0, rgb: [0, 0, 255] },
    { position: 0.5, rgb: [255, 255, 255] },
    { position: 1, rgb: [255, 0, 0] },
  ],
};

/** Black → white, for completeness of the colour-bar helpers. */
export const GREYS: ColorMap = {
  name: 'greys',
  stops: [
    { position: 0, rgb: [0, 0, 0] },
    { position: 1, rgb: [255, 255, 255] },
  ],
};

const COLOR_MAPS: Record<string, ColorMap> = { jet: JET, 'blue-white-red': BLUE_WHITE_RED, greys: GREYS };

/** The colour map called `name` ("jet", "blue-white-red", "greys"); jet when the name is unknown. */
export function colorMapByName(name: string | undefined): ColorMap {
  return (name && COLOR_MAPS[name]) || JET;
}

/** The colour at `t` in [0, 1] (clamped; NaN gives the first colour), channels 0…255. */
export function colorAt(map: ColorMap, t: number): [number, number, number] {
  const stops = map.stops;
  if (!(t > stops[0]!.position)) return [...stops[0]!.rgb];
  for (let i = 1; i < stops.length; i++) {
    const hi = stops[i]!;
    if (t <= hi.position) {
      const lo = stops[i - 1]!;
      const f = (t - lo.position) / (hi.position - lo.position);
      return [0, 1, 2].map((k) => Math.round(lo.rgb[k]! + (hi.rgb[k]! - lo.rgb[k]!) * f)) as [number, number, number];
    }
  }
  return [...stops[stops.length - 1]!.rgb];
}

/** `size` colours evenly spaced along the map, RGB interleaved: a lookup table for hot loops. */
export function colorMapTable(map: ColorMap, size = 256): Uint8Array {
  const table = new Uint8Array(size * 3);
  for (let i = 0; i < size; i++) table.set(colorAt(map, size === 1 ? 0 : i / (size - 1)), 3 * i);
  return table;
}

/** CSS hex colour (#rrggbb) of an RGB triple. */
export function rgbHex(rgb: readonly [number, number, number]): string {
  return '#' + rgb.map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0')).join('');
}

/** RGB triple of a #rrggbb colour. */
export function parseHexColor(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}
