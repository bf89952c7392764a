// Writes bit fields the way the Mode S specifications number bits: from 1 (the frame's first,
// most significant bit) to the last bit, inclusive. The counterpart of `bitField`.

/** Stores the low `last - first + 1` bits of the non-negative integer `value` into bits first..last. */
export function writeBits(frame: Uint8Array, first: number, last: number, value: number): void {
  let v = value;
  for (let bit = last; bit >= first; bit--) {
    const i = bit - 1;
    const mask = 0x80 >> (i & 7);
    // Division instead of shifts: fields such as the 48-bit callsign exceed 32 bits.
    if (v % 2 === 1) frame[i >> 3] |= mask;
    else frame[i >> 3] &= ~mask;
    v = Math.floor(v / 2);
  }
}

/** Writes ME bits first..last (1-based within the 56-bit ME field of a DF17/18 frame). */
export function writeMe(frame: Uint8Array, first: number, last: number, value: number): void {
  writeBits(frame, first + 32, last + 32, value);
}
