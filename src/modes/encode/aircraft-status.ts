// TC 28 subtype 1: emergency/priority status and the Mode A code.
import type { Emergency } from '../message.ts';
import { writeMe } from './bit-writer.ts';
import { newExtendedSquitter, sealExtendedSquitter, type SquitterAddress } from './extended-squitter.ts';
import { encodeId13 } from './identity.ts';

export interface AircraftStatusFields extends SquitterAddress {
  /** Default 'none'. */
  emergency?: Emergency;
  /** Four octal digits; undefined = no Mode A code (field 0). */
  squawk?: string;
}

const EMERGENCY_CODE: Record<Emergency, number> = {
  none: 0, general: 1, lifeguard: 2, minfuel: 3, nordo: 4, unlawful: 5, downed: 6, reserved: 7,
};

export function encodeAircraftStatus(fields: AircraftStatusFields): Uint8Array {
  const frame = newExtendedSquitter(fields);
  writeMe(frame, 1, 5, 28);
  writeMe(frame, 6, 8, 1);
  writeMe(frame, 9, 11, EMERGENCY_CODE[fields.emergency ?? 'none']);
  writeMe(frame, 12, 24, fields.squawk === undefined ? 0 : encodeId13(fields.squawk));
  return sealExtendedSquitter(frame);
}
