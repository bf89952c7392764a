// Hex digits as the text formats spell them. Tables, so the hot paths look bytes up instead of
// calling parseInt or toString per character.

/** Nibble value of an ASCII byte, or -1 when it is not a hex digit (either case). */
export const HEX_NIBBLE: Int8Array = buildNibbleTable();

/** Upper-case two-digit spelling of every byte value, as dump1090-fa writes it. */
export const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));

function buildNibbleTable(): Int8Array {
  const table = new Int8Array(256).fill(-1);
  for (let d = 0; d < 10; d++) table[0x30 + d] = d;
  for (let d = 0; d < 6; d++) {
    table[0x41 + d] = 10 + d;
    table[0x61 + d] = 10 + d;
  }
  return table;
}

/** Upper-case hex of `length` bytes of `bytes` (default: all of them). */
export function toHex(bytes: Uint8Array, length: number = bytes.length): string {
  let out = '';
  for (let i = 0; i < length; i++) out += HEX_BYTE[bytes[i]];
  return out;
}

/** Upper-case hex of a 48-bit counter, 12 digits. */
export function timestamp12ToHex(value: number): string {
  const hi = Math.floor(value / 0x1000000);
  const lo = value - hi * 0x1000000;
  return hi.toString(16).toUpperCase().padStart(6, '0') + lo.toString(16).toUpperCase().padStart(6, '0');
}
