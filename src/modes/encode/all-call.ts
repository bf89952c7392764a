// DF11 all-call reply: capability, address, and parity overlaid with the interrogator code.
import { writeParity } from '../crc.ts';

export interface AllCallFields {
  icao: number;
  /** CA, default 5 (level 2+, airborne). */
  capability?: number;
  /**
   * The 7-bit value the parity is overlaid with, as a decoder reports it in `interrogator`
   * (0 = reply to an all-call without interrogator identifier; II codes 1–15; SI codes as 16 + SI).
   */
  interrogator?: number;
}

export function encodeAllCall(fields: AllCallFields): Uint8Array {
  const frame = new Uint8Array(7);
  frame[0] = (11 << 3) | ((fields.capability ?? 5) & 7);
  frame[1] = (fields.icao >>> 16) & 0xff;
  frame[2] = (fields.icao >>> 8) & 0xff;
  frame[3] = fields.icao & 0xff;
  writeParity(frame, (fields.interrogator ?? 0) & 0x7f, 7);
  return frame;
}
