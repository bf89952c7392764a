// Builds the ModeSMessage fields the CPR tracker reads straight from DF17/18 hex, so tracker
// tests do not depend on the full decoder. ME bit layout (DO-260B): TC in ME bits 1–5, the CPR
// format bit F at ME 22, 17-bit latitude at ME 23–39 and longitude at ME 40–56; surface frames
// carry the movement code in ME 6–12.
import { bitField } from '../../src/modes/bits.ts';
import type { ModeSMessage } from '../../src/modes/message.ts';

export function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));
}

/** Surface movement code → knots (the lower edge of each quantisation band). */
export function movementKnots(code: number): number | undefined {
  if (code === 1) return 0;
  if (code >= 2 && code <= 8) return 0.125 + (code - 2) * 0.125;
  if (code >= 9 && code <= 12) return 1 + (code - 9) * 0.25;
  if (code >= 13 && code <= 38) return 2 + (code - 13) * 0.5;
  if (code >= 39 && code <= 93) return 15 + (code - 39);
  if (code >= 94 && code <= 108) return 70 + (code - 94) * 2;
  if (code >= 109 && code <= 123) return 100 + (code - 109) * 5;
  if (code === 124) return 175;
  return undefined;
}

/** A message as the decoder would hand it to the tracker. `t` in seconds (NaN = unknown). */
export function cprMessage(frame: string | Uint8Array, t: number): ModeSMessage {
  const bytes = typeof frame === 'string' ? hexBytes(frame) : frame;
  const tc = bitField(bytes, 33, 37);
  const msg: ModeSMessage = {
    bytes, bits: 112, df: bitField(bytes, 1, 5), icao: bitField(bytes, 9, 32), crc_ok: true, corrected_bits: 0, timestamp: t,
    tc,
    cpr_format: bitField(bytes, 54, 54) === 1 ? 'odd' : 'even',
    cpr_lat: bitField(bytes, 55, 71),
    cpr_lon: bitField(bytes, 72, 88),
    on_ground: tc >= 5 && tc <= 8,
  };
  if (msg.df === 18) msg.cf = bitField(bytes, 6, 8);
  if (tc >= 5 && tc <= 8) msg.ground_speed = movementKnots(bitField(bytes, 38, 44));
  return msg;
}

/** Parses the vectors' time forms: UNIX seconds, or an ISO string. */
export function vectorTime(t: number | string | undefined): number {
  if (t === undefined) return Number.NaN;
  return typeof t === 'number' ? t : Date.parse(t) / 1000;
}
