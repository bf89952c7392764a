// The 8-character, 6-bits-per-character identification used by ADS-B TC 1–4 and Comm-B BDS 2,0.
// Only A–Z, 0–9 and space are defined; anything else renders as '#'. Decoded strings are cached by
// their 48-bit code, because the same few callsigns repeat thousands of times in a feed.

const CHARSET = '#ABCDEFGHIJKLMNOPQRSTUVWXYZ##### ###############0123456789######';
const VALID = Uint8Array.from(CHARSET, (ch) => (ch !== '#' ? 1 : 0));
const CACHE_LIMIT = 4096;
const cache = new Map<number, string>();

function code48(frame: Uint8Array, firstByte: number): number {
  // 6 bytes hold exactly the 8 characters; a double carries 48 bits exactly.
  return (
    ((frame[firstByte] << 16) | (frame[firstByte + 1] << 8) | frame[firstByte + 2]) * 0x1000000 +
    ((frame[firstByte + 3] << 16) | (frame[firstByte + 4] << 8) | frame[firstByte + 5])
  );
}

function charCode(code: number, index: number): number {
  return Math.floor(code / 2 ** (42 - index * 6)) & 0x3f;
}

/** Callsign from the 6 bytes starting at `firstByte` (byte-aligned in both uses), trailing spaces trimmed. */
export function decodeCallsign(frame: Uint8Array, firstByte: number): string {
  const code = code48(frame, firstByte);
  let text = cache.get(code);
  if (text === undefined) {
    let s = '';
    for (let i = 0; i < 8; i++) s += CHARSET[charCode(code, i)];
    text = s.trimEnd();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(code, text);
  }
  return text;
}

/** True when all 8 characters are defined ones and the callsign is not blank. */
export function isValidCallsign(frame: Uint8Array, firstByte: number): boolean {
  const code = code48(frame, firstByte);
  let blank = true;
  for (let i = 0; i < 8; i++) {
    const c = charCode(code, i);
    if (VALID[c] === 0) return false;
    if (c !== 32) blank = false;
  }
  return !blank;
}
