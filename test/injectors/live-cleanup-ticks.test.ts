import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SkyledgerEvent } from '../../src/events/index.ts';
import { CleanupTicker, startLiveCleanupTicks } from '../../src/injectors/index.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('live cleanup ticks', () => {
  it('given the machine clock crossing interval boundaries, then one tick per boundary is appended with its max age', () => {
    vi.useFakeTimers();
    let clock = Date.UTC(2026, 0, 1, 12, 0, 30);
    const appended: SkyledgerEvent[] = [];
    const stop = startLiveCleanupTicks(new CleanupTicker('roof', { intervalSeconds: 60, maxAgeSeconds: 120 }), (e) => appended.push(...e), () => clock);
    for (let i = 0; i < 12; i++) {
      clock += 10_000;
      vi.advanceTimersByTime(10_000);
    }
    stop();
    expect(appended.map((e) => e.time)).toEqual(['2026-01-01T12:01:00.000000Z', '2026-01-01T12:02:00.000000Z']);
    expect(appended.every((e) => e.source === '/receivers/roof' && (e.data as { max_age_seconds: number }).max_age_seconds === 120)).toBe(true);
    clock += 600_000;
    vi.advanceTimersByTime(600_000);
    expect(appended).toHaveLength(2);
  });
});
