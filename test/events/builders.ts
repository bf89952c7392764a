// Event builders for tests: real events through the catalog's own builder, times in seconds after T0.
import {
  AIRCRAFT_IDENTIFIED, ALTITUDE_REPORTED, CLEANUP_INTERVAL_PASSED, POSITION_REPORTED, SQUAWK_RECEIVED, VELOCITY_REPORTED,
  buildEvent, receiverSource, type EmergencyState,
} from '../../src/events/index.ts';

export const T0 = 1522782148_000000;
export const SOURCE = receiverSource('test');

let serial = 0;
function frame(): Uint8Array {
  serial++;
  return Uint8Array.of(serial & 0xff, (serial >> 8) & 0xff, (serial >> 16) & 0xff);
}

const at = (seconds: number): number => T0 + Math.round(seconds * 1e6);

export function identified(icao: string, callsign: string, seconds = 0, category: string | null = 'A3', source = SOURCE) {
  return buildEvent(AIRCRAFT_IDENTIFIED, source, icao, at(seconds), frame(), { icao_address: icao, callsign, emitter_category: category });
}

export function squawk(icao: string, code: string, seconds = 0, emergency?: EmergencyState) {
  return buildEvent(SQUAWK_RECEIVED, SOURCE, icao, at(seconds), frame(), {
    icao_address: icao, squawk: code, ...(emergency === undefined ? {} : { emergency }),
  });
}

export function position(
  icao: string, latitude: number, longitude: number, seconds = 0, altitude: number | null = 35000, source = SOURCE,
  altitudeType: 'barometric' | 'geometric' = 'barometric', onGround = false,
) {
  return buildEvent(POSITION_REPORTED, source, icao, at(seconds), frame(), {
    icao_address: icao, latitude, longitude, altitude, altitude_type: altitudeType, on_ground: onGround,
    cpr: { format: serial % 2 === 0 ? 'even' : 'odd', lat: 93000, lon: 51372 }, decoding: 'global',
  });
}

export function velocity(
  icao: string, groundSpeed: number | null, heading: number | null, verticalRate: number | null, seconds = 0,
  airspeed?: { type: 'ias' | 'tas'; value: number }, verticalRateSource: 'barometric' | 'geometric' = 'barometric',
) {
  return buildEvent(VELOCITY_REPORTED, SOURCE, icao, at(seconds), frame(), {
    icao_address: icao, ground_speed: groundSpeed, heading, vertical_rate: verticalRate, vertical_rate_source: verticalRateSource,
    ...(airspeed === undefined ? {} : { airspeed }),
  });
}

export function altitude(icao: string, feet: number, seconds = 0) {
  return buildEvent(ALTITUDE_REPORTED, SOURCE, icao, at(seconds), frame(), { icao_address: icao, altitude: feet });
}

export function cleanupTick(seconds: number, maxAgeSeconds: number) {
  return buildEvent(CLEANUP_INTERVAL_PASSED, SOURCE, undefined, at(seconds), null, { max_age_seconds: maxAgeSeconds });
}
