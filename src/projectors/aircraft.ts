// Current state per aircraft, assembled from partial information: a callsign may arrive after the
// position, a squawk without either. Last seen is the event's own time; only a cleanup tick purges.
// Barometric and geometric (GNSS) altitude and vertical rate are kept apart, as dump1090 does
// (alt_baro / alt_geom, baro_rate / geom_rate): each column is written only by events of its kind.
import type { EmergencyState, SkyledgerEvent } from '../events/index.ts';
import { staleBefore } from './stale-before.ts';

export interface AircraftRow {
  icao: string;
  callsign: string | null;
  emitter_category: string | null;
  squawk: string | null;
  emergency: EmergencyState | null;
  latitude: number | null;
  longitude: number | null;
  /** Barometric altitude, ft: positions with altitude_type barometric (TC 9–18) and surveillance replies. */
  altitude: number | null;
  /** Geometric (GNSS) altitude, ft: positions with altitude_type geometric (TC 20–22). */
  altitude_geometric: number | null;
  on_ground: boolean | null;
  ground_speed: number | null;
  heading: number | null;
  /** Barometric vertical rate, ft/min (velocity with vertical_rate_source barometric). */
  vertical_rate: number | null;
  /** Geometric (GNSS) vertical rate, ft/min (velocity with vertical_rate_source geometric). */
  vertical_rate_geometric: number | null;
  first_seen: string;
  last_seen: string;
  last_position: string | null;
  /** Events about this aircraft in the log (not frames: the injector thins those). */
  events: number;
}

export type AircraftChange =
  | { kind: 'none' }
  | { kind: 'upsert'; row: AircraftRow }
  /** Forget every aircraft last seen before `before` (an event time). */
  | { kind: 'purge'; before: string };

export const NO_AIRCRAFT_CHANGE: AircraftChange = { kind: 'none' };

/** The aircraft an event is about, if any: the projection hands that row to `applyToAircraft`. */
export function aircraftKey(e: SkyledgerEvent): string | undefined {
  return e.type === 'org.skyledger.cleanup_interval_passed.v1' ? undefined : e.subject;
}

const SQUAWK_EMERGENCY: Record<string, EmergencyState> = { '7500': 'unlawful', '7600': 'nordo', '7700': 'general' };

function seen(current: AircraftRow | undefined, e: SkyledgerEvent & { subject?: string }): AircraftRow {
  if (current === undefined) {
    return {
      icao: e.subject ?? '', callsign: null, emitter_category: null, squawk: null, emergency: null, latitude: null,
      longitude: null, altitude: null, altitude_geometric: null, on_ground: null, ground_speed: null, heading: null,
      vertical_rate: null, vertical_rate_geometric: null, first_seen: e.time, last_seen: e.time, last_position: null, events: 1,
    };
  }
  // Events can arrive slightly out of order (merged receivers): last seen never moves back.
  // Spelled out rather than spread: this copy runs once per event in a rebuild.
  const c = current;
  return {
    icao: c.icao, callsign: c.callsign, emitter_category: c.emitter_category, squawk: c.squawk, emergency: c.emergency,
    latitude: c.latitude, longitude: c.longitude, altitude: c.altitude, altitude_geometric: c.altitude_geometric,
    on_ground: c.on_ground, ground_speed: c.ground_speed, heading: c.heading, vertical_rate: c.vertical_rate,
    vertical_rate_geometric: c.vertical_rate_geometric, first_seen: c.first_seen,
    last_seen: e.time > c.last_seen ? e.time : c.last_seen, last_position: c.last_position, events: c.events + 1,
  };
}

export function applyToAircraft(current: AircraftRow | undefined, e: SkyledgerEvent): AircraftChange {
  switch (e.type) {
    case 'org.skyledger.aircraft_identified.v1': {
      const row = seen(current, e);
      row.callsign = e.data.callsign.trim();
      row.emitter_category = e.data.emitter_category;
      return { kind: 'upsert', row };
    }
    case 'org.skyledger.squawk_received.v1': {
      const row = seen(current, e);
      row.squawk = e.data.squawk;
      row.emergency = e.data.emergency ?? SQUAWK_EMERGENCY[e.data.squawk] ?? 'none';
      return { kind: 'upsert', row };
    }
    case 'org.skyledger.position_reported.v1': {
      const row = seen(current, e);
      if (row.last_position === null || e.time >= row.last_position) {
        row.latitude = e.data.latitude;
        row.longitude = e.data.longitude;
        row.on_ground = e.data.on_ground;
        if (e.data.altitude !== null) {
          if (e.data.altitude_type === 'geometric') row.altitude_geometric = e.data.altitude;
          else row.altitude = e.data.altitude;
        }
        row.last_position = e.time;
      }
      return { kind: 'upsert', row };
    }
    case 'org.skyledger.velocity_reported.v1': {
      const row = seen(current, e);
      if (e.data.ground_speed !== null) row.ground_speed = e.data.ground_speed;
      if (e.data.heading !== null) row.heading = e.data.heading;
      if (e.data.vertical_rate !== null) {
        if (e.data.vertical_rate_source === 'geometric') row.vertical_rate_geometric = e.data.vertical_rate;
        else row.vertical_rate = e.data.vertical_rate;
      }
      return { kind: 'upsert', row };
    }
    case 'org.skyledger.altitude_reported.v1': {
      const row = seen(current, e);
      row.altitude = e.data.altitude;
      return { kind: 'upsert', row };
    }
    case 'org.skyledger.cleanup_interval_passed.v1': {
      const before = staleBefore(e);
      return before === undefined ? NO_AIRCRAFT_CHANGE : { kind: 'purge', before };
    }
    default:
      return NO_AIRCRAFT_CHANGE;
  }
}
