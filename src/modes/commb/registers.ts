// Comm-B register recognition and decoding (ICAO Doc 9871 layouts). The MB field (frame bits
// 33–88, "MB bits 1–56" below) does not say which register it holds; a register is a candidate
// only when every field's status bit agrees with its content (a field flagged unavailable must be
// all zeros), reserved bits are zero and the values are physically plausible. Thresholds follow
// the usual inference rules (roll ≤ 50°, GS ≤ 600 kt, TAS ≤ 500 kt, IAS ≤ 500 kt, Mach ≤ 1,
// vertical rates under 6,000 ft/min).
import { bitField } from '../bits.ts';
import type { ModeSMessage } from '../message.ts';

const MB_OFFSET = 32;

function mb(frame: Uint8Array, first: number, last: number): number {
  return bitField(frame, MB_OFFSET + first, MB_OFFSET + last);
}

function mbBit(frame: Uint8Array, position: number): number {
  const bit = MB_OFFSET + position - 1;
  return (frame[bit >> 3] >> (7 - (bit & 7))) & 1;
}

/** A field whose status bit is clear must carry zeros. */
function statusConsistent(frame: Uint8Array, status: number, first: number, last: number): boolean {
  return mbBit(frame, status) === 1 || mb(frame, first, last) === 0;
}

/** Two's-complement-style signed field: sign bit then magnitude bits, as the registers encode them. */
function signed(frame: Uint8Array, signBit: number, first: number, last: number): number {
  const value = mb(frame, first, last);
  return mbBit(frame, signBit) === 1 ? value - 2 ** (last - first + 1) : value;
}

export function isMbEmpty(frame: Uint8Array): boolean {
  for (let i = 4; i < 11; i++) if (frame[i] !== 0) return false;
  return true;
}

/** BDS 1,0 data link capability: starts 0x10, MB bits 10–14 reserved. */
export function isBds10(frame: Uint8Array): boolean {
  return frame[4] === 0x10 && mb(frame, 10, 14) === 0;
}

/** BDS 1,7 common-usage GICB capability: bits 29–56 reserved, and 2,0 support is always reported. */
export function isBds17(frame: Uint8Array): boolean {
  return mb(frame, 29, 56) === 0 && mbBit(frame, 7) === 1;
}

/** BDS 3,0 ACAS active resolution advisory: starts 0x30, threat type 3 is undefined. */
export function isBds30(frame: Uint8Array): boolean {
  return frame[4] === 0x30 && mb(frame, 29, 30) !== 3 && mb(frame, 16, 22) < 48;
}

/** BDS 4,0 selected vertical intention. */
export function isBds40(frame: Uint8Array): boolean {
  if (!statusConsistent(frame, 1, 2, 13) || !statusConsistent(frame, 14, 15, 26) || !statusConsistent(frame, 27, 28, 39)) return false;
  if (!statusConsistent(frame, 48, 49, 51) || !statusConsistent(frame, 54, 55, 56)) return false;
  if (mb(frame, 40, 47) !== 0 || mb(frame, 52, 53) !== 0) return false;
  return mb(frame, 2, 13) * 16 <= 50000 && mb(frame, 15, 26) * 16 <= 50000;
}

/** BDS 5,0 track and turn report. */
export function isBds50(frame: Uint8Array): boolean {
  if (!statusConsistent(frame, 1, 2, 11) || !statusConsistent(frame, 12, 13, 23) || !statusConsistent(frame, 24, 25, 34)) return false;
  if (!statusConsistent(frame, 35, 36, 45) || !statusConsistent(frame, 46, 47, 56)) return false;
  const roll = mbBit(frame, 1) === 1 ? Math.abs(signed(frame, 2, 3, 11) * 45 / 256) : 0;
  if (roll > 50) return false;
  const gs = mb(frame, 25, 34) * 2;
  const tas = mb(frame, 47, 56) * 2;
  if (gs > 600 || tas > 500) return false;
  return !(mbBit(frame, 24) === 1 && mbBit(frame, 46) === 1 && Math.abs(tas - gs) > 200);
}

/** BDS 6,0 heading and speed report. */
export function isBds60(frame: Uint8Array): boolean {
  if (!statusConsistent(frame, 1, 2, 12) || !statusConsistent(frame, 13, 14, 23) || !statusConsistent(frame, 24, 25, 34)) return false;
  if (!statusConsistent(frame, 35, 36, 45) || !statusConsistent(frame, 46, 47, 56)) return false;
  if (mb(frame, 14, 23) > 500 || mb(frame, 25, 34) * 0.004 > 1) return false;
  if (mbBit(frame, 35) === 1 && Math.abs(signed(frame, 36, 37, 45) * 32) >= 6000) return false;
  return !(mbBit(frame, 46) === 1 && Math.abs(signed(frame, 47, 48, 56) * 32) >= 6000);
}

function angle360(degrees: number): number {
  return degrees < 0 ? degrees + 360 : degrees;
}

export function decodeBds40(frame: Uint8Array, msg: ModeSMessage): void {
  if (mbBit(frame, 1) === 1) msg.selected_altitude_mcp = mb(frame, 2, 13) * 16;
  if (mbBit(frame, 14) === 1) msg.selected_altitude_fms = mb(frame, 15, 26) * 16;
  if (mbBit(frame, 27) === 1) msg.baro_setting = Math.round((800 + mb(frame, 28, 39) * 0.1) * 10) / 10;
  if (mbBit(frame, 48) === 1) {
    msg.vnav_mode = mbBit(frame, 49) === 1;
    msg.altitude_hold = mbBit(frame, 50) === 1;
    msg.approach_mode = mbBit(frame, 51) === 1;
  }
}

export function decodeBds50(frame: Uint8Array, msg: ModeSMessage): void {
  if (mbBit(frame, 1) === 1) msg.roll = (signed(frame, 2, 3, 11) * 45) / 256;
  if (mbBit(frame, 12) === 1) msg.true_track = angle360((signed(frame, 13, 14, 23) * 90) / 512);
  if (mbBit(frame, 24) === 1) msg.ground_speed = mb(frame, 25, 34) * 2;
  if (mbBit(frame, 35) === 1) msg.track_rate = (signed(frame, 36, 37, 45) * 8) / 256;
  if (mbBit(frame, 46) === 1) msg.true_airspeed = mb(frame, 47, 56) * 2;
}

export function decodeBds60(frame: Uint8Array, msg: ModeSMessage): void {
  if (mbBit(frame, 1) === 1) msg.magnetic_heading = angle360((signed(frame, 2, 3, 12) * 90) / 512);
  if (mbBit(frame, 13) === 1) msg.indicated_airspeed = mb(frame, 14, 23);
  if (mbBit(frame, 24) === 1) msg.mach = mb(frame, 25, 34) * 4 / 1000; // 2.048/512 = 0.004 exactly
  if (mbBit(frame, 35) === 1) msg.baro_vertical_rate = signed(frame, 36, 37, 45) * 32;
  if (mbBit(frame, 46) === 1) msg.inertial_vertical_rate = signed(frame, 47, 48, 56) * 32;
}
