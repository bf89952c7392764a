// Geometry the map draws without tiles: distances from the receiver, range rings and a plain
// latitude/longitude grid whose spacing follows the zoom.

const EARTH_RADIUS_NM = 3440.065;
const RAD = Math.PI / 180;

export function distanceNm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_NM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const NM_IN_METRES = 1852;

/** Ring radii (nm) that suit a receiver's usual range: every 50 nm out to 250. */
export const RANGE_RINGS_NM: readonly number[] = [50, 100, 150, 200, 250];

/** Grid spacing in degrees for a view spanning `spanDegrees` of latitude: about 4–10 lines. */
export function gridStep(spanDegrees: number): number {
  const steps = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30];
  for (const s of steps) if (spanDegrees / s <= 10) return s;
  return 30;
}

export interface GridLine {
  /** `lat` lines run east–west at a latitude; `lon` lines run north–south. */
  axis: 'lat' | 'lon';
  value: number;
  label: string;
}

/** Grid lines covering the bounds, at multiples of the step. */
export function gridLines(south: number, north: number, west: number, east: number): GridLine[] {
  const step = gridStep(Math.max(north - south, 1e-6));
  const lines: GridLine[] = [];
  const fmt = (v: number, pos: string, neg: string): string => `${Math.abs(Number(v.toFixed(2)))}°${v >= 0 ? pos : neg}`;
  for (let v = Math.ceil(Math.max(south, -85) / step) * step; v <= Math.min(north, 85); v += step) {
    const lat = Number(v.toFixed(6));
    lines.push({ axis: 'lat', value: lat, label: fmt(lat, 'N', 'S') });
  }
  for (let v = Math.ceil(west / step) * step; v <= east && lines.length < 200; v += step) {
    const lon = Number(v.toFixed(6));
    const wrapped = ((((lon + 180) % 360) + 360) % 360) - 180;
    lines.push({ axis: 'lon', value: lon, label: fmt(wrapped, 'E', 'W') });
  }
  return lines;
}
