// TC 9–18 (barometric altitude) and TC 20–22 (GNSS height) airborne position squitters. Both
// altitudes are written in the 12-bit AC layout (25-ft steps, Gillham above 50,175 ft), the
// layout skyledger's decoder reads for both.
import type { AltitudeType } from '../message.ts';
import { writeMe } from './bit-writer.ts';
import { encodeAc12 } from './altitude.ts';
import { encodeCpr, type CprCode } from './cpr.ts';
import { newExtendedSquitter, sealExtendedSquitter, type SquitterAddress } from './extended-squitter.ts';

export interface AirbornePositionFields extends SquitterAddress {
  lat: number;
  lon: number;
  odd: boolean;
  /** Feet; undefined or NaN = altitude not available. */
  altitude?: number;
  /** 'barometric' (default, TC 9–18) or 'geometric' (GNSS height, TC 20–22). */
  altitudeType?: AltitudeType;
  /** Type code (default 11 barometric, 20 geometric); sets the NIC the frame claims. */
  tc?: number;
  /** Surveillance status 0–3 (0 none, 1 permanent alert, 2 temporary alert, 3 SPI). */
  surveillanceStatus?: number;
  /** ME bit 8: NIC supplement B (version 2) / single antenna flag (earlier versions). */
  nicB?: number;
  /** T bit: the time of applicability is synchronised to UTC. */
  utcSync?: boolean;
}

const code: CprCode = { lat: 0, lon: 0 };

export function encodeAirbornePosition(fields: AirbornePositionFields): Uint8Array {
  const frame = newExtendedSquitter(fields);
  const geometric = fields.altitudeType === 'geometric';
  const tc = fields.tc ?? (geometric ? 20 : 11);
  encodeCpr(fields.lat, fields.lon, fields.odd, false, code);
  writeMe(frame, 1, 5, tc);
  writeMe(frame, 6, 7, fields.surveillanceStatus ?? 0);
  writeMe(frame, 8, 8, fields.nicB ?? 0);
  writeMe(frame, 9, 20, fields.altitude === undefined ? 0 : encodeAc12(fields.altitude));
  writeMe(frame, 21, 21, fields.utcSync ? 1 : 0);
  writeMe(frame, 22, 22, fields.odd ? 1 : 0);
  writeMe(frame, 23, 39, code.lat);
  writeMe(frame, 40, 56, code.lon);
  return sealExtendedSquitter(frame);
}
