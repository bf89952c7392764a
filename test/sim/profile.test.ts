import { describe, expect, it } from 'vitest';
import { Profile } from '../../src/sim/profile.ts';

describe('Profile', () => {
  // A take-off: standing until 10 s, 0 → 160 kt by 40 s, then steady.
  const speed = new Profile([[10, 0], [40, 160]]);

  it('holds its end values and interpolates between knots', () => {
    expect(speed.valueAt(0)).toBe(0);
    expect(speed.valueAt(25)).toBe(80);
    expect(speed.valueAt(100)).toBe(160);
    expect(speed.slopeAt(25)).toBeCloseTo(160 / 30, 12);
    expect(speed.slopeAt(100)).toBe(0);
  });

  it('integrates exactly: distance under a ramp and at constant speed', () => {
    expect(speed.integralTo(10)).toBe(0);
    expect(speed.integralTo(40)).toBeCloseTo(0.5 * 30 * 160, 9);
    expect(speed.integralTo(50)).toBeCloseTo(0.5 * 30 * 160 + 1600, 9);
    const cruise = Profile.constant(450);
    expect(cruise.integralTo(-2)).toBe(-900);
  });
});
