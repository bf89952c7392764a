// The 13-bit identity (Mode A code) field, the inverse of ../identity.ts:
// bits C1 A1 C2 A2 C4 A4 X B1 D1 B2 D2 B4 D4 for the octal squawk ABCD.

/** ID13 field for a squawk given as "7700" or as a number whose octal digits are the code (0o7700). */
export function encodeId13(squawk: string | number): number {
  const code = typeof squawk === 'string' ? parseInt(squawk, 8) : squawk;
  if (!(code >= 0 && code <= 0o7777)) return 0;
  const a = (code >> 9) & 7;
  const b = (code >> 6) & 7;
  const c = (code >> 3) & 7;
  const d = code & 7;
  return (a & 4 ? 0x80 : 0) | (a & 2 ? 0x200 : 0) | (a & 1 ? 0x800 : 0)
    | (b & 4 ? 0x02 : 0) | (b & 2 ? 0x08 : 0) | (b & 1 ? 0x20 : 0)
    | (c & 4 ? 0x100 : 0) | (c & 2 ? 0x400 : 0) | (c & 1 ? 0x1000 : 0)
    | (d & 4 ? 0x01 : 0) | (d & 2 ? 0x04 : 0) | (d & 1 ? 0x10 : 0);
}
