// `/data/aircraft.json` in dump1090-fa's shape (names and units of its README-json.md), so
// tar1090-style front ends can poll skyledger as if it were dump1090. Keys are omitted when
// unknown, as dump1090 does. `messages` and `rssi` come from the live receiver state when the
// service has it. `alt_baro` / `baro_rate` come only from barometric reports and `alt_geom` /
// `geom_rate` only from geometric (GNSS) ones; nothing is converted from one to the other.
import { parseMicros } from '../events/index.ts';
import type { AircraftRow } from '../projectors/index.ts';

export interface Dump1090Aircraft {
  hex: string;
  flight?: string;
  /** ft (barometric), or "ground". */
  alt_baro?: number | 'ground';
  /** ft, GNSS height (WGS84 ellipsoid), from TC 20–22 positions. */
  alt_geom?: number;
  gs?: number;
  track?: number;
  /** ft/min */
  baro_rate?: number;
  /** ft/min */
  geom_rate?: number;
  squawk?: string;
  emergency?: string;
  category?: string;
  lat?: number;
  lon?: number;
  seen: number;
  seen_pos?: number;
  messages: number;
  rssi?: number;
}

/** What the receiver hears of an aircraft now (frames, signal), when the service tracks it. */
export type LiveSignalOf = (icao: string) => { messages: number; rssi?: number } | undefined;

export interface Dump1090AircraftJson {
  now: number;
  messages: number;
  aircraft: Dump1090Aircraft[];
}

/** `nowMs` is the wall clock (dump1090's `now`); `messages` the frames accepted since start. */
export function dump1090AircraftJson(rows: readonly AircraftRow[], nowMs: number, messages: number, live?: LiveSignalOf): Dump1090AircraftJson {
  const aircraft: Dump1090Aircraft[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const a = toDump1090(rows[i], nowMs);
    const heard = live?.(rows[i].icao);
    if (heard !== undefined) {
      a.messages = heard.messages;
      if (heard.rssi !== undefined) a.rssi = heard.rssi;
    }
    aircraft[i] = a;
  }
  return { now: Math.round(nowMs) / 1000, messages, aircraft };
}

function toDump1090(r: AircraftRow, nowMs: number): Dump1090Aircraft {
  // Without live receiver counts, `messages` falls back to the events the log holds about it.
  const a: Dump1090Aircraft = { hex: r.icao.toLowerCase(), seen: ageSeconds(nowMs, r.last_seen), messages: r.events };
  // dump1090-fa prints the 8-character callsign field, trailing spaces included.
  if (r.callsign !== null) a.flight = r.callsign.padEnd(8, ' ');
  // On the surface the last GNSS height is an airborne leftover (surface positions carry none).
  if (r.on_ground === true) a.alt_baro = 'ground';
  else {
    if (r.altitude !== null) a.alt_baro = r.altitude;
    if (r.altitude_geometric !== null) a.alt_geom = r.altitude_geometric;
  }
  if (r.ground_speed !== null) a.gs = round1(r.ground_speed);
  if (r.heading !== null) a.track = round1(r.heading);
  if (r.vertical_rate !== null) a.baro_rate = r.vertical_rate;
  if (r.vertical_rate_geometric !== null) a.geom_rate = r.vertical_rate_geometric;
  if (r.squawk !== null) a.squawk = r.squawk;
  if (r.emergency !== null) a.emergency = r.emergency;
  if (r.emitter_category !== null) a.category = r.emitter_category;
  if (r.latitude !== null && r.longitude !== null) {
    a.lat = round6(r.latitude);
    a.lon = round6(r.longitude);
    if (r.last_position !== null) a.seen_pos = ageSeconds(nowMs, r.last_position);
  }
  return a;
}

function ageSeconds(nowMs: number, time: string): number {
  const t = parseMicros(time) / 1000;
  return Number.isFinite(t) ? Math.max(0, Math.round(nowMs - t) / 1000) : 0;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
