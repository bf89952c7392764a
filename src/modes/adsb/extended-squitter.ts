// Dispatches a DF17/18 ME field to the decoder for its type code, most frequent first (airborne
// position and velocity make up most of a feed). Reserved and unassigned type codes leave only `tc`.
import { decodeAc12 } from '../altitude.ts';
import type { ModeSMessage } from '../message.ts';
import { decodeAircraftStatus } from './aircraft-status.ts';
import { decodeAirbornePosition } from './airborne-position.ts';
import { decodeIdentification } from './identification.ts';
import { meField } from './me-field.ts';
import { decodeOperationalStatus } from './operational-status.ts';
import { decodeSurfacePosition } from './surface-position.ts';
import { decodeTargetState } from './target-state.ts';
import { decodeVelocity } from './velocity.ts';

export function decodeExtendedSquitter(frame: Uint8Array, msg: ModeSMessage): void {
  const tc = frame[4] >> 3;
  msg.tc = tc;
  if (tc >= 9 && tc <= 18) decodeAirbornePosition(frame, msg, tc);
  else if (tc === 19) decodeVelocity(frame, msg);
  else if (tc >= 1 && tc <= 4) decodeIdentification(frame, msg, tc);
  else if (tc === 29) decodeTargetState(frame, msg);
  else if (tc === 31) decodeOperationalStatus(frame, msg);
  else if (tc === 28) decodeAircraftStatus(frame, msg);
  else if (tc >= 5 && tc <= 8) decodeSurfacePosition(frame, msg, tc);
  else if (tc >= 20 && tc <= 22) decodeAirbornePosition(frame, msg, tc);
  else if (tc === 0) decodeNoPosition(frame, msg);
}

/** TC 0: a position squitter without a position (no navigation fix) may still carry the barometric altitude. */
function decodeNoPosition(frame: Uint8Array, msg: ModeSMessage): void {
  const altitude = decodeAc12(meField(frame, 9, 20));
  if (altitude === altitude) {
    msg.altitude = altitude;
    msg.altitude_type = 'barometric';
  }
}
