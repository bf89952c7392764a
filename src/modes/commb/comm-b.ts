// Comm-B (the MB field of DF20/21, frame bits 33–88). Registers are not labelled on the air, so a
// register is named only when its content is self-consistent — and only when exactly one register
// fits: an MB that reads as both 5,0 and 6,0 (it happens) stays unlabelled rather than guessed.
// BDS 2,0 (aircraft identification) starts with its own number, 0x20, then eight valid characters.
import { decodeCallsign, isValidCallsign } from '../callsign.ts';
import type { ModeSMessage } from '../message.ts';
import { decodeBds40, decodeBds50, decodeBds60, isBds10, isBds17, isBds30, isBds40, isBds50, isBds60, isMbEmpty } from './registers.ts';

/** True when the MB field is a plausible BDS 2,0 aircraft identification. */
export function isBds20(frame: Uint8Array): boolean {
  return frame[4] === 0x20 && isValidCallsign(frame, 5);
}

const enum Register { None, B10, B17, B30, B40, B50, B60 }

export function decodeCommB(frame: Uint8Array, msg: ModeSMessage): void {
  if (isBds20(frame)) {
    msg.bds = '2,0';
    msg.callsign = decodeCallsign(frame, 5);
    return;
  }
  if (isMbEmpty(frame)) return;
  let found = Register.None;
  let count = 0;
  if (isBds10(frame)) { found = Register.B10; count++; }
  if (isBds17(frame)) { found = Register.B17; count++; }
  if (isBds30(frame)) { found = Register.B30; count++; }
  if (isBds40(frame)) { found = Register.B40; count++; }
  if (isBds50(frame)) { found = Register.B50; count++; }
  if (isBds60(frame)) { found = Register.B60; count++; }
  if (count !== 1) return;
  switch (found) {
    case Register.B10: msg.bds = '1,0'; break;
    case Register.B17: msg.bds = '1,7'; break;
    case Register.B30: msg.bds = '3,0'; break;
    case Register.B40: msg.bds = '4,0'; decodeBds40(frame, msg); break;
    case Register.B50: msg.bds = '5,0'; decodeBds50(frame, msg); break;
    case Register.B60: msg.bds = '6,0'; decodeBds60(frame, msg); break;
    default: break;
  }
}
