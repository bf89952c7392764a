// Compact Position Reporting (DO-260B §A.1.7): the NL table and the global (even+odd pair),
// surface and local (reference-relative) decodings. CPR values are the raw 17-bit fields.
// Every decoder writes into a caller-owned Float64Array (out[0] = lat, out[1] = lon) so a
// decode allocates nothing.
import type { CprRejectReason } from './message.ts';

const NZ = 15;
const CPR_SCALE = 131072; // 2^17: the 17-bit fraction of a zone

// NL changes at these latitudes; TRANSITIONS[i] is where NL falls from 59 - i to 58 - i
// (i = 0..56, NL 59 → 3). Above 87° NL is 1 and at exactly ±87° it is still 2 (the spec's
// own table); the formula's last transition is 87° itself, so it is handled by comparison.
const TRANSITIONS: Float64Array = Float64Array.from({ length: 57 }, (_, i) => {
  const nl = 59 - i;
  const a = 1 - Math.cos(Math.PI / (2 * NZ));
  const b = 1 - Math.cos((2 * Math.PI) / nl);
  return (180 / Math.PI) * Math.acos(Math.sqrt(a / b));
});

// NL at the start of each quarter-degree band of |lat|. Transitions are at least 0.46° apart, so
// a band holds at most one: one table read and one comparison give NL.
const BANDS_PER_DEGREE = 4;
const BAND_NL: Uint8Array = Uint8Array.from({ length: 87 * BANDS_PER_DEGREE + 1 }, (_, band) => {
  const a = band / BANDS_PER_DEGREE;
  let count = 0;
  while (count < TRANSITIONS.length && TRANSITIONS[count] <= a) count++;
  return 59 - count;
});

/** Number of longitude zones at a latitude (1–59). */
export function cprNL(lat: number): number {
  const a = lat < 0 ? -lat : lat;
  if (a > 87) return 1;
  const nl = BAND_NL[(a * BANDS_PER_DEGREE) | 0];
  // Within the band, NL may still fall once (never below 2: 87° itself is NL 2).
  return nl > 2 && a >= TRANSITIONS[59 - nl] ? nl - 1 : nl;
}

/** The latitude where NL falls from `nl` to `nl - 1` (nl 3–59; nl 2 gives 87). For tests and encoders. */
export function cprTransitionLatitude(nl: number): number {
  return nl === 2 ? 87 : TRANSITIONS[59 - nl];
}

function mod(x: number, y: number): number {
  return x - y * Math.floor(x / y);
}

function normaliseLon(lon: number): number {
  return lon - 360 * Math.floor((lon + 180) / 360);
}

/**
 * Global airborne decoding of an even/odd pair. The result uses the newer frame's latitude and
 * longitude zones, as the position is "now". Returns undefined on success, else the reason.
 */
export function decodeAirborneGlobal(
  evenLat: number, evenLon: number, oddLat: number, oddLon: number, oddIsNewer: boolean, out: Float64Array,
): CprRejectReason | undefined {
  return decodeGlobal(360, evenLat, evenLon, oddLat, oddLon, oddIsNewer, out);
}

/**
 * Global surface decoding. Surface CPR zones span 90°, so the pair fixes a position only up to
 * the hemisphere (north/south) and the 90° longitude quadrant: the candidates nearest the
 * reference are chosen.
 */
export function decodeSurfaceGlobal(
  refLat: number, refLon: number,
  evenLat: number, evenLon: number, oddLat: number, oddLon: number, oddIsNewer: boolean, out: Float64Array,
): CprRejectReason | undefined {
  const reason = decodeGlobal(90, evenLat, evenLon, oddLat, oddLon, oddIsNewer, out, refLat);
  if (reason !== undefined) return reason;
  // The longitude is known modulo 90°: move it into the quadrant centred on the reference.
  const lon = out[1];
  out[1] = normaliseLon(lon + 90 * Math.floor((refLon - lon + 45) / 90));
  return undefined;
}

function decodeGlobal(
  span: number,
  evenLat: number, evenLon: number, oddLat: number, oddLon: number, oddIsNewer: boolean, out: Float64Array,
  refLat?: number,
): CprRejectReason | undefined {
  const dLat0 = span / 60;
  const dLat1 = span / 59;
  const yz0 = evenLat / CPR_SCALE;
  const yz1 = oddLat / CPR_SCALE;
  // Latitude zone index: the difference between the even and odd fractions counts zones.
  const j = Math.floor(59 * yz0 - 60 * yz1 + 0.5);
  let lat0 = dLat0 * (mod(j, 60) + yz0);
  let lat1 = dLat1 * (mod(j, 59) + yz1);
  if (refLat === undefined) {
    // Candidates lie in [0, 360); southern latitudes come out as 270..360. Using 180 as the
    // cut (instead of 270) keeps -90 reachable when rounding lands a hair below 270.
    if (lat0 >= 180) lat0 -= 360;
    if (lat1 >= 180) lat1 -= 360;
    if (lat0 < -90 || lat0 > 90 || lat1 < -90 || lat1 > 90) return 'global_bad_latitude';
  } else {
    // Surface candidates lie in [0, 90); the southern solution is 90° lower. Take the one
    // nearer the reference: the northern one unless it is more than 45° north of it.
    if (lat0 - refLat > 45) lat0 -= 90;
    if (lat1 - refLat > 45) lat1 -= 90;
  }
  const nl = cprNL(lat0);
  if (nl !== cprNL(lat1)) return 'global_nl_mismatch';

  const xz0 = evenLon / CPR_SCALE;
  const xz1 = oddLon / CPR_SCALE;
  const m = Math.floor(xz0 * (nl - 1) - xz1 * nl + 0.5);
  let lat: number;
  let lon: number;
  if (oddIsNewer) {
    const ni = nl > 1 ? nl - 1 : 1;
    lat = lat1;
    lon = (span / ni) * (mod(m, ni) + xz1);
  } else {
    const ni = nl;
    lat = lat0;
    lon = (span / ni) * (mod(m, ni) + xz0);
  }
  out[0] = lat;
  out[1] = normaliseLon(lon);
  return undefined;
}

/**
 * Local decoding relative to a reference closer than half a zone to the true position (the
 * caller limits the range). Writes an unchecked result; a garbage reference gives garbage.
 */
export function decodeLocal(
  refLat: number, refLon: number, cprLat: number, cprLon: number, odd: boolean, surface: boolean, out: Float64Array,
): void {
  const span = surface ? 90 : 360;
  const dLat = span / (odd ? 59 : 60);
  const yz = cprLat / CPR_SCALE;
  // floor(ref/dLat) + floor(0.5 + mod(ref, dLat)/dLat - yz) written as one floor: the two-step
  // form goes wrong when ref sits on a zone boundary and division and mod round differently.
  const j = Math.floor(refLat / dLat + 0.5 - yz);
  const lat = dLat * (j + yz);
  const nl = cprNL(lat) - (odd ? 1 : 0);
  const dLon = span / (nl > 1 ? nl : 1);
  const xz = cprLon / CPR_SCALE;
  const m = Math.floor(refLon / dLon + 0.5 - xz);
  out[0] = lat;
  out[1] = normaliseLon(dLon * (m + xz));
}

const EARTH_RADIUS_M = 6371e3;
const RAD = Math.PI / 180;

/** Great-circle distance in metres on a spherical Earth (haversine, accurate at short range). */
export function greatCircleMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s1 = Math.sin(dLat / 2);
  const s2 = Math.sin(dLon / 2);
  const h = s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
