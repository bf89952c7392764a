// The page's picture of the sky: aircraft rows from `/api/aircraft`, kept current by the
// observation events the WebSocket pushes. Pure (no DOM), so the unit tests drive it directly.
import type { EmergencyState } from '../../src/events/types.ts';

export interface PageAircraft {
  icao: string;
  callsign: string | null;
  squawk: string | null;
  emergency: EmergencyState | null;
  latitude: number | null;
  longitude: number | null;
  /** The altitude the page shows, ft: the barometric one, else the geometric (GNSS) one. */
  altitude: number | null;
  /** Barometric altitude, ft (the row's `altitude`). */
  altitude_barometric: number | null;
  /** Geometric (GNSS) altitude, ft. */
  altitude_geometric: number | null;
  on_ground: boolean | null;
  ground_speed: number | null;
  heading: number | null;
  /** Barometric vertical rate, ft/min. */
  vertical_rate: number | null;
  /** Geometric (GNSS) vertical rate, ft/min. */
  vertical_rate_geometric: number | null;
  emitter_category: string | null;
  last_seen: string | null;
}

/** A pushed CloudEvent as the hub sends it: the event plus its log `position`. */
export interface PushedEvent {
  type: string;
  subject?: string;
  time?: string;
  position: number;
  data: Record<string, unknown> | null;
}

export interface TrailPoint {
  latitude: number;
  longitude: number;
  altitude: number | null;
}

const OBSERVATION = /^org\.skyledger\.(aircraft_identified|squawk_received|position_reported|velocity_reported|altitude_reported)\.v\d+$/;

export function blankAircraft(icao: string): PageAircraft {
  return {
    icao, callsign: null, squawk: null, emergency: null, latitude: null, longitude: null, altitude: null,
    altitude_barometric: null, altitude_geometric: null, on_ground: null, ground_speed: null, heading: null,
    vertical_rate: null, vertical_rate_geometric: null, emitter_category: null, last_seen: null,
  };
}

/** A row of `/api/aircraft`, tolerant of fields it does not know. */
export function fromRow(row: Record<string, unknown>): PageAircraft | undefined {
  if (typeof row.icao !== 'string') return undefined;
  const a = blankAircraft(row.icao.toUpperCase());
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  a.callsign = str(row.callsign)?.trim() ?? null;
  a.squawk = str(row.squawk);
  a.emergency = str(row.emergency) as EmergencyState | null;
  a.latitude = num(row.latitude);
  a.longitude = num(row.longitude);
  a.altitude_barometric = num(row.altitude);
  a.altitude_geometric = num(row.altitude_geometric);
  a.altitude = a.altitude_barometric ?? a.altitude_geometric;
  a.on_ground = typeof row.on_ground === 'boolean' ? row.on_ground : null;
  a.ground_speed = num(row.ground_speed);
  a.heading = num(row.heading);
  a.vertical_rate = num(row.vertical_rate);
  a.vertical_rate_geometric = num(row.vertical_rate_geometric);
  a.emitter_category = str(row.emitter_category);
  a.last_seen = str(row.last_seen);
  return a;
}

export class AircraftBook {
  readonly aircraft = new Map<string, PageAircraft>();
  /** Positions heard since the page loaded, per aircraft (the "all trails" view and live growth). */
  readonly trails = new Map<string, TrailPoint[]>();
  constructor(private readonly maxTrailPoints = 2_000) {}

  load(rows: readonly Record<string, unknown>[]): void {
    this.aircraft.clear();
    for (const row of rows) {
      const a = fromRow(row);
      if (a) this.aircraft.set(a.icao, a);
    }
  }

  /** Applies an observation; returns the ICAO address it changed, or undefined if it was not one. */
  apply(e: PushedEvent): string | undefined {
    if (!OBSERVATION.test(e.type) || e.data === null || typeof e.data !== 'object') return undefined;
    const d = e.data;
    const icao = (typeof d.icao_address === 'string' ? d.icao_address : e.subject)?.toUpperCase();
    if (icao === undefined) return undefined;
    let a = this.aircraft.get(icao);
    if (a === undefined) {
      a = blankAircraft(icao);
      this.aircraft.set(icao, a);
    }
    if (typeof e.time === 'string') a.last_seen = e.time;
    const kind = e.type.slice('org.skyledger.'.length, e.type.lastIndexOf('.'));
    switch (kind) {
      case 'aircraft_identified':
        if (typeof d.callsign === 'string') a.callsign = d.callsign.trim() || a.callsign;
        if (typeof d.emitter_category === 'string') a.emitter_category = d.emitter_category;
        break;
      case 'squawk_received':
        if (typeof d.squawk === 'string') a.squawk = d.squawk;
        if (typeof d.emergency === 'string') a.emergency = d.emergency as EmergencyState;
        break;
      case 'position_reported':
        if (typeof d.latitude === 'number' && typeof d.longitude === 'number') {
          a.latitude = d.latitude;
          a.longitude = d.longitude;
          if (typeof d.altitude === 'number') {
            if (d.altitude_type === 'geometric') a.altitude_geometric = d.altitude;
            else a.altitude_barometric = d.altitude;
            a.altitude = a.altitude_barometric ?? a.altitude_geometric;
          }
          if (typeof d.on_ground === 'boolean') a.on_ground = d.on_ground;
          this.addTrailPoint(icao, { latitude: d.latitude, longitude: d.longitude, altitude: a.altitude });
        }
        break;
      case 'velocity_reported':
        if (typeof d.ground_speed === 'number') a.ground_speed = d.ground_speed;
        if (typeof d.heading === 'number') a.heading = d.heading;
        if (typeof d.vertical_rate === 'number') {
          if (d.vertical_rate_source === 'geometric') a.vertical_rate_geometric = d.vertical_rate;
          else a.vertical_rate = d.vertical_rate;
        }
        break;
      case 'altitude_reported':
        if (typeof d.altitude === 'number') a.altitude = a.altitude_barometric = d.altitude;
        break;
    }
    return icao;
  }

  /**
   * Drops aircraft not heard for `maxAgeSeconds` before the newest time heard from anyone (the
   * server's clock as the events carry it, so a replayed capture ages the same way as live traffic).
   */
  expire(maxAgeSeconds: number): string[] {
    let newest = -Infinity;
    for (const a of this.aircraft.values()) if (a.last_seen !== null) newest = Math.max(newest, Date.parse(a.last_seen));
    const gone: string[] = [];
    for (const [icao, a] of this.aircraft) {
      if (a.last_seen !== null && Date.parse(a.last_seen) < newest - maxAgeSeconds * 1000) {
        this.aircraft.delete(icao);
        this.trails.delete(icao);
        gone.push(icao);
      }
    }
    return gone;
  }

  private addTrailPoint(icao: string, p: TrailPoint): void {
    let t = this.trails.get(icao);
    if (t === undefined) {
      t = [];
      this.trails.set(icao, t);
    }
    const last = t[t.length - 1];
    if (last !== undefined && last.latitude === p.latitude && last.longitude === p.longitude) return;
    t.push(p);
    if (t.length > this.maxTrailPoints) t.splice(0, t.length - this.maxTrailPoints);
  }
}

export function isEmergency(a: Pick<PageAircraft, 'emergency' | 'squawk'>): boolean {
  return (a.emergency !== null && a.emergency !== 'none') || a.squawk === '7500' || a.squawk === '7600' || a.squawk === '7700';
}

export function labelOf(a: Pick<PageAircraft, 'callsign' | 'icao'>): string {
  return a.callsign ?? a.icao;
}
