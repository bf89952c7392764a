// TC 19: airborne velocity (DO-260B 2.2.3.2.6). Subtypes 1/2 give east/north ground speed
// components (track and ground speed), 3/4 give heading and airspeed; 2 and 4 are the supersonic
// variants with 4-kt steps. Every 10- or 9-bit magnitude uses 0 for "not available" and value-1
// otherwise. ME bit 36 set means the vertical rate is barometric, clear means geometric (GNSS).
import type { ModeSMessage } from '../message.ts';
import { meBit, meField } from './me-field.ts';

const RAD_TO_DEG = 180 / Math.PI;

export function decodeVelocity(frame: Uint8Array, msg: ModeSMessage): void {
  const subtype = meField(frame, 6, 8);
  if (subtype < 1 || subtype > 4) return;
  msg.velocity_subtype = subtype;
  msg.nac_v = meField(frame, 11, 13);
  const scale = subtype === 2 || subtype === 4 ? 4 : 1;
  if (subtype <= 2) {
    const ew = meField(frame, 15, 24);
    const ns = meField(frame, 26, 35);
    if (ew !== 0 && ns !== 0) {
      const vx = (meBit(frame, 14) === 1 ? -(ew - 1) : ew - 1) * scale;
      const vy = (meBit(frame, 25) === 1 ? -(ns - 1) : ns - 1) * scale;
      msg.ground_speed = Math.sqrt(vx * vx + vy * vy);
      let track = Math.atan2(vx, vy) * RAD_TO_DEG;
      if (track < 0) track += 360;
      msg.heading = track;
      msg.heading_type = 'track';
    }
  } else {
    if (meBit(frame, 14) === 1) {
      msg.heading = (meField(frame, 15, 24) * 360) / 1024;
      msg.heading_type = 'magnetic';
    }
    const speed = meField(frame, 26, 35);
    if (speed !== 0) {
      msg.airspeed_type = meBit(frame, 25) === 1 ? 'tas' : 'ias';
      msg.airspeed = (speed - 1) * scale;
    }
  }
  const rate = meField(frame, 38, 46);
  if (rate !== 0) {
    msg.vertical_rate = (meBit(frame, 37) === 1 ? -(rate - 1) : rate - 1) * 64;
    msg.vertical_rate_source = meBit(frame, 36) === 1 ? 'barometric' : 'geometric';
  }
  const diff = meField(frame, 50, 56);
  if (diff !== 0) msg.gnss_baro_diff = (meBit(frame, 49) === 1 ? -(diff - 1) : diff - 1) * 25;
}
