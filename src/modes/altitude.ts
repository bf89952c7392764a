// Altitude fields: the 13-bit AC field of surveillance and Comm-B replies (DF0/4/16/20), the
// 12-bit field of ADS-B position squitters, and the Gillham (Mode C gray code) encoding both use
// when their Q bit is clear. Every function returns feet, or NaN when the field says "no altitude"
// or holds an invalid code. Whole-field tables make the hot path a single lookup.

// AC13 bit values, most significant first: C1 A1 C2 A2 C4 A4 M B1 Q(D1) B2 D2 B4 D4.
const C1 = 0x1000, A1 = 0x800, C2 = 0x400, A2 = 0x200, C4 = 0x100, A4 = 0x80;
const M_BIT = 0x40, B1 = 0x20, Q_BIT = 0x10, B2 = 0x8, D2 = 0x4, B4 = 0x2, D4 = 0x1;

const FEET_PER_METRE = 3.28084;

function grayToBinary(g: number): number {
  let b = g;
  b ^= b >> 8;
  b ^= b >> 4;
  b ^= b >> 2;
  b ^= b >> 1;
  return b;
}

/** Mode C (Gillham) altitude from a field in AC13 bit layout (M and Q clear), feet or NaN. */
export function gillhamToAltitude(ac13: number): number {
  // 500-ft steps: D2 D4 A1 A2 A4 B1 B2 B4 as a reflected binary code; 100-ft steps: C1 C2 C4.
  const gray500 =
    (ac13 & D2 ? 0x80 : 0) | (ac13 & D4 ? 0x40 : 0) | (ac13 & A1 ? 0x20 : 0) | (ac13 & A2 ? 0x10 : 0) |
    (ac13 & A4 ? 0x08 : 0) | (ac13 & B1 ? 0x04 : 0) | (ac13 & B2 ? 0x02 : 0) | (ac13 & B4 ? 0x01 : 0);
  const gray100 = (ac13 & C1 ? 4 : 0) | (ac13 & C2 ? 2 : 0) | (ac13 & C4 ? 1 : 0);
  const n500 = grayToBinary(gray500);
  let n100 = grayToBinary(gray100);
  // The 100-ft code only uses five of its eight states; 7 stands for 5.
  if (n100 === 0 || n100 === 5 || n100 === 6) return Number.NaN;
  if (n100 === 7) n100 = 5;
  // The 100-ft code counts backwards in odd 500-ft bands (it is reflected).
  if (n500 & 1) n100 = 6 - n100;
  return n500 * 500 + n100 * 100 - 1300;
}

function ac13Uncached(field: number): number {
  if (field === 0) return Number.NaN;
  if (field & M_BIT) {
    const metres = ((field & 0x1f80) >> 1) | (field & 0x3f);
    return Math.round(metres * FEET_PER_METRE);
  }
  if (field & Q_BIT) {
    const n = ((field & 0x1f80) >> 2) | ((field & B1) >> 1) | (field & (B2 | D2 | B4 | D4));
    return n * 25 - 1000;
  }
  return gillhamToAltitude(field);
}

const AC13_TABLE: Float64Array = Float64Array.from({ length: 8192 }, (_, f) => ac13Uncached(f));

/** The 13-bit AC field (DF0/4/16/20 bits 20–32): feet, or NaN. M set = metric (1 m steps). */
export function decodeAc13(field: number): number {
  return AC13_TABLE[field & 0x1fff];
}

/** True when an AC13 field carries the metric flag (M bit). */
export function isMetricAc13(field: number): boolean {
  return (field & M_BIT) !== 0;
}

/** The 12-bit ADS-B altitude field (ME bits 9–20): the AC13 layout without its M bit. */
export function decodeAc12(field: number): number {
  const ac13 = ((field & 0xfc0) << 1) | (field & 0x3f);
  return AC13_TABLE[ac13];
}
