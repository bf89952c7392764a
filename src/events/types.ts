// The event catalog as types: one union member per (name, schema version). A `v2` is a new member
// with its own schema; a `v1` member never changes (law 8).
import type { CloudEventOf } from './cloud-event-of.ts';

export const AIRCRAFT_IDENTIFIED = 'org.skyledger.aircraft_identified.v1';
export const SQUAWK_RECEIVED = 'org.skyledger.squawk_received.v1';
export const POSITION_REPORTED = 'org.skyledger.position_reported.v1';
export const VELOCITY_REPORTED = 'org.skyledger.velocity_reported.v1';
export const ALTITUDE_REPORTED = 'org.skyledger.altitude_reported.v1';
export const CLEANUP_INTERVAL_PASSED = 'org.skyledger.cleanup_interval_passed.v1';
export const WATCH_STARTED = 'org.skyledger.watch_started.v1';
export const WATCH_STOPPED = 'org.skyledger.watch_stopped.v1';
export const FLIGHT_SPOTTED = 'org.skyledger.flight_spotted.v1';
export const FLIGHT_LOST = 'org.skyledger.flight_lost.v1';

/** The emergency states a squawk_received.v1 may carry, in this fixed order (the packed log stores the index). */
export const EMERGENCY_STATES = ['none', 'general', 'lifeguard', 'minfuel', 'nordo', 'unlawful', 'downed'] as const;
export type EmergencyState = (typeof EMERGENCY_STATES)[number];

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

/** What a watch looks for; exactly one kind per watch. */
export type WatchCriteria =
  | { kind: 'callsign'; callsign: string }
  | { kind: 'icao'; icao: string }
  | { kind: 'squawk'; squawk: string }
  | { kind: 'emergency' }
  | { kind: 'area'; latitude: number; longitude: number; radius_nm: number; max_altitude_ft: number | null };

/**
 * A personal field sealed with its owner's key (AES-256-GCM). Deleting the key (`skyledger forget`)
 * makes it unreadable for good while the event stays in the log (crypto-shredding).
 */
export interface SealedField {
  alg: 'A256GCM';
  /** The id of the user key that sealed it; a key made after a forget has a new id. */
  kid: string;
  /** base64url, 12 bytes. */
  iv: string;
  /** base64url ciphertext. */
  ct: string;
  /** base64url, 16-byte GCM tag. */
  tag: string;
}

export type WatchStarted = CloudEventOf<typeof WATCH_STARTED, {
  watch_id: string;
  user_id: string;
  criteria: WatchCriteria;
  label: string | null;
  /** The webhook URL, sealed with the user's key; null when the watch has none. */
  webhook: SealedField | null;
}>;

export type WatchStopped = CloudEventOf<typeof WATCH_STOPPED, {
  watch_id: string;
  user_id: string;
}>;

/** The logged event an alert answers: its id, log position and type. */
export interface AlertTrigger {
  event_id: string;
  position: number;
  type: string;
}

export type FlightSpotted = CloudEventOf<typeof FLIGHT_SPOTTED, {
  watch_id: string;
  user_id: string;
  /** `icao`, not `icao_address`: the subject of an alert is the watch, not the aircraft. */
  icao: string;
  callsign: string | null;
  squawk: string | null;
  emergency: EmergencyState | null;
  latitude: number | null;
  longitude: number | null;
  altitude: number | null;
  /** The observation that matched. */
  trigger: AlertTrigger;
}>;

export type FlightLost = CloudEventOf<typeof FLIGHT_LOST, {
  watch_id: string;
  user_id: string;
  icao: string;
  /** The time of the last event heard from the aircraft. */
  last_seen: string;
  /** The cleanup tick that found it gone. */
  trigger: AlertTrigger;
}>;

export type WatchEvent = WatchStarted | WatchStopped;
export type AlertEvent = FlightSpotted | FlightLost;

export type ObservationEvent = AircraftIdentified | SquawkReceived | PositionReported | VelocityReported | AltitudeReported;

/** Every event the system knows. Consumers switch on `type` and ignore the rest (law 2). */
export type SkyledgerEvent = ObservationEvent | CleanupIntervalPassed | WatchEvent | AlertEvent;

export type SkyledgerEventType = SkyledgerEvent['type'];

export type EventData<T extends SkyledgerEventType> = Extract<SkyledgerEvent, { type: T }>['data'];
