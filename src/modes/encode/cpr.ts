// CPR encoding (DO-260B §A.1.7.9): a position to the 17-bit latitude/longitude fields of an
// even or odd frame. The longitude zone count comes from the *quantised* latitude, as a decoder
// will see it, so encoder and decoder always agree on NL.
import { cprNL } from '../cpr.ts';

const CPR_SCALE = 131072;

export interface CprCode {
  lat: number;
  lon: number;
}

/** 17-bit CPR values for a position. Surface frames use 90° zones. `out` is reused when given. */
export function encodeCpr(lat: number, lon: number, odd: boolean, surface: boolean, out: CprCode = { lat: 0, lon: 0 }): CprCode {
  const span = surface ? 90 : 360;
  const dLat = span / (odd ? 59 : 60);
  const zonesLat = lat / dLat;
  const zoneLat = Math.floor(zonesLat);
  const yz = Math.floor(CPR_SCALE * (zonesLat - zoneLat) + 0.5);
  const quantisedLat = dLat * (zoneLat + yz / CPR_SCALE);
  const ni = cprNL(quantisedLat) - (odd ? 1 : 0);
  const dLon = span / (ni > 0 ? ni : 1);
  const zonesLon = lon / dLon;
  const xz = Math.floor(CPR_SCALE * (zonesLon - Math.floor(zonesLon)) + 0.5);
  out.lat = yz % CPR_SCALE;
  out.lon = xz % CPR_SCALE;
  return out;
}
