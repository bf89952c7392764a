import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_M, distanceM, initialBearing, travel } from '../../src/sim/great-circle.ts';

const at = () => ({ lat: 0, lon: 0, track: 0 });

describe('great-circle navigation', () => {
  it('flies one degree of arc north along a meridian', () => {
    const out = at();
    travel(0, 10, 0, (EARTH_RADIUS_M * Math.PI) / 180, out);
    expect(out.lat).toBeCloseTo(1, 9);
    expect(out.lon).toBeCloseTo(10, 9);
    expect(out.track).toBeCloseTo(0, 9);
  });

  it('arrives where distance and initial bearing say, with the course turning along the circle', () => {
    // Frankfurt to New York: the great circle leaves north-west and arrives heading south-west.
    const [lat1, lon1, lat2, lon2] = [50.03, 8.57, 40.64, -73.78];
    const d = distanceM(lat1, lon1, lat2, lon2);
    expect(d / 1000).toBeGreaterThan(6150);
    expect(d / 1000).toBeLessThan(6230);
    const out = at();
    travel(lat1, lon1, initialBearing(lat1, lon1, lat2, lon2), d, out);
    expect(distanceM(out.lat, out.lon, lat2, lon2)).toBeLessThan(1);
    expect(initialBearing(lat1, lon1, lat2, lon2)).toBeGreaterThan(290);
    expect(out.track).toBeGreaterThan(225);
    expect(out.track).toBeLessThan(260);
  });

  it('goes backwards for a negative distance while the track keeps pointing the way of travel', () => {
    const out = at();
    travel(48, 11, 90, -50_000, out);
    expect(out.lon).toBeLessThan(11);
    expect(distanceM(48, 11, out.lat, out.lon)).toBeCloseTo(50_000, 3);
    expect(out.track).toBeGreaterThan(89);
    expect(out.track).toBeLessThan(90);
  });

  it('wraps longitude across the antimeridian', () => {
    const out = at();
    travel(0, 179.9, 90, 50_000, out);
    expect(out.lon).toBeLessThan(-179);
  });
});
