import { describe, expect, it } from 'vitest';
import { IcaoCache } from '../../src/modes/icao-cache.ts';

describe('IcaoCache', () => {
  it('given a confirmed address, when asked within and after the TTL, then known then unknown', () => {
    const cache = new IcaoCache(60);
    cache.confirm(0xabc123, 100);
    expect(cache.isKnown(0xabc123, 160)).toBe(true);
    expect(cache.isKnown(0xabc123, 160.5)).toBe(false);
    expect(cache.isKnown(0x123456, 100)).toBe(false);
  });

  it('given a replayed capture whose time jumps back, when asked before the confirmation time, then still known', () => {
    const cache = new IcaoCache(60);
    cache.confirm(1, 500);
    expect(cache.isKnown(1, 400)).toBe(true);
  });

  it('given unknown times, when asked, then confirmed addresses never expire', () => {
    const cache = new IcaoCache(1);
    cache.confirm(2, Number.NaN);
    expect(cache.isKnown(2, 1e9)).toBe(true);
    cache.confirm(3, 10);
    expect(cache.isKnown(3, Number.NaN)).toBe(true);
  });

  it('given many addresses long gone, when time moves on past the TTL, then they are swept', () => {
    const cache = new IcaoCache(60);
    for (let i = 0; i < 1000; i++) cache.confirm(i, 0);
    cache.confirm(5000, 30);
    cache.confirm(5001, 200);
    expect(cache.size()).toBe(1);
  });
});
