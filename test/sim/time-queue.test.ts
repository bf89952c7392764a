import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/sim/prng.ts';
import { TimeQueue } from '../../src/sim/time-queue.ts';

describe('TimeQueue', () => {
  it('pops streams in time order, ties in stream order, as they are rescheduled', () => {
    const q = new TimeQueue(4);
    q.push(2, 1.0);
    q.push(0, 0.5);
    q.push(3, 1.0);
    q.push(1, 0.25);
    const order: Array<[number, number]> = [];
    while (q.length > 0 && order.length < 8) {
      const s = q.pop();
      const t = q.timeOf(s);
      order.push([s, t]);
      if (t < 1.5) q.push(s, t + 1);
    }
    expect(order.slice(0, 6)).toEqual([[1, 0.25], [0, 0.5], [2, 1], [3, 1], [1, 1.25], [0, 1.5]]);
  });

  it('merges many random streams into a non-decreasing sequence', () => {
    const p = new Prng(3);
    const q = new TimeQueue(500);
    for (let s = 0; s < 500; s++) q.push(s, p.next() * 10);
    let last = -Infinity;
    let popped = 0;
    while (q.length > 0) {
      const t = q.timeOf(q.pop());
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
      popped++;
    }
    expect(popped).toBe(500);
  });
});
