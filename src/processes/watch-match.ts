// Does an observation match a watch's criteria? One function per kind, all pure.
import { isObservation, type SkyledgerEvent, type WatchCriteria } from '../events/index.ts';

/** Mean Earth radius in nautical miles (6371.0088 km / 1.852). */
const EARTH_RADIUS_NM = 3440.069;
const EMERGENCY_SQUAWKS = new Set(['7500', '7600', '7700']);

export function matchesWatch(criteria: WatchCriteria, e: SkyledgerEvent): boolean {
  switch (criteria.kind) {
    case 'callsign':
      return e.type === 'org.skyledger.aircraft_identified.v1' && e.data.callsign.trim() === criteria.callsign;
    case 'icao':
      return isObservation(e) && e.subject === criteria.icao;
    case 'squawk':
      return e.type === 'org.skyledger.squawk_received.v1' && e.data.squawk === criteria.squawk;
    case 'emergency':
      return e.type === 'org.skyledger.squawk_received.v1' &&
        (EMERGENCY_SQUAWKS.has(e.data.squawk) || (e.data.emergency !== undefined && e.data.emergency !== 'none'));
    case 'area': {
      if (e.type !== 'org.skyledger.position_reported.v1') return false;
      const d = e.data;
      if (criteria.max_altitude_ft !== null) {
        // A surface position is below any ceiling; an airborne one without altitude cannot be shown to be.
        const altitude = d.on_ground ? 0 : d.altitude;
        if (altitude === null || altitude > criteria.max_altitude_ft) return false;
      }
      return distanceNm(criteria.latitude, criteria.longitude, d.latitude, d.longitude) <= criteria.radius_nm;
    }
    default:
      return false;
  }
}

/** Great-circle distance (haversine) in nautical miles. */
export function distanceNm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_NM * Math.asin(Math.min(1, Math.sqrt(a)));
}
