/** True on little-endian hosts (all platforms Node supports in practice; checked, not assumed). */
export const hostLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
