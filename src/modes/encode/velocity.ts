// TC 19 airborne velocity. Ground speed and track become east/north components (subtype 1, or 2
// with 4-kt steps when supersonic); airspeed and heading use subtype 3/4. Every magnitude field
// stores value + 1 so that 0 can mean "not available".
import type { AirspeedType, AltitudeType } from '../message.ts';
import { writeMe } from './bit-writer.ts';
import { newExtendedSquitter, sealExtendedSquitter, type SquitterAddress } from './extended-squitter.ts';

export interface VelocityFields extends SquitterAddress {
  /** Knots over ground, with `track` (degrees true): subtype 1/2. */
  groundSpeed?: number;
  track?: number;
  /** Knots, with `airspeedType` (default 'tas') and optional magnetic `heading`: subtype 3/4 (used when no groundSpeed). */
  airspeed?: number;
  airspeedType?: AirspeedType;
  heading?: number;
  /** ft/min, positive up; undefined = not available. */
  verticalRate?: number;
  /** 'barometric' (default; ME bit 36 = 1) or 'geometric' (GNSS; bit 36 = 0). */
  verticalRateSource?: AltitudeType;
  /** GNSS height minus barometric altitude, ft; undefined = not available. */
  gnssBaroDiff?: number;
  /** 4-kt steps (subtypes 2 and 4). */
  supersonic?: boolean;
  intentChange?: boolean;
  ifrCapability?: boolean;
  /** Navigation accuracy category for velocity, 0–7. */
  nacV?: number;
}

const DEG_TO_RAD = Math.PI / 180;

/** value + 1, clamped to the field's maximum (the field saturates, it does not wrap). */
function magnitude(value: number, step: number, max: number): number {
  const q = Math.round(Math.abs(value) / step) + 1;
  return q > max ? max : q;
}

export function encodeVelocity(fields: VelocityFields): Uint8Array {
  const frame = newExtendedSquitter(fields);
  const scale = fields.supersonic ? 4 : 1;
  const airspeedMode = fields.groundSpeed === undefined && fields.airspeed !== undefined;
  writeMe(frame, 1, 5, 19);
  writeMe(frame, 6, 8, (airspeedMode ? 3 : 1) + (fields.supersonic ? 1 : 0));
  writeMe(frame, 9, 9, fields.intentChange ? 1 : 0);
  writeMe(frame, 10, 10, fields.ifrCapability ? 1 : 0);
  writeMe(frame, 11, 13, fields.nacV ?? 0);
  if (airspeedMode) {
    const heading = fields.heading;
    if (heading !== undefined && heading === heading) {
      writeMe(frame, 14, 14, 1);
      writeMe(frame, 15, 24, Math.round(((((heading % 360) + 360) % 360) * 1024) / 360) % 1024);
    }
    writeMe(frame, 25, 25, (fields.airspeedType ?? 'tas') === 'tas' ? 1 : 0);
    writeMe(frame, 26, 35, magnitude(fields.airspeed!, scale, 1023));
  } else if (fields.groundSpeed !== undefined && fields.groundSpeed === fields.groundSpeed) {
    const track = (fields.track ?? 0) * DEG_TO_RAD;
    const east = fields.groundSpeed * Math.sin(track);
    const north = fields.groundSpeed * Math.cos(track);
    // The sign bit means west / south; a component that rounds to zero is written as +0.
    writeMe(frame, 14, 14, Math.round(Math.abs(east) / scale) > 0 && east < 0 ? 1 : 0);
    writeMe(frame, 15, 24, magnitude(east, scale, 1023));
    writeMe(frame, 25, 25, Math.round(Math.abs(north) / scale) > 0 && north < 0 ? 1 : 0);
    writeMe(frame, 26, 35, magnitude(north, scale, 1023));
  }
  const rate = fields.verticalRate;
  writeMe(frame, 36, 36, fields.verticalRateSource === 'geometric' ? 0 : 1);
  if (rate !== undefined && rate === rate) {
    writeMe(frame, 37, 37, rate < 0 && Math.round(-rate / 64) > 0 ? 1 : 0);
    writeMe(frame, 38, 46, magnitude(rate, 64, 511));
  }
  const diff = fields.gnssBaroDiff;
  if (diff !== undefined && diff === diff) {
    writeMe(frame, 49, 49, diff < 0 && Math.round(-diff / 25) > 0 ? 1 : 0);
    writeMe(frame, 50, 56, magnitude(diff, 25, 127));
  }
  return sealExtendedSquitter(frame);
}
