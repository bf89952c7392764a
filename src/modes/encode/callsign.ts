// The 8-character, 6-bit identification used by ADS-B TC 1–4 and BDS 2,0 (the inverse of
// ../callsign.ts). Only A–Z, 0–9 and space exist; lower case is upper-cased, anything else is
// written as code 0, which decoders show as '#'.
import { writeBits } from './bit-writer.ts';

function charCode(ch: number): number {
  if (ch >= 97 && ch <= 122) ch -= 32;
  if (ch >= 65 && ch <= 90) return ch - 64;
  if (ch >= 48 && ch <= 57) return ch;
  if (ch === 32) return 32;
  return 0;
}

/** Writes `callsign` (padded with spaces, cut at 8) as 48 bits starting at frame bit `firstBit`. */
export function writeCallsign(frame: Uint8Array, firstBit: number, callsign: string): void {
  for (let i = 0; i < 8; i++) {
    const code = i < callsign.length ? charCode(callsign.charCodeAt(i)) : 32;
    writeBits(frame, firstBit + i * 6, firstBit + i * 6 + 5, code);
  }
}
