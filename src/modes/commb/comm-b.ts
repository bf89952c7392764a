// Comm-B (the MB field of DF20/21, frame bits 33–88). Registers are not labelled on the air, so
// a register is recognised only when its content is self-consistent. BDS 2,0 (aircraft
// identification) starts with its own number, 0x20, followed by eight valid characters.
import { decodeCallsign, isValidCallsign } from '../callsign.ts';
import type { ModeSMessage } from '../message.ts';

/** True when the MB field is a plausible BDS 2,0 aircraft identification. */
export function isBds20(frame: Uint8Array): boolean {
  return frame[4] === 0x20 && isValidCallsign(frame, 5);
}

export function decodeCommB(frame: Uint8Array, msg: ModeSMessage): void {
  if (isBds20(frame)) {
    msg.bds = '2,0';
    msg.callsign = decodeCallsign(frame, 5);
  }
}
