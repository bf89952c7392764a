import { describe, expect, it } from 'vitest';
import { decodeId13, emergencyFromModeA, id13ToModeA } from '../../src/modes/identity.ts';
import { describeShared } from '../helpers/shared.ts';
import { VECTORS_FILE, vectors } from './vectors.ts';

describe('identity (squawk) field', () => {
  it('given the ID13 field with only A4 and D1 set, when decoded, then the squawk is 4001', () => {
    expect(decodeId13(0x80 | 0x10)).toBe('4001');
  });

  it('given the emergency codes, when their emergency is asked, then 7500/7600/7700 map to unlawful/nordo/general', () => {
    expect(emergencyFromModeA(0o7500)).toBe('unlawful');
    expect(emergencyFromModeA(0o7600)).toBe('nordo');
    expect(emergencyFromModeA(0o7700)).toBe('general');
    expect(emergencyFromModeA(0o1200)).toBe('none');
  });

  it('given the X bit set, when decoded, then it does not change the code', () => {
    expect(id13ToModeA(0x40)).toBe(0);
  });
});

describeShared('identity field against published vectors', [VECTORS_FILE], () => {
  it('given the published ID13 fields, when decoded, then the squawks match', () => {
    const cases = vectors('squawk_field');
    expect(cases.length).toBeGreaterThan(2);
    for (const v of cases) expect(decodeId13(v.id13!), v.id).toBe(v.expect.squawk);
  });
});
