// The event catalog as types: one union member per (name, schema version). A `v2` is a new member
// with its own schema; a `v1` member never changes (law 8).
import type { CloudEventOf } from './cloud-event-of.ts';

export const AIRCRAFT_IDENTIFIED = 'org.skyledger.aircraft_identified.v1';
export const SQUAWK_RECEIVED = 'org.skyledger.squawk_received.v1';
export const POSITION_REPORTED = 'org.skyledger.position_reported.v1';
export const VELOCITY_REPORTED = 'org.skyledger.velocity_reported.v1';
export const ALTITUDE_REPORTED = 'org.skyledger.altitude_reported.v1';
export const CLEANUP_INTERVAL_PASSED = 'org.skyledger.cleanup_interval_passed.v1';

export type EmergencyState = 'none' | 'general' | 'lifeguard' | 'minfuel' | 'nordo' | 'unlawful' | 'downed';

export type AircraftIdentified = CloudEventOf<typeof AIRCRAFT_IDENTIFIED, {
  icao_address: string;
  callsign: string;
  /** `A0`–`D7`, null when the frame's category set/code is not meaningful. */
  emitter_category: string | null;
}>;

export type SquawkReceived = CloudEventOf<typeof SQUAWK_RECEIVED, {
  icao_address: string;
  /** Four octal digits. */
  squawk: string;
  /** Present only when the frame says (ADS-B TC 28); identity replies do not. */
  emergency?: EmergencyState;
}>;

export type PositionReported = CloudEventOf<typeof POSITION_REPORTED, {
  icao_address: string;
  latitude: number;
  longitude: number;
  altitude: number | null;
  altitude_type: 'barometric' | 'geometric';
  on_ground: boolean;
  cpr: { format: 'even' | 'odd'; lat: number; lon: number };
  decoding: 'global' | 'local';
}>;

export type VelocityReported = CloudEventOf<typeof VELOCITY_REPORTED, {
  icao_address: string;
  /** kt; null when the frame carries airspeed instead (subtypes 3/4) or the speed is unavailable. */
  ground_speed: number | null;
  /** Track over ground, degrees; null when unavailable. */
  heading: number | null;
  /** ft/min; null when unavailable. */
  vertical_rate: number | null;
  vertical_rate_source: 'barometric' | 'geometric';
  /** Subtypes 3/4 only. */
  airspeed?: { type: 'ias' | 'tas'; value: number };
}>;

export type AltitudeReported = CloudEventOf<typeof ALTITUDE_REPORTED, {
  icao_address: string;
  altitude: number;
}>;

export type CleanupIntervalPassed = CloudEventOf<typeof CLEANUP_INTERVAL_PASSED, {
  /** Aircraft not seen for longer than this (relative to the tick's own time) are stale. */
  max_age_seconds: number;
}>;

export type ObservationEvent = AircraftIdentified | SquawkReceived | PositionReported | VelocityReported | AltitudeReported;

/** Every event the system knows. Consumers switch on `type` and ignore the rest (law 2). */
export type SkyledgerEvent = ObservationEvent | CleanupIntervalPassed;

export type SkyledgerEventType = SkyledgerEvent['type'];

export type EventData<T extends SkyledgerEventType> = Extract<SkyledgerEvent, { type: T }>['data'];
