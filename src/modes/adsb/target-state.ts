// TC 29: target state and status. Only subtype 1 (DO-260B, version 2) is decoded: selected
// altitude (MCP/FCU or FMS, 32-ft steps), barometric setting (800 hPa + 0.8 hPa steps), selected
// heading, and the autopilot mode flags, which are meaningful only when their status bit is set.
import type { ModeSMessage } from '../message.ts';
import { meBit, meField } from './me-field.ts';

export function decodeTargetState(frame: Uint8Array, msg: ModeSMessage): void {
  if (meField(frame, 6, 7) !== 1) return;
  msg.sil_supplement = meBit(frame, 8);
  const altitude = meField(frame, 10, 20);
  if (altitude !== 0) {
    msg.selected_altitude = (altitude - 1) * 32;
    msg.selected_altitude_source = meBit(frame, 9) === 1 ? 'fms' : 'mcp_fcu';
  }
  const baro = meField(frame, 21, 29);
  if (baro !== 0) msg.baro_setting = Math.round((800 + (baro - 1) * 0.8) * 10) / 10;
  if (meBit(frame, 30) === 1) msg.selected_heading = (meField(frame, 31, 39) * 180) / 256;
  msg.nac_p = meField(frame, 40, 43);
  msg.nic_baro = meBit(frame, 44);
  msg.sil = meField(frame, 45, 46);
  if (meBit(frame, 47) === 1) {
    msg.autopilot = meBit(frame, 48) === 1;
    msg.vnav_mode = meBit(frame, 49) === 1;
    msg.altitude_hold = meBit(frame, 50) === 1;
    msg.approach_mode = meBit(frame, 52) === 1;
    msg.lnav_mode = meBit(frame, 54) === 1;
  }
  msg.tcas_operational = meBit(frame, 53) === 1;
}
