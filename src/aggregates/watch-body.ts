// The body of `POST /api/watches`, checked field by field: exactly one thing to match, an optional
// webhook URL and label. Every refusal names the field, so the API can answer 400 with it.
import { ValidationError } from '../app/command-errors.ts';
import type { WatchCriteria } from '../events/index.ts';

export interface WatchBody {
  criteria: WatchCriteria;
  label: string | null;
  /** The plain URL; the shell seals it before it goes into an event. */
  webhook: string | null;
}

/** Beyond a home receiver's horizon (~250 nm at FL400) a radius only matches more noise. */
export const MAX_RADIUS_NM = 500;
export const MAX_LABEL_LENGTH = 100;
export const MAX_URL_LENGTH = 2048;

const KINDS = ['callsign', 'icao', 'squawk', 'emergency', 'area'] as const;
const KNOWN = new Set<string>([...KINDS, 'webhook', 'label']);

export function parseWatchBody(body: unknown): WatchBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ValidationError('body', 'must be a JSON object');
  const o = body as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) throw new ValidationError(key, `is not a known field (${[...KNOWN].join(', ')})`);
  }
  const present = KINDS.filter((k) => o[k] !== undefined);
  if (present.length === 0) throw new ValidationError('body', `needs one of ${KINDS.join(', ')}`);
  if (present.length > 1) throw new ValidationError(present[1], `a watch matches one thing; ${present.join(' and ')} given`);
  return { criteria: criteriaOf(present[0], o[present[0]]), label: labelOf(o.label), webhook: webhookOf(o.webhook) };
}

function criteriaOf(kind: (typeof KINDS)[number], v: unknown): WatchCriteria {
  switch (kind) {
    case 'callsign': {
      const callsign = typeof v === 'string' ? v.trim().toUpperCase() : '';
      if (!/^[A-Z0-9]{1,8}$/.test(callsign)) throw new ValidationError('callsign', 'must be 1–8 letters A–Z or digits');
      return { kind, callsign };
    }
    case 'icao': {
      const icao = typeof v === 'string' ? v.trim().toUpperCase() : '';
      if (!/^[0-9A-F]{6}$/.test(icao)) throw new ValidationError('icao', 'must be 6 hexadecimal digits');
      return { kind, icao };
    }
    case 'squawk':
      if (typeof v !== 'string' || !/^[0-7]{4}$/.test(v)) throw new ValidationError('squawk', 'must be 4 octal digits (0–7), as a string');
      return { kind, squawk: v };
    case 'emergency':
      if (v !== true) throw new ValidationError('emergency', 'must be true');
      return { kind };
    case 'area':
      return areaOf(v);
  }
}

function areaOf(v: unknown): WatchCriteria {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ValidationError('area', 'must be an object {lat, lon, radius_nm, max_altitude_ft?}');
  const a = v as Record<string, unknown>;
  for (const key of Object.keys(a)) {
    if (!['lat', 'lon', 'radius_nm', 'max_altitude_ft'].includes(key)) throw new ValidationError(`area.${key}`, 'is not a known field (lat, lon, radius_nm, max_altitude_ft)');
  }
  const latitude = numberIn(a.lat, 'area.lat', -90, 90);
  const longitude = numberIn(a.lon, 'area.lon', -180, 180);
  const radius = numberIn(a.radius_nm, 'area.radius_nm', 0, MAX_RADIUS_NM);
  if (radius <= 0) throw new ValidationError('area.radius_nm', 'must be greater than 0');
  const max = a.max_altitude_ft === undefined || a.max_altitude_ft === null ? null : numberIn(a.max_altitude_ft, 'area.max_altitude_ft', -1500, 100_000);
  return { kind: 'area', latitude, longitude, radius_nm: radius, max_altitude_ft: max };
}

function numberIn(v: unknown, field: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValidationError(field, 'must be a number');
  if (v < min || v > max) throw new ValidationError(field, `must be between ${min} and ${max}`);
  return v;
}

function labelOf(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new ValidationError('label', 'must be a string');
  if (v.length > MAX_LABEL_LENGTH) throw new ValidationError('label', `must be at most ${MAX_LABEL_LENGTH} characters`);
  return v;
}

function webhookOf(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v.length > MAX_URL_LENGTH) throw new ValidationError('webhook', `must be a URL of at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new ValidationError('webhook', 'must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ValidationError('webhook', 'must be an http or https URL');
  return v;
}
