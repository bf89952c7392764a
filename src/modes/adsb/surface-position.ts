// TC 5–8: surface position (DO-260B 2.2.3.2.4). Ground speed comes quantised as a 7-bit
// "movement" code whose step widens with speed; track is valid only when its status bit is set.
import type { ModeSMessage } from '../message.ts';
import { meBit, meField } from './me-field.ts';

function movementUncached(code: number): number {
  if (code === 0 || code >= 125) return Number.NaN; // no information / reserved
  if (code === 1) return 0; // stopped
  if (code <= 8) return 0.125 + (code - 2) * 0.125;
  if (code <= 12) return 1 + (code - 9) * 0.25;
  if (code <= 38) return 2 + (code - 13) * 0.5;
  if (code <= 93) return 15 + (code - 39);
  if (code <= 108) return 70 + (code - 94) * 2;
  if (code <= 123) return 100 + (code - 109) * 5;
  return 175; // 124: 175 kt or more
}

const MOVEMENT_KNOTS: Float64Array = Float64Array.from({ length: 128 }, (_, c) => movementUncached(c));

/** Ground speed in knots for a movement code, NaN when it carries none. */
export function movementToKnots(code: number): number {
  return MOVEMENT_KNOTS[code & 0x7f];
}

const SURFACE_NIC = [0, 0, 0, 0, 0, 11, 10, 8, 0];

export function decodeSurfacePosition(frame: Uint8Array, msg: ModeSMessage, tc: number): void {
  msg.on_ground = true;
  msg.nic = SURFACE_NIC[tc];
  const speed = MOVEMENT_KNOTS[meField(frame, 6, 12)];
  if (speed === speed) msg.ground_speed = speed;
  if (meBit(frame, 13) === 1) {
    msg.heading = (meField(frame, 14, 20) * 360) / 128;
    msg.heading_type = 'track';
  }
  msg.cpr_format = meBit(frame, 22) === 1 ? 'odd' : 'even';
  msg.cpr_lat = meField(frame, 23, 39);
  msg.cpr_lon = meField(frame, 40, 56);
}
