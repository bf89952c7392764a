// TC 5–8 surface position squitters: ground speed as the 7-bit movement code, ground track in
// 360/128° steps with its status bit, and the position in 90° CPR zones.
import { writeMe } from './bit-writer.ts';
import { encodeCpr, type CprCode } from './cpr.ts';
import { newExtendedSquitter, sealExtendedSquitter, type SquitterAddress } from './extended-squitter.ts';

export interface SurfacePositionFields extends SquitterAddress {
  lat: number;
  lon: number;
  odd: boolean;
  /** Knots; undefined or NaN = no information (movement code 0). */
  groundSpeed?: number;
  /** Degrees true; undefined or NaN = track not valid. */
  track?: number;
  /** Type code 5–8 (default 7); sets the NIC the frame claims. */
  tc?: number;
  utcSync?: boolean;
}

/**
 * Movement code for a ground speed: the band whose lower edge is at or below it (a decoder
 * reports that lower edge). 0 = no information, 1 = stopped (< 0.125 kt), 124 = 175 kt or more.
 */
export function movementCode(knots: number | undefined): number {
  if (knots === undefined || !(knots >= 0)) return 0;
  if (knots < 0.125) return 1;
  if (knots < 1) return 2 + Math.floor((knots - 0.125) / 0.125);
  if (knots < 2) return 9 + Math.floor((knots - 1) / 0.25);
  if (knots < 15) return 13 + Math.floor((knots - 2) / 0.5);
  if (knots < 70) return 39 + Math.floor(knots - 15);
  if (knots < 100) return 94 + Math.floor((knots - 70) / 2);
  if (knots < 175) return 109 + Math.floor((knots - 100) / 5);
  return 124;
}

const code: CprCode = { lat: 0, lon: 0 };

export function encodeSurfacePosition(fields: SurfacePositionFields): Uint8Array {
  const frame = newExtendedSquitter(fields, 4);
  encodeCpr(fields.lat, fields.lon, fields.odd, true, code);
  writeMe(frame, 1, 5, fields.tc ?? 7);
  writeMe(frame, 6, 12, movementCode(fields.groundSpeed));
  const track = fields.track;
  if (track !== undefined && track === track) {
    writeMe(frame, 13, 13, 1);
    writeMe(frame, 14, 20, Math.round(((((track % 360) + 360) % 360) * 128) / 360) % 128);
  }
  writeMe(frame, 21, 21, fields.utcSync ? 1 : 0);
  writeMe(frame, 22, 22, fields.odd ? 1 : 0);
  writeMe(frame, 23, 39, code.lat);
  writeMe(frame, 40, 56, code.lon);
  return sealExtendedSquitter(frame);
}
