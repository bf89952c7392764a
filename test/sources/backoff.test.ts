import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/sources/backoff.ts';

describe('Backoff', () => {
  it('doubles from the first delay, jittered within [base/2, base], and stays under the cap', () => {
    // given jitter pinned at its low and high ends
    const low = new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0 });
    const high = new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0.999999 });
    // when asked repeatedly
    const lows = Array.from({ length: 7 }, () => low.next());
    const highs = Array.from({ length: 7 }, () => high.next());
    // then the bases go 100, 200, 400, 800, 1000, 1000 … and each delay lies in its jitter band
    expect(lows).toEqual([50, 100, 200, 400, 500, 500, 500]);
    expect(highs).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it('starts over after a reset', () => {
    const b = new Backoff({ initialMs: 10, maxMs: 1000, random: () => 0 });
    b.next();
    b.next();
    b.next();
    b.reset();
    expect(b.next()).toBe(5);
  });
});
