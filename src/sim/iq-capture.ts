// Renders simulated frames as the unsigned 8-bit I/Q an RTL-SDR would deliver, through the
// project's modulator. Frames arrive in time order; they are rendered in pieces of about a second
// (bounded memory for long runs), each cut in a quiet gap so no reply straddles two pieces. Pulse
// amplitude follows the frame's signal byte, so far aircraft sink towards the noise floor and
// overlapping replies garble each other as they do on the air.
import { modulate, type PlacedFrame } from '../demod/modulator.ts';
import type { IqRate } from '../demod/slicer-timing.ts';
import type { Prng } from './prng.ts';

export interface IqCaptureOptions {
  rate: IqRate;
  /** Noise standard deviation in ADC counts (the dongle's floor; 127.5 = full scale). */
  noiseSigma?: number;
}

const FULL_SCALE_COUNTS = 127.5;
const REFERENCE_AMPLITUDE = 60;
const PREAMBLE_MICROS = 8;
const PIECE_SECONDS = 1;

export type IqSink = (samples: Uint8Array) => void;

export class IqCapture {
  private readonly rate: number;
  private readonly snrDb: number;
  private readonly random: () => number;
  private readonly sink: IqSink;
  private pending: PlacedFrame[] = [];
  /** First sample of the piece being collected, and the sample where its last frame ends. */
  private pieceStart = 0;
  private lastEnd = 0;

  constructor(options: IqCaptureOptions, prng: Prng, sink: IqSink) {
    this.rate = options.rate;
    // The modulator sets noise relative to its reference amplitude; per-frame amplitudes override the pulses.
    this.snrDb = 20 * Math.log10(REFERENCE_AMPLITUDE / (options.noiseSigma ?? 2.5));
    this.random = () => prng.next();
    this.sink = sink;
  }

  /** Adds a frame sent at `time` seconds with signal byte `signal` (bytes are copied). */
  add(bytes: Uint8Array, time: number, signal: number): void {
    const at = time * this.rate;
    if (this.pending.length > 0 && at - this.pieceStart >= PIECE_SECONDS * this.rate && at > this.lastEnd + 2) {
      this.render(Math.floor((this.lastEnd + at) / 2));
    }
    this.pending.push({ bytes: bytes.slice(), atSample: at, amplitude: (FULL_SCALE_COUNTS * Math.max(0, signal)) / 255 });
    this.lastEnd = Math.max(this.lastEnd, at + ((PREAMBLE_MICROS + bytes.length * 8) * this.rate) / 1e6 + 1);
  }

  /** Renders everything up to `duration` seconds. */
  finish(duration: number): void {
    this.render(Math.max(Math.ceil(this.lastEnd), Math.round(duration * this.rate)));
  }

  private render(endSample: number): void {
    const start = this.pieceStart;
    if (endSample <= start) return;
    for (const f of this.pending) f.atSample -= start;
    this.sink(modulate(this.pending, endSample - start, { rate: this.rate, snrDb: this.snrDb, random: this.random, amplitude: REFERENCE_AMPLITUDE }));
    this.pending = [];
    this.pieceStart = endSample;
  }
}
