import { describe, expect, it } from 'vitest';
import { corruptFrame } from '../../src/sim/corruption.ts';
import { Prng } from '../../src/sim/prng.ts';

function differingBits(a: Uint8Array, b: Uint8Array): number[] {
  const bits: number[] = [];
  for (let i = 0; i < a.length * 8; i++) if (((a[i >> 3] ^ b[i >> 3]) >> (7 - (i & 7))) & 1) bits.push(i);
  return bits;
}

describe('corruptFrame', () => {
  it('flips exactly as many bits as it reports, single flips sparing the DF field', () => {
    const p = new Prng(9);
    const counts = new Map<number, number>();
    for (let i = 0; i < 4_000; i++) {
      const clean = Uint8Array.from({ length: i % 2 ? 14 : 7 }, (_, k) => (k * 37 + i) & 0xff);
      const frame = clean.slice();
      const n = corruptFrame(frame, p);
      const diff = differingBits(clean, frame);
      expect(diff.length).toBe(n);
      if (n === 1) expect(diff[0]).toBeGreaterThanOrEqual(5);
      if (n > 2) expect(diff[diff.length - 1] - diff[0]).toBeLessThan(16);
      counts.set(Math.min(n, 3), (counts.get(Math.min(n, 3)) ?? 0) + 1);
    }
    // Half single-bit (repairable), a fifth two-bit, the rest bursts.
    expect(counts.get(1)! / 4_000).toBeCloseTo(0.5, 1);
    expect(counts.get(2)! / 4_000).toBeCloseTo(0.2, 1);
    expect(counts.get(3)! / 4_000).toBeCloseTo(0.3, 1);
  });
});
