import { expect, it } from 'vitest';
import { encodeCpr } from '../../../src/modes/encode/index.ts';
import { describeShared, readShared } from '../../helpers/shared.ts';

interface Vector { id: string; expect: Record<string, number> }

function vector(id: string): Vector {
  const all = JSON.parse(readShared('vectors.json').toString('utf8')) as { vectors: Vector[] };
  return all.vectors.find((v) => v.id === id)!;
}

describeShared('CPR encoder against the book', ['vectors.json'], () => {
  it('given the book even fix (52.2572021484375, 3.91937255859375), then the even CPR values are the printed ones', () => {
    const v = vector('cpr-air-global-40621d-book');
    const code = encodeCpr(v.expect.lat_even, v.expect.lon, false, false);
    expect(code).toEqual({ lat: v.expect.even_lat_cpr, lon: v.expect.even_lon_cpr });
  });

  it('given the book odd latitude, then the odd CPR latitude is the printed one', () => {
    const v = vector('cpr-air-global-40621d-book');
    expect(encodeCpr(v.expect.lat_odd, v.expect.lon, true, false).lat).toBe(v.expect.odd_lat_cpr);
  });

  it('given the book surface odd fix, then the surface CPR values are the printed ones', () => {
    const v = vector('cpr-surf-local-484175-odd-book');
    expect(encodeCpr(v.expect.latitude, v.expect.longitude, true, true)).toEqual({ lat: v.expect.lat_cpr, lon: v.expect.lon_cpr });
  });
});

it('given a latitude that rounds up to the next zone, then the 17-bit value wraps to 0 instead of overflowing', () => {
  const dLat = 6;
  const code = encodeCpr(dLat * 10 - 1e-9, 0, false, false);
  expect(code.lat).toBe(0);
});

it('given an output object, then it is filled and returned (no allocation)', () => {
  const out = { lat: -1, lon: -1 };
  expect(encodeCpr(10, 10, true, false, out)).toBe(out);
  expect(out.lat).toBeGreaterThanOrEqual(0);
  expect(out.lat).toBeLessThan(131072);
});
