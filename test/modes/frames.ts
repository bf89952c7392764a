// Builds test frames bit by bit and seals them with real parity, so tests state the fields they
// mean instead of opaque hex.
import { writeParity } from '../../src/modes/crc.ts';

export function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16));
}

/** Sets `width` bits starting at 1-based bit `first` to `value`. */
export function setBits(frame: Uint8Array, first: number, width: number, value: number): Uint8Array {
  for (let i = 0; i < width; i++) {
    const bit = first + i - 1;
    const mask = 0x80 >> (bit & 7);
    if (Math.floor(value / 2 ** (width - 1 - i)) % 2 === 1) frame[bit >> 3] |= mask;
    else frame[bit >> 3] &= ~mask;
  }
  return frame;
}

/** A DF17 (or DF18 with `cf`) frame for `icao` whose ME bits (1-based ME positions) are set by `me`. */
export function extendedSquitter(icao: number, me: Array<[first: number, width: number, value: number]>, options: { df?: 17 | 18; ca?: number } = {}): Uint8Array {
  const f = new Uint8Array(14);
  setBits(f, 1, 5, options.df ?? 17);
  setBits(f, 6, 3, options.ca ?? 5);
  setBits(f, 9, 24, icao);
  for (const [first, width, value] of me) setBits(f, 32 + first, width, value);
  writeParity(f);
  return f;
}

/** A clean DF11 all-call reply (II 0) from `icao`, or one addressed to interrogator `ii`. */
export function allCall(icao: number, ii = 0, ca = 5): Uint8Array {
  const f = new Uint8Array(7);
  setBits(f, 1, 5, 11);
  setBits(f, 6, 3, ca);
  setBits(f, 9, 24, icao);
  writeParity(f, ii);
  return f;
}

/** An address/parity reply (DF0/4/5/16/20/21): bits 6–32 (and MB for long ones) as given, AP over `icao`. */
export function addressParity(df: number, icao: number, fields: Array<[first: number, width: number, value: number]>): Uint8Array {
  const f = new Uint8Array(df >= 16 ? 14 : 7);
  setBits(f, 1, 5, df);
  for (const [first, width, value] of fields) setBits(f, first, width, value);
  writeParity(f, icao);
  return f;
}

export function flipBit(frame: Uint8Array, bit: number): Uint8Array {
  const copy = frame.slice();
  copy[(bit - 1) >> 3] ^= 0x80 >> ((bit - 1) & 7);
  return copy;
}
