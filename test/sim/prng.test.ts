import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/sim/prng.ts';

function draw(p: Prng, n: number): number[] {
  return Array.from({ length: n }, () => p.uint32());
}

describe('Prng', () => {
  it('repeats its sequence for the same seed and differs for neighbouring seeds', () => {
    expect(draw(new Prng(42), 100)).toEqual(draw(new Prng(42), 100));
    const a = draw(new Prng(1), 100);
    const b = draw(new Prng(2), 100);
    expect(a.filter((x, i) => x === b[i]).length).toBe(0);
  });

  it('covers [0, 1) evenly and keeps integers inside their inclusive bounds', () => {
    const p = new Prng(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) buckets[Math.floor(p.next() * 10)]++;
    for (const count of buckets) expect(count).toBeGreaterThan(1_800);
    const seen = new Set<number>();
    for (let i = 0; i < 1_000; i++) {
      const x = p.int(3, 6);
      expect(x).toBeGreaterThanOrEqual(3);
      expect(x).toBeLessThanOrEqual(6);
      seen.add(x);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('draws normal deviates with mean 0 and unit spread', () => {
    const p = new Prng(11);
    const xs = Array.from({ length: 20_000 }, () => p.gaussian());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(sd).toBeGreaterThan(0.97);
    expect(sd).toBeLessThan(1.03);
  });

  it('forks children that are reproducible but independent of their parent', () => {
    const parent = new Prng(5);
    const child = parent.fork();
    const again = new Prng(5).fork();
    expect(draw(child, 20)).toEqual(draw(again, 20));
    expect(draw(parent, 20)).not.toEqual(draw(new Prng(5).fork(), 20));
  });
});
