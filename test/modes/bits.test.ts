import { describe, expect, it } from 'vitest';
import { bitAt, bitField } from '../../src/modes/bits.ts';

function reference(frame: Uint8Array, first: number, last: number): number {
  let v = 0;
  for (let k = first; k <= last; k++) v = v * 2 + bitAt(frame, k);
  return v;
}

describe('bitField', () => {
  it('given a 112-bit frame, when every field of 1 to 40 bits is read, then it equals the bit-by-bit value', () => {
    const frame = Uint8Array.from({ length: 14 }, (_, i) => (i * 73 + 29) & 255);
    let checked = 0;
    for (let first = 1; first <= 112; first++) {
      for (let last = first; last <= Math.min(112, first + 39); last++) {
        expect(bitField(frame, first, last)).toBe(reference(frame, first, last));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it('given the DF bits of a DF17 frame, when read, then 17', () => {
    expect(bitField(Uint8Array.of(0x8d, 0, 0), 1, 5)).toBe(17);
  });
});
