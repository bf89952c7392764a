// ADS-B message fields are specified by their position inside the 56-bit ME field, which starts
// at bit 33 of a DF17/18 frame; these helpers take ME bit numbers (1–56) so each decoder reads like
// the DO-260B tables it implements.
import { bitAt, bitField } from '../bits.ts';

const ME_OFFSET = 32;

/** ME bits `first`..`last` (1-based, inclusive). */
export function meField(frame: Uint8Array, first: number, last: number): number {
  return bitField(frame, ME_OFFSET + first, ME_OFFSET + last);
}

/** One ME bit (1-based) as 0 or 1. */
export function meBit(frame: Uint8Array, position: number): number {
  return bitAt(frame, ME_OFFSET + position);
}
