// A batch of copied frames in flat typed arrays: one allocation per input chunk instead of one
// object and one Uint8Array per frame. Consumers read `bytesOf(i)` (a view, no copy) and the
// parallel arrays; `toFrames()` gives plain objects when convenience matters more than speed.
// The arrays have spare capacity: only indexes below `length` are frames.
import type { RawFrame } from '../wire/raw-frame.ts';

const SLOT = 14;
const MLAT = 1;
const CRC_CHECKED = 2;

export interface ReceivedFrame {
  bytes: Uint8Array;
  timestamp12: number;
  signal: number;
  mlat: boolean;
  crcChecked: boolean;
  /** Reception time, milliseconds since the UNIX epoch (fractional). */
  receivedAt: number;
}

export class FrameBatch {
  length = 0;
  data: Uint8Array;
  lengths: Uint8Array;
  timestamp12: Float64Array;
  signal: Int16Array;
  flags: Uint8Array;
  receivedAt: Float64Array;

  constructor(capacity = 64) {
    const n = Math.max(1, capacity);
    this.data = new Uint8Array(n * SLOT);
    this.lengths = new Uint8Array(n);
    this.timestamp12 = new Float64Array(n);
    this.signal = new Int16Array(n);
    this.flags = new Uint8Array(n);
    this.receivedAt = new Float64Array(n);
  }

  push(frame: RawFrame, receivedAt: number): void {
    if (this.length === this.lengths.length) this.grow();
    const i = this.length++;
    const n = Math.min(SLOT, frame.bytes.length);
    this.data.set(n === frame.bytes.length ? frame.bytes : frame.bytes.subarray(0, n), i * SLOT);
    this.lengths[i] = n;
    this.timestamp12[i] = frame.timestamp12;
    this.signal[i] = frame.signal;
    this.flags[i] = (frame.mlat ? MLAT : 0) | (frame.crcChecked ? CRC_CHECKED : 0);
    this.receivedAt[i] = receivedAt;
  }

  /** The frame's bytes as a view into the batch (valid as long as the batch is). */
  bytesOf(i: number): Uint8Array {
    return this.data.subarray(i * SLOT, i * SLOT + this.lengths[i]);
  }

  mlat(i: number): boolean {
    return (this.flags[i] & MLAT) !== 0;
  }

  crcChecked(i: number): boolean {
    return (this.flags[i] & CRC_CHECKED) !== 0;
  }

  /** Copies frames [start, end) into a new batch. */
  slice(start: number, end: number): FrameBatch {
    const n = Math.max(0, Math.min(end, this.length) - start);
    const out = new FrameBatch(n);
    this.copyTo(out, start, n);
    out.length = n;
    return out;
  }

  toFrames(): ReceivedFrame[] {
    const out: ReceivedFrame[] = [];
    for (let i = 0; i < this.length; i++) {
      out.push({
        bytes: this.bytesOf(i).slice(),
        timestamp12: this.timestamp12[i],
        signal: this.signal[i],
        mlat: this.mlat(i),
        crcChecked: this.crcChecked(i),
        receivedAt: this.receivedAt[i],
      });
    }
    return out;
  }

  private grow(): void {
    const bigger = new FrameBatch(this.lengths.length * 2);
    this.copyTo(bigger, 0, this.lengths.length);
    this.data = bigger.data;
    this.lengths = bigger.lengths;
    this.timestamp12 = bigger.timestamp12;
    this.signal = bigger.signal;
    this.flags = bigger.flags;
    this.receivedAt = bigger.receivedAt;
  }

  /** Copies frames [start, start + n) to the front of `out`, which has room for them. */
  private copyTo(out: FrameBatch, start: number, n: number): void {
    out.data.set(this.data.subarray(start * SLOT, (start + n) * SLOT));
    out.lengths.set(this.lengths.subarray(start, start + n));
    out.timestamp12.set(this.timestamp12.subarray(start, start + n));
    out.signal.set(this.signal.subarray(start, start + n));
    out.flags.set(this.flags.subarray(start, start + n));
    out.receivedAt.set(this.receivedAt.subarray(start, start + n));
  }
}
