// The DF17/18 frame shell every ADS-B encoder fills: header (DF, CA or CF, address) and, once
// the ME field is written, the parity (no overlay for extended squitters).
import { writeParity } from '../crc.ts';

export interface SquitterAddress {
  /** 24-bit ICAO (or non-ICAO for DF18) address. */
  icao: number;
  /** 17 (default: the aircraft's transponder) or 18 (non-transponder / TIS-B / ADS-R, see `capability`). */
  df?: 17 | 18;
  /** DF17: the capability CA (default 5 airborne, 4 for surface positions). DF18: the control field CF (default 0). */
  capability?: number;
}

/** A fresh 14-byte frame with the header written and the ME and parity bytes zero. */
export function newExtendedSquitter(address: SquitterAddress, defaultCapability = 5): Uint8Array {
  const frame = new Uint8Array(14);
  const df = address.df ?? 17;
  const low3 = address.capability ?? (df === 17 ? defaultCapability : 0);
  frame[0] = (df << 3) | (low3 & 7);
  frame[1] = (address.icao >>> 16) & 0xff;
  frame[2] = (address.icao >>> 8) & 0xff;
  frame[3] = address.icao & 0xff;
  return frame;
}

/** Writes the parity of a finished extended squitter and returns it. */
export function sealExtendedSquitter(frame: Uint8Array): Uint8Array {
  writeParity(frame, 0, 14);
  return frame;
}
