// Which aircraft a caller wants: by callsign, ICAO address, squawk, within a circle or a box. One
// parser for the HTTP query and the WebSocket subscribe message, so both refuse the same input with
// the same field named.
import { ValidationError } from '../app/command-errors.ts';
import { distanceNm } from '../processes/index.ts';

export interface AircraftFilter {
  callsign?: string;
  icao?: string;
  squawk?: string;
  circle?: { lat: number; lon: number; nm: number };
  /** South, north, west, east; west > east crosses the antimeridian. */
  box?: { s: number; n: number; w: number; e: number };
}

/** What a filter looks at. */
export interface AircraftView {
  icao: string;
  callsign: string | null;
  squawk: string | null;
  latitude: number | null;
  longitude: number | null;
}

export const AIRCRAFT_FILTER_FIELDS = ['callsign', 'icao', 'squawk', 'circle', 'box'] as const;

export function parseAircraftFilter(raw: Record<string, unknown>, prefix = ''): AircraftFilter {
  const out: AircraftFilter = {};
  const text = (name: string): string | undefined => {
    const v = raw[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new ValidationError(prefix + name, 'must be a string');
    return v.trim();
  };
  const callsign = text('callsign');
  if (callsign !== undefined) {
    if (!/^[A-Za-z0-9]{1,8}$/.test(callsign)) throw new ValidationError(prefix + 'callsign', 'must be 1–8 letters or digits');
    out.callsign = callsign.toUpperCase();
  }
  const icao = text('icao');
  if (icao !== undefined) {
    if (!/^[0-9A-Fa-f]{6}$/.test(icao)) throw new ValidationError(prefix + 'icao', 'must be 6 hex digits');
    out.icao = icao.toUpperCase();
  }
  const squawk = text('squawk');
  if (squawk !== undefined) {
    if (!/^[0-7]{4}$/.test(squawk)) throw new ValidationError(prefix + 'squawk', 'must be 4 octal digits');
    out.squawk = squawk;
  }
  const circle = text('circle');
  if (circle !== undefined) {
    const [lat, lon, nm] = numbers(prefix + 'circle', circle, 3, 'lat,lon,nm');
    latitude(prefix + 'circle', lat);
    longitude(prefix + 'circle', lon);
    if (!(nm > 0 && nm <= 10_800)) throw new ValidationError(prefix + 'circle', 'radius must be > 0 and ≤ 10800 nm');
    out.circle = { lat, lon, nm };
  }
  const box = text('box');
  if (box !== undefined) {
    const [s, n, w, e] = numbers(prefix + 'box', box, 4, 's,n,w,e');
    latitude(prefix + 'box', s);
    latitude(prefix + 'box', n);
    longitude(prefix + 'box', w);
    longitude(prefix + 'box', e);
    if (s > n) throw new ValidationError(prefix + 'box', 'south must not be north of north');
    out.box = { s, n, w, e };
  }
  return out;
}

function numbers(field: string, text: string, count: number, shape: string): number[] {
  const parts = text.split(',');
  const values = parts.map((p) => (/^\s*-?\d+(\.\d+)?\s*$/.test(p) ? Number(p) : Number.NaN));
  if (parts.length !== count || values.some((v) => !Number.isFinite(v))) throw new ValidationError(field, `must be ${shape} (${count} decimal numbers)`);
  return values;
}

function latitude(field: string, v: number): void {
  if (v < -90 || v > 90) throw new ValidationError(field, `latitude ${v} is outside -90..90`);
}

function longitude(field: string, v: number): void {
  if (v < -180 || v > 180) throw new ValidationError(field, `longitude ${v} is outside -180..180`);
}

export function isEmptyFilter(f: AircraftFilter): boolean {
  return f.callsign === undefined && f.icao === undefined && f.squawk === undefined && f.circle === undefined && f.box === undefined;
}

export function matchesAircraft(f: AircraftFilter, a: AircraftView): boolean {
  if (f.icao !== undefined && a.icao !== f.icao) return false;
  if (f.callsign !== undefined && (a.callsign === null || a.callsign.trim().toUpperCase() !== f.callsign)) return false;
  if (f.squawk !== undefined && a.squawk !== f.squawk) return false;
  if (f.circle !== undefined || f.box !== undefined) {
    if (a.latitude === null || a.longitude === null) return false;
    if (f.circle !== undefined && distanceNm(f.circle.lat, f.circle.lon, a.latitude, a.longitude) > f.circle.nm) return false;
    if (f.box !== undefined && !inBox(f.box, a.latitude, a.longitude)) return false;
  }
  return true;
}

function inBox(b: NonNullable<AircraftFilter['box']>, lat: number, lon: number): boolean {
  if (lat < b.s || lat > b.n) return false;
  return b.w <= b.e ? lon >= b.w && lon <= b.e : lon >= b.w || lon <= b.e;
}
