// Altitude field encoders, the inverses of ../altitude.ts: the 13-bit AC field of surveillance
// replies, the 12-bit ADS-B field (AC13 without its M bit) and Gillham (Mode C) gray code.
// Altitudes that a field cannot carry encode as 0, the field's own "no altitude".

// AC13 bit values, most significant first: C1 A1 C2 A2 C4 A4 M B1 Q(D1) B2 D2 B4 D4.
const C1 = 0x1000, A1 = 0x800, C2 = 0x400, A2 = 0x200, C4 = 0x100, A4 = 0x80;
const B1 = 0x20, Q_BIT = 0x10, B2 = 0x8, D2 = 0x4, B4 = 0x2, D4 = 0x1;

const Q_MIN_FT = -1000;
const Q_MAX_FT = 50175;
const GILLHAM_MIN_FT = -1200;
const GILLHAM_MAX_FT = 126700;

function binaryToGray(b: number): number {
  return b ^ (b >> 1);
}

/** Gillham (Mode C) code in AC13 layout (M and Q clear) for an altitude rounded to 100 ft; 0 if out of range. */
export function encodeGillham(feet: number): number {
  const hundreds = Math.round(feet / 100);
  if (!(hundreds * 100 >= GILLHAM_MIN_FT && hundreds * 100 <= GILLHAM_MAX_FT)) return 0;
  // feet + 1300 = n500 * 500 + n100 * 100 with n100 in 1..5.
  const v = hundreds + 13;
  const n500 = Math.floor((v - 1) / 5);
  let n100 = v - 5 * n500;
  // The 100-ft code runs backwards in odd 500-ft bands, and its fifth state is binary 7.
  if (n500 & 1) n100 = 6 - n100;
  const gray100 = binaryToGray(n100 === 5 ? 7 : n100);
  const gray500 = binaryToGray(n500);
  return (gray500 & 0x80 ? D2 : 0) | (gray500 & 0x40 ? D4 : 0) | (gray500 & 0x20 ? A1 : 0) | (gray500 & 0x10 ? A2 : 0)
    | (gray500 & 0x08 ? A4 : 0) | (gray500 & 0x04 ? B1 : 0) | (gray500 & 0x02 ? B2 : 0) | (gray500 & 0x01 ? B4 : 0)
    | (gray100 & 4 ? C1 : 0) | (gray100 & 2 ? C2 : 0) | (gray100 & 1 ? C4 : 0);
}

/**
 * The 13-bit AC field: 25-ft steps with Q = 1 from -1,000 to 50,175 ft, Gillham (100-ft steps)
 * above that up to 126,700 ft; 0 ("no altitude") for NaN or out of range.
 */
export function encodeAc13(feet: number): number {
  if (feet !== feet) return 0;
  const n = Math.round((feet - Q_MIN_FT) / 25);
  if (n >= 0 && n * 25 + Q_MIN_FT <= Q_MAX_FT) {
    // N's 11 bits fill the field around the M (0x40) and Q (0x10) positions.
    return ((n >> 5) << 7) | (((n >> 4) & 1) << 5) | Q_BIT | (n & 0xf);
  }
  return encodeGillham(feet);
}

/** The 12-bit ADS-B altitude field (the AC13 field without its M bit). */
export function encodeAc12(feet: number): number {
  const ac13 = encodeAc13(feet);
  return ((ac13 & 0x1f80) >> 1) | (ac13 & 0x3f);
}
