import { describe, expect, it } from 'vitest';
import { METRES_PER_NM } from '../../src/sim/great-circle.ts';
import { Prng } from '../../src/sim/prng.ts';
import { signalByte, signalDbfs } from '../../src/sim/signal.ts';

describe('signal level', () => {
  it('falls 20 dB per decade of range and shifts with the transmitter', () => {
    expect(signalDbfs(10 * METRES_PER_NM, 0) - signalDbfs(100 * METRES_PER_NM, 0)).toBeCloseTo(20, 9);
    expect(signalDbfs(50 * METRES_PER_NM, 2) - signalDbfs(50 * METRES_PER_NM, 0)).toBeCloseTo(2, 9);
  });

  it('gives a byte in 1..255 whose RSSI is near the model level, saturating close in', () => {
    const p = new Prng(1);
    const far = Array.from({ length: 2_000 }, () => signalByte(140 * METRES_PER_NM, 0, p));
    const meanDb = far.reduce((s, b) => s + 20 * Math.log10(b / 255), 0) / far.length;
    expect(meanDb).toBeCloseTo(signalDbfs(140 * METRES_PER_NM, 0), 0);
    for (const b of far) expect(b).toBeGreaterThanOrEqual(1);
    expect(signalByte(200, 3, p)).toBe(255);
  });
});
