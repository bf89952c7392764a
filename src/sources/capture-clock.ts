// Reception times for a recorded capture: a start time plus the elapsed 12 MHz counter.
//
// The rule, per frame with a counter (MLAT-result frames and formats without a counter get the
// current time, unchanged):
//   d = counter − highest counter seen, taken modulo 2^48 into (−2^47, 2^47] so a wrap is a
//       small forward step;
//   0 ≤ d ≤ maxGap            time advances by d; the counter becomes the new highest;
//   −maxGap ≤ d < 0           out of order (repeated blocks, late MLAT): the frame gets the
//                             current time, which does not move (`timestamp_backwards`);
//   d > maxGap or d < −maxGap a discontinuity (receiver restart, counter reset, long silence):
//                             time advances by at most maxGap and the counter re-anchors there
//                             (`timestamp_jump`).
// Time therefore never goes backwards and never leaps: paced replay neither races through a
// backwards jump nor stalls on a gap longer than maxGap.
import { MLAT_MAGIC_TIMESTAMP, type RawFrame } from '../wire/raw-frame.ts';
import type { ReceptionClock } from './reception-clock.ts';

const COUNTER_HZ = 12e6;
const WRAP = 2 ** 48;
const HALF_WRAP = 2 ** 47;

export class CaptureClock implements ReceptionClock {
  /** Seconds of capture time since the first frame. */
  elapsedSeconds = 0;
  backwards = 0;
  jumps = 0;
  startMs: number;
  private readonly maxGapTicks: number;
  private highest = Number.NaN;

  constructor(startMs: number, maxGapSeconds = 5) {
    this.startMs = startMs;
    this.maxGapTicks = maxGapSeconds * COUNTER_HZ;
  }

  chunk(): void {}

  stamp(frame: RawFrame): number {
    const ts = frame.timestamp12;
    if (!frame.mlat && ts === ts && ts !== MLAT_MAGIC_TIMESTAMP) this.advance(ts);
    return this.startMs + this.elapsedSeconds * 1000;
  }

  restart(): void {
    this.highest = Number.NaN;
  }

  private advance(ts: number): void {
    if (this.highest !== this.highest) {
      this.highest = ts;
      return;
    }
    let d = ts - this.highest;
    if (d > HALF_WRAP) d -= WRAP;
    else if (d <= -HALF_WRAP) d += WRAP;
    if (d >= 0 && d <= this.maxGapTicks) {
      this.elapsedSeconds += d / COUNTER_HZ;
      this.highest = ts;
    } else if (d < 0 && d >= -this.maxGapTicks) {
      this.backwards++;
    } else {
      this.jumps++;
      if (d > 0) this.elapsedSeconds += this.maxGapTicks / COUNTER_HZ;
      this.highest = ts;
    }
  }
}
