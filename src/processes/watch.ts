// The watch process manager: one instance per watch (law 6), keyed by the watch id. It starts from
// the watch's watch_started, follows the observations after it and answers each with commands —
// record that a flight was spotted (the first match of an aircraft, or the first after it was lost)
// or lost (a spotted aircraft not heard for a cleanup tick's max_age_seconds). It keeps what it
// needs from the events themselves (law 7): what it has heard of each recent aircraft, and which
// aircraft it has spotted. watch_stopped makes it silent for good.
//
// `react` is pure in the sense the laws need — its output depends only on the instance's state and
// the event, and it touches nothing else — but it updates the instance's own maps in place: copying
// them for every one of thousands of observations a second would cost more than it proves.
import { formatMicros, isObservation, parseMicros, type EmergencyState, type SkyledgerEvent, type WatchCriteria, type WatchStarted } from '../events/index.ts';
import { matchesWatch } from './watch-match.ts';

export interface LoggedInput {
  position: number;
  event: SkyledgerEvent;
}

/** What an alert reports about the aircraft: the latest of each that the watch has heard. */
interface AircraftFacts {
  callsign: string | null;
  squawk: string | null;
  emergency: EmergencyState | null;
  latitude: number | null;
  longitude: number | null;
  altitude: number | null;
}

interface Heard extends AircraftFacts {
  /**
   * The time of the last event about the aircraft. Event times share one fixed-width spelling,
   * so they compare as strings: no parsing per event and instance on the hot path.
   */
  lastSeen: string;
}

export interface WatchProcess {
  readonly watchId: string;
  readonly user: string;
  readonly criteria: WatchCriteria;
  stopped: boolean;
  readonly heard: Map<string, Heard>;
  readonly spotted: Set<string>;
}

export interface AlertTrigger {
  event_id: string;
  position: number;
  type: string;
}

export interface RecordFlightSpotted extends AircraftFacts {
  type: 'record_flight_spotted';
  watchId: string;
  user: string;
  /** The triggering event's time: the alert is as old as what it reports. */
  time: string;
  icao: string;
  trigger: AlertTrigger;
}

export interface RecordFlightLost {
  type: 'record_flight_lost';
  watchId: string;
  user: string;
  time: string;
  icao: string;
  lastSeen: string;
  trigger: AlertTrigger;
}

export type WatchProcessCommand = RecordFlightSpotted | RecordFlightLost;

const NONE: WatchProcessCommand[] = [];

export function startWatchProcess(started: WatchStarted): WatchProcess {
  return { watchId: started.data.watch_id, user: started.data.user_id, criteria: started.data.criteria, stopped: false, heard: new Map(), spotted: new Set() };
}

export function react(state: WatchProcess, logged: LoggedInput): WatchProcessCommand[] {
  if (state.stopped) return NONE;
  const e = logged.event;
  if (isObservation(e)) return observe(state, e, logged.position);
  switch (e.type) {
    case 'org.skyledger.cleanup_interval_passed.v1':
      return sweep(state, e.time, e.data.max_age_seconds, { event_id: e.id, position: logged.position, type: e.type });
    case 'org.skyledger.watch_stopped.v1':
      if (e.data.watch_id === state.watchId) {
        state.stopped = true;
        state.heard.clear();
        state.spotted.clear();
      }
      return NONE;
    default:
      return NONE;
  }
}

function observe(state: WatchProcess, e: SkyledgerEvent, position: number): WatchProcessCommand[] {
  const icao = e.subject;
  if (icao === undefined) return NONE;
  let h = state.heard.get(icao);
  if (h === undefined) {
    h = { callsign: null, squawk: null, emergency: null, latitude: null, longitude: null, altitude: null, lastSeen: e.time };
    state.heard.set(icao, h);
  } else if (e.time > h.lastSeen) {
    h.lastSeen = e.time;
  }
  switch (e.type) {
    case 'org.skyledger.aircraft_identified.v1':
      h.callsign = e.data.callsign.trim();
      break;
    case 'org.skyledger.squawk_received.v1':
      h.squawk = e.data.squawk;
      if (e.data.emergency !== undefined) h.emergency = e.data.emergency;
      break;
    case 'org.skyledger.position_reported.v1':
      h.latitude = e.data.latitude;
      h.longitude = e.data.longitude;
      if (e.data.altitude !== null) h.altitude = e.data.altitude;
      break;
    case 'org.skyledger.altitude_reported.v1':
      h.altitude = e.data.altitude;
      break;
    default:
      break;
  }
  if (state.spotted.has(icao) || !matchesWatch(state.criteria, e)) return NONE;
  state.spotted.add(icao);
  return [{
    type: 'record_flight_spotted', watchId: state.watchId, user: state.user, time: e.time, icao,
    callsign: h.callsign, squawk: h.squawk, emergency: h.emergency, latitude: h.latitude, longitude: h.longitude, altitude: h.altitude,
    trigger: { event_id: e.id, position, type: e.type },
  }];
}

function sweep(state: WatchProcess, time: string, maxAgeSeconds: number, trigger: AlertTrigger): WatchProcessCommand[] {
  const tick = parseMicros(time);
  if (Number.isNaN(tick)) return NONE;
  const cutoff = formatMicros(tick - maxAgeSeconds * 1e6);
  let out: WatchProcessCommand[] = NONE;
  for (const [icao, h] of state.heard) {
    if (h.lastSeen >= cutoff) continue;
    state.heard.delete(icao);
    if (!state.spotted.delete(icao)) continue;
    if (out === NONE) out = [];
    out.push({ type: 'record_flight_lost', watchId: state.watchId, user: state.user, time, icao, lastSeen: h.lastSeen, trigger });
  }
  return out;
}
