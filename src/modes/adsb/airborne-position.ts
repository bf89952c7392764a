// TC 9–18 (barometric altitude) and TC 20–22 (GNSS height): airborne position
// (DO-260B 2.2.3.2.3). Both altitudes use the 12-bit AC field in feet.
import { decodeAc12 } from '../altitude.ts';
import type { ModeSMessage } from '../message.ts';
import { meBit, meField } from './me-field.ts';

// Navigation integrity category by type code, before supplements from operational status.
// TC 11 and TC 16 are split by the NIC-B bit the frame itself carries (ME bit 8): TC 11 with it
// set is NIC 9 (the only defined combination with NIC-B = 1), TC 16 with it set is NIC 3.
const AIRBORNE_NIC = [0, 0, 0, 0, 0, 0, 0, 0, 0, 11, 10, 8, 7, 6, 5, 4, 2, 1, 0, 0, 11, 10, 0];

export function decodeAirbornePosition(frame: Uint8Array, msg: ModeSMessage, tc: number): void {
  msg.on_ground = false;
  msg.nic = meBit(frame, 8) === 1 && (tc === 16 || tc === 11) ? (tc === 16 ? 3 : 9) : AIRBORNE_NIC[tc];
  const altitude = decodeAc12(meField(frame, 9, 20));
  if (altitude === altitude) {
    msg.altitude = altitude;
    msg.altitude_type = tc >= 20 ? 'geometric' : 'barometric';
  }
  msg.cpr_format = meBit(frame, 22) === 1 ? 'odd' : 'even';
  msg.cpr_lat = meField(frame, 23, 39);
  msg.cpr_lon = meField(frame, 40, 56);
}
