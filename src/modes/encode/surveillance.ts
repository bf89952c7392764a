// Surveillance replies with address/parity: altitude DF4 (short) / DF20 (long, Comm-B) and
// identity DF5 / DF21. The parity is overlaid with the ICAO address, so only a receiver that
// knows the address can check it.
import { writeParity } from '../crc.ts';
import { writeBits } from './bit-writer.ts';
import { encodeAc13 } from './altitude.ts';
import { encodeId13 } from './identity.ts';

export interface SurveillanceFields {
  icao: number;
  /** FS, 0–7 (default 0: no alert, no SPI, airborne). */
  flightStatus?: number;
  /** DR, 0–31. */
  downlinkRequest?: number;
  /** UM, 0–63. */
  utilityMessage?: number;
  /** For the long formats (DF20/21): the 7-byte Comm-B MB field (default all zero). */
  mb?: Uint8Array;
}

export interface SurveillanceAltitudeFields extends SurveillanceFields {
  /** 4 (default) or 20. */
  df?: 4 | 20;
  /** Feet; undefined or NaN = no altitude. */
  altitude?: number;
}

export interface SurveillanceIdentityFields extends SurveillanceFields {
  /** 5 (default) or 21. */
  df?: 5 | 21;
  squawk: string;
}

function surveillanceReply(df: number, fields: SurveillanceFields, field13: number): Uint8Array {
  const long = df >= 16;
  const frame = new Uint8Array(long ? 14 : 7);
  writeBits(frame, 1, 5, df);
  writeBits(frame, 6, 8, fields.flightStatus ?? 0);
  writeBits(frame, 9, 13, fields.downlinkRequest ?? 0);
  writeBits(frame, 14, 19, fields.utilityMessage ?? 0);
  writeBits(frame, 20, 32, field13);
  if (long && fields.mb !== undefined) frame.set(fields.mb.subarray(0, 7), 4);
  writeParity(frame, fields.icao & 0xffffff, frame.length);
  return frame;
}

export function encodeSurveillanceAltitude(fields: SurveillanceAltitudeFields): Uint8Array {
  return surveillanceReply(fields.df ?? 4, fields, fields.altitude === undefined ? 0 : encodeAc13(fields.altitude));
}

export function encodeSurveillanceIdentity(fields: SurveillanceIdentityFields): Uint8Array {
  return surveillanceReply(fields.df ?? 5, fields, encodeId13(fields.squawk));
}
