import { describe, expect, it } from 'vitest';
import { colorBarImage } from './colorBarImage.js';
import { BLUE_WHITE_RED, colorAt, colorMapByName, colorMapTable, JET, parseHexColor, rgbHex } from './colorMaps.js';

describe('jet', () => {
  it('has 11 stops and matches matplotlib jet at 0, 0.5 and 1', () => {
    expect(JET.stops).toHaveLength(11);
    // matplotlib: jet(0) = (0, 0, 0.5), jet(0.5) = (0.4839, 1, 0.4839), jet(1) = (0.5, 0, 0)
    expect(colorAt(JET, 0)).toEqual([0, 0, 128]);
    expect(colorAt(JET, 0.5)).toEqual([123, 255, 123]);
    expect(colorAt(JET, 1)).toEqual([128, 0, 0]);
  });
  it('is blue at the low end and red at the high end, clamping outside [0, 1]', () => {
    const low = colorAt(JET, 0.1);
    const high = colorAt(JET, 0.9);
    expect(low[2]).toBeGreaterThan(low[0]);
    expect(high[0]).toBeGreaterThan(high[2]);
    expect(colorAt(JET, -3)).toEqual(colorAt(JET, 0));
    expect(colorAt(JET, 7)).toEqual(colorAt(JET, 1));
    expect(colorAt(JET, NaN)).toEqual(colorAt(JET, 0));
  });
});

describe('blue-white-red', () => {
  it('is blue, white and red at 0, 0.5 and 1 and halfway between at 0.25', () => {
    expect(colorAt(BLUE_WHITE_RED, 0)).toEqual([0, 0, 255]);
    expect(colorAt(BLUE_WHITE_RED, 0.5)).toEqual([255, 255, 255]);
    expect(colorAt(BLUE_WHITE_RED, 1)).toEqual([255, 0, 0]);
    expect(colorAt(BLUE_WHITE_RED, 0.25)).toEqual([128, 128, 255]);
  });
});

describe('colour helpers', () => {
  it('builds lookup tables whose ends are the palette ends', () => {
    const table = colorMapTable(JET, 256);
    expect([...table.subarray(0, 3)]).toEqual([0, 0, 128]);
    expect([...table.subarray(765, 768)]).toEqual([128, 0, 0]);
  });
  it('converts hex colours both ways and finds maps by name', () => {
    expect(parseHexColor('#4e9a06')).toEqual([78, 154, 6]);
    expect(rgbHex([78, 154, 6])).toBe('#4e9a06');
    expect(() => parseHexColor('green')).toThrow();
    expect(colorMapByName('blue-white-red')).toBe(BLUE_WHITE_RED);
    expect(colorMapByName('nonsense')).toBe(JET);
  });
  it('draws a colour-bar strip from low (left or bottom) to high', () => {
    const h = colorBarImage('jet', 11, 2);
    expect([...h.data.subarray(0, 3)]).toEqual([0, 0, 128]);
    expect([...h.data.subarray(30, 33)]).toEqual([128, 0, 0]);
    const v = colorBarImage('jet', 1, 11, 'vertical');
    expect([...v.data.subarray(0, 3)]).toEqual([128, 0, 0]);
    expect([...v.data.subarray(30, 33)]).toEqual([0, 0, 128]);
  });
});
