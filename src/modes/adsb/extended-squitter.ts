// Dispatches a DF17/18 ME field to the decoder for its type code, most frequent first (airborne
// position and velocity make up most of a feed). Reserved and unassigned type codes leave only `tc`.
import type { ModeSMessage } from '../message.ts';
import { decodeAircraftStatus } from './aircraft-status.ts';
import { decodeAirbornePosition } from './airborne-position.ts';
import { decodeIdentification } from './identification.ts';
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
}
