// Reads a bit field the way the Mode S specifications number bits: from 1 (the frame's first,
// most significant bit) to the last bit, inclusive. Fields are at most 32 bits wide, so the
// arithmetic stays on exact doubles without allocating.

const POW2: Float64Array = Float64Array.from({ length: 41 }, (_, i) => 2 ** i);

/** Bits `first`..`last` (1-based, inclusive) of `frame` as an unsigned number. */
export function bitField(frame: Uint8Array, first: number, last: number): number {
  const firstByte = (first - 1) >> 3;
  const lastByte = (last - 1) >> 3;
  const width = last - first + 1;
  if (lastByte - firstByte < 4 && width <= 30) {
    // Common case: at most 4 bytes, so 32-bit integer shifts are exact.
    let w = 0;
    for (let i = firstByte; i <= lastByte; i++) w = (w << 8) | frame[i];
    return (w >>> (7 - ((last - 1) & 7))) & ((1 << width) - 1);
  }
  let v = 0;
  for (let i = firstByte; i <= lastByte; i++) v = v * 256 + frame[i];
  const drop = 7 - ((last - 1) & 7);
  return Math.floor(v / POW2[drop]) % POW2[last - first + 1];
}

/** One bit (1-based position) as 0 or 1. */
export function bitAt(frame: Uint8Array, position: number): number {
  return (frame[(position - 1) >> 3] >> (7 - ((position - 1) & 7))) & 1;
}
