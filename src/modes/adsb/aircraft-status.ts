// TC 28: aircraft status (DO-260B 2.2.3.2.7.8). Subtype 1 carries the emergency/priority state
// and the Mode A code; subtype 2 (ACAS resolution advisory broadcast) is recognised but not decoded.
import { decodeId13 } from '../identity.ts';
import type { Emergency, ModeSMessage } from '../message.ts';
import { meField } from './me-field.ts';

const EMERGENCY_STATES: Emergency[] = ['none', 'general', 'lifeguard', 'minfuel', 'nordo', 'unlawful', 'downed', 'reserved'];

export function emergencyState(code: number): Emergency {
  return EMERGENCY_STATES[code & 7];
}

export function decodeAircraftStatus(frame: Uint8Array, msg: ModeSMessage): void {
  if (meField(frame, 6, 8) !== 1) return;
  msg.emergency = EMERGENCY_STATES[meField(frame, 9, 11)];
  const id13 = meField(frame, 12, 24);
  if (id13 !== 0) msg.squawk = decodeId13(id13);
}
