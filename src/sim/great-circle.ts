// Spherical-earth navigation for simulated flights: where you end up after flying a distance
// along a great circle, how far apart two points are, and the course between them. A sphere is
// plenty here: the truth and the frames are both computed from the same formulas, and CPR encodes
// whatever latitude/longitude it is given.

export const EARTH_RADIUS_M = 6_371_008.8;
export const METRES_PER_NM = 1852;
export const MPS_PER_KNOT = METRES_PER_NM / 3600;

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

export interface LatLon {
  lat: number;
  lon: number;
}

/** Great-circle distance in metres (haversine). */
export function distanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial course from point 1 to point 2, degrees clockwise from true north in [0, 360). */
export function initialBearing(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const φ1 = lat1 * RAD;
  const φ2 = lat2 * RAD;
  const dλ = (lon2 - lon1) * RAD;
  const y = Math.sin(dλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(dλ);
  return normalizeDegrees(Math.atan2(y, x) * DEG);
}

/**
 * The point reached from (lat, lon) after `distance` metres on the great circle leaving with
 * `bearing`; a negative distance goes backwards along the same circle. Writes into `out` (and the
 * course there, in degrees, into `out.track`) so a caller stepping many frames allocates nothing.
 */
export function travel(lat: number, lon: number, bearing: number, distance: number, out: LatLon & { track: number }): void {
  // Unit vectors: p1 the start, t1 the unit tangent of the course there. Moving δ radians along
  // the circle gives p2 = p1·cosδ + t1·sinδ with tangent t2 = −p1·sinδ + t1·cosδ, which holds
  // for negative δ too (the track stays the direction of travel).
  const δ = distance / EARTH_RADIUS_M;
  const θ = bearing * RAD;
  const sinφ1 = Math.sin(lat * RAD), cosφ1 = Math.cos(lat * RAD);
  const sinλ1 = Math.sin(lon * RAD), cosλ1 = Math.cos(lon * RAD);
  const sinθ = Math.sin(θ), cosθ = Math.cos(θ);
  const p1x = cosφ1 * cosλ1, p1y = cosφ1 * sinλ1, p1z = sinφ1;
  const t1x = -sinφ1 * cosλ1 * cosθ - sinλ1 * sinθ;
  const t1y = -sinφ1 * sinλ1 * cosθ + cosλ1 * sinθ;
  const t1z = cosφ1 * cosθ;
  const sinδ = Math.sin(δ), cosδ = Math.cos(δ);
  const p2x = p1x * cosδ + t1x * sinδ, p2y = p1y * cosδ + t1y * sinδ, p2z = p1z * cosδ + t1z * sinδ;
  const t2x = t1x * cosδ - p1x * sinδ, t2y = t1y * cosδ - p1y * sinδ, t2z = t1z * cosδ - p1z * sinδ;
  const φ2 = Math.asin(Math.max(-1, Math.min(1, p2z)));
  const λ2 = Math.atan2(p2y, p2x);
  const sinφ2 = Math.sin(φ2), cosφ2 = Math.cos(φ2), sinλ2 = Math.sin(λ2), cosλ2 = Math.cos(λ2);
  const east = -sinλ2 * t2x + cosλ2 * t2y;
  const north = -sinφ2 * cosλ2 * t2x - sinφ2 * sinλ2 * t2y + cosφ2 * t2z;
  out.lat = φ2 * DEG;
  out.lon = normalizeLongitude(λ2 * DEG);
  out.track = normalizeDegrees(Math.atan2(east, north) * DEG);
}

export function normalizeDegrees(deg: number): number {
  const d = deg % 360;
  return d < 0 ? d + 360 : d;
}

export function normalizeLongitude(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}
