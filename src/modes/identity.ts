// The 13-bit identity field (Mode A code, "squawk") of DF5/21 and of ADS-B emergency status:
// bits C1 A1 C2 A2 C4 A4 X B1 D1 B2 D2 B4 D4. A squawk is four octal digits ABCD.
import type { Emergency } from './message.ts';

/** Mode A code as a number whose octal digits are the squawk (0o7700 for "7700"). */
export function id13ToModeA(field: number): number {
  const a = (field & 0x80 ? 4 : 0) | (field & 0x200 ? 2 : 0) | (field & 0x800 ? 1 : 0);
  const b = (field & 0x02 ? 4 : 0) | (field & 0x08 ? 2 : 0) | (field & 0x20 ? 1 : 0);
  const c = (field & 0x100 ? 4 : 0) | (field & 0x400 ? 2 : 0) | (field & 0x1000 ? 1 : 0);
  const d = (field & 0x01 ? 4 : 0) | (field & 0x04 ? 2 : 0) | (field & 0x10 ? 1 : 0);
  return (a << 9) | (b << 6) | (c << 3) | d;
}

const SQUAWK_STRINGS: string[] = Array.from({ length: 4096 }, (_, code) => code.toString(8).padStart(4, '0'));

/** The 13-bit ID field as a 4-digit squawk string (strings are precomputed: no allocation). */
export function decodeId13(field: number): string {
  return SQUAWK_STRINGS[id13ToModeA(field & 0x1fff)];
}

/** Squawk string for a Mode A code number. */
export function squawkString(modeA: number): string {
  return SQUAWK_STRINGS[modeA & 0xfff];
}

/** The emergency a squawk declares on its own: 7500 hijack, 7600 radio failure, 7700 general. */
export function emergencyFromModeA(modeA: number): Emergency {
  switch (modeA) {
    case 0o7500: return 'unlawful';
    case 0o7600: return 'nordo';
    case 0o7700: return 'general';
    default: return 'none';
  }
}
