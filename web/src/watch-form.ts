// The watch form's values → the `POST /api/watches` body, and how watches and alerts read in the
// lists. Pure, so the unit tests check the bodies the server expects.
import type { PushedEvent } from './aircraft-book.ts';

export interface WatchFormValues {
  kind: string;
  value: string;
  label: string;
  lat: string;
  lon: string;
  radius: string;
  maxAltitude: string;
}

export function watchBody(v: WatchFormValues): { body: Record<string, unknown> } | { error: string } {
  const value = v.value.trim();
  const label = v.label.trim();
  const withLabel = (body: Record<string, unknown>): { body: Record<string, unknown> } => ({ body: label === '' ? body : { ...body, label } });
  switch (v.kind) {
    case 'callsign':
      if (!/^[A-Za-z0-9]{1,8}$/.test(value)) return { error: 'A callsign is 1–8 letters or digits.' };
      return withLabel({ callsign: value.toUpperCase() });
    case 'icao':
      if (!/^[0-9A-Fa-f]{6}$/.test(value)) return { error: 'An ICAO address is 6 hex digits.' };
      return withLabel({ icao: value.toUpperCase() });
    case 'squawk':
      if (!/^[0-7]{4}$/.test(value)) return { error: 'A squawk is 4 octal digits (0–7).' };
      return withLabel({ squawk: value });
    case 'emergency':
      return withLabel({ emergency: true });
    case 'area': {
      const lat = Number(v.lat);
      const lon = Number(v.lon);
      const radius = Number(v.radius);
      if (v.lat.trim() === '' || !(Math.abs(lat) <= 90)) return { error: 'Latitude is -90 to 90.' };
      if (v.lon.trim() === '' || !(Math.abs(lon) <= 180)) return { error: 'Longitude is -180 to 180.' };
      if (!(radius > 0)) return { error: 'Radius is a positive number of nautical miles.' };
      const area: Record<string, number> = { lat, lon, radius_nm: radius };
      if (v.maxAltitude.trim() !== '') {
        const max = Number(v.maxAltitude);
        if (!Number.isFinite(max)) return { error: 'Maximum altitude is a number of feet.' };
        area.max_altitude_ft = max;
      }
      return withLabel({ area });
    }
    default:
      return { error: `Unknown watch kind ${v.kind}.` };
  }
}

/** One line for a watch from `GET /api/watches`, whichever shape its criteria come in. */
export function describeWatch(w: Record<string, unknown>): string {
  const c = (w.criteria ?? w) as Record<string, unknown>;
  let what: string;
  if (typeof c.callsign === 'string') what = `callsign ${c.callsign}`;
  else if (typeof c.icao === 'string') what = `ICAO ${c.icao}`;
  else if (typeof c.squawk === 'string') what = `squawk ${c.squawk}`;
  else if (c.kind === 'emergency' || c.emergency === true) what = 'any emergency';
  else if (c.kind === 'area' || typeof c.area === 'object') {
    const a = (c.area ?? c) as Record<string, unknown>;
    what = `within ${String(a.radius_nm)} nm of ${String(a.lat ?? a.latitude)}, ${String(a.lon ?? a.longitude)}`;
  } else what = JSON.stringify(c);
  return typeof w.label === 'string' && w.label !== '' ? `${w.label}: ${what}` : what;
}

export function describeAlert(e: PushedEvent): string {
  const d = e.data ?? {};
  const who = typeof d.callsign === 'string' && d.callsign !== '' ? `${d.callsign} (${String(d.icao)})` : String(d.icao ?? e.subject ?? '?');
  if (e.type.includes('flight_lost')) return `${who} lost`;
  const extra = [
    typeof d.squawk === 'string' ? `squawk ${d.squawk}` : '',
    typeof d.altitude === 'number' ? `${d.altitude} ft` : '',
    typeof d.emergency === 'string' && d.emergency !== 'none' ? `EMERGENCY ${d.emergency}` : '',
  ].filter(Boolean);
  return `${who} spotted${extra.length ? `, ${extra.join(', ')}` : ''}`;
}
