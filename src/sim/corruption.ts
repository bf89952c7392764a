// Damage a frame the way a noisy channel does: usually one flipped bit (which a decoder can
// repair when the frame's parity is plain CRC), sometimes two, sometimes a short burst of several
// neighbouring bits (an overlapping reply). The DF field is spared for single flips so those stay
// repairable; bursts may hit it.
import type { Prng } from './prng.ts';

const DF_BITS = 5;

/** Flips bits of `frame` in place; returns how many distinct bits were flipped (≥ 1). */
export function corruptFrame(frame: Uint8Array, prng: Prng): number {
  const bits = frame.length * 8;
  const roll = prng.next();
  if (roll < 0.5) {
    flip(frame, prng.int(DF_BITS, bits - 1));
    return 1;
  }
  if (roll < 0.7) {
    const a = prng.int(DF_BITS, bits - 1);
    let b = prng.int(DF_BITS, bits - 2);
    if (b >= a) b++;
    flip(frame, a);
    flip(frame, b);
    return 2;
  }
  // A burst: 3–8 bits inside a 16-bit window, so the damage is local like real interference.
  const count = prng.int(3, 8);
  const start = prng.int(0, bits - 16);
  let flipped = 0;
  let mask = 0;
  while (flipped < count) {
    const offset = prng.int(0, 15);
    if (mask & (1 << offset)) continue;
    mask |= 1 << offset;
    flip(frame, start + offset);
    flipped++;
  }
  return flipped;
}

function flip(frame: Uint8Array, bit: number): void {
  frame[bit >> 3] ^= 0x80 >> (bit & 7);
}
