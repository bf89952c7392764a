import { describe, expect, it } from 'vitest';
import { decodeAc12, decodeAc13, gillhamToAltitude, isMetricAc13 } from '../../src/modes/altitude.ts';
import { describeShared } from '../helpers/shared.ts';
import { VECTORS_FILE, vectors } from './vectors.ts';

describe('altitude fields', () => {
  it('given a 25-ft AC13 field (Q set), when decoded, then it counts 25-ft steps from -1000 ft', () => {
    expect(decodeAc13(0x0010)).toBe(-1000);
    expect(decodeAc13(0x1030)).toBe(25000);
  });

  it('given an all-zero field, when decoded, then altitude is unavailable (NaN)', () => {
    expect(decodeAc13(0)).toBeNaN();
    expect(decodeAc12(0)).toBeNaN();
  });

  it('given an AC13 field with the M bit, when decoded, then it is metric and converted to feet', () => {
    // M set, remaining 12 bits = 100 (metres).
    const field = ((100 & 0xfc0) << 1) | 0x40 | (100 & 0x3f);
    expect(isMetricAc13(field)).toBe(true);
    expect(decodeAc13(field)).toBe(328);
  });

  it('given a Gillham code with an invalid 100-ft part (C bits all clear), when decoded, then NaN', () => {
    expect(gillhamToAltitude(0x0040 & ~0x40)).toBeNaN();
    expect(decodeAc13(0x1500)).toBeNaN();
  });

  it('given the same altitude in AC12 and AC13 layouts, when decoded, then both agree', () => {
    for (let n = 1; n < 2048; n += 37) {
      const ac12 = ((n & 0x7f0) << 1) | 0x10 | (n & 0xf);
      const ac13 = ((n & 0x7e0) << 2) | ((n & 0x10) << 1) | 0x10 | (n & 0xf);
      expect(decodeAc12(ac12)).toBe(decodeAc13(ac13));
      expect(decodeAc12(ac12)).toBe(n * 25 - 1000);
    }
  });
});

describeShared('altitude fields against published vectors', [VECTORS_FILE], () => {
  it('given every published AC12 field, when decoded, then the altitude matches', () => {
    const cases = vectors('altitude_field').filter((v) => v.ac12 !== undefined);
    expect(cases.length).toBeGreaterThan(5);
    for (const v of cases) {
      const got = decodeAc12(v.ac12!);
      if (v.expect.altitude === null) expect(got, v.id).toBeNaN();
      else expect(got, v.id).toBe(v.expect.altitude);
    }
  });

  it('given every published non-metric AC13 field, when decoded, then the altitude matches', () => {
    const cases = vectors('altitude_field').filter((v) => v.ac13 !== undefined && !isMetricAc13(v.ac13));
    expect(cases.length).toBeGreaterThan(4);
    for (const v of cases) {
      const got = decodeAc13(v.ac13!);
      if (v.expect.altitude === null) expect(got, v.id).toBeNaN();
      else if (Array.isArray(v.expect.altitude_range)) {
        const [lo, hi] = v.expect.altitude_range as [number, number];
        expect(got, v.id).toBeGreaterThan(lo);
        expect(got, v.id).toBeLessThan(hi);
      } else expect(got, v.id).toBe(v.expect.altitude);
    }
  });

  it('given the 15 published Gillham codes, when decoded, then the altitudes match from -1000 to 126700 ft', () => {
    const cases = vectors('altitude_gillham');
    expect(cases).toHaveLength(15);
    for (const v of cases) expect(gillhamToAltitude(v.ac13_derived!), v.id).toBe(v.expect.altitude);
  });
});
