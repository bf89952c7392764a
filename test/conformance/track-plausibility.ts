// The check a decoded track must pass: consecutive fixes of one aircraft are never further apart
// than a speed bound allows in the time between them.
import { greatCircleMeters } from '../../src/modes/cpr.ts';

export interface Fix {
  t: number;
  lat: number;
  lon: number;
}

const METERS_PER_NM = 1852;

/**
 * Consecutive fixes whose distance exceeds `maxKnots` × (elapsed + `timeResolutionS`). The time
 * resolution term covers corpora whose timestamps are whole seconds (two fixes in one "second").
 */
export function implausibleSteps(fixes: Fix[], maxKnots: number, timeResolutionS = 0): Array<{ from: Fix; to: Fix; knots: number }> {
  const bad: Array<{ from: Fix; to: Fix; knots: number }> = [];
  for (let i = 1; i < fixes.length; i++) {
    const from = fixes[i - 1];
    const to = fixes[i];
    const nm = greatCircleMeters(from.lat, from.lon, to.lat, to.lon) / METERS_PER_NM;
    const hours = (Math.abs(to.t - from.t) + timeResolutionS) / 3600;
    if (nm > maxKnots * hours) bad.push({ from, to, knots: hours > 0 ? nm / hours : Infinity });
  }
  return bad;
}
