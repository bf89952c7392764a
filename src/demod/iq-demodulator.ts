// The IQ demodulator: unsigned 8-bit interleaved I/Q in, RawFrames out — the same frames a Beast
// receiver would send (12 MHz timestamps from the sample count, a signal byte per frame), so
// everything downstream treats a dongle like any other feed.
//
// Per sample it does one table lookup and a three-comparison screen; only where the screen sees
// pulse energy around a quiet gap does it score the preamble at every sub-sample phase, slice the
// bits of the phases that look like a preamble (best first) and ask the CRC which one is real.
// Input is cut into fixed slices whatever the chunking, so the output does not depend on how the
// bytes arrive; the last `lookahead` samples of a slice are carried into the next one so a frame
// spanning two buffers is still whole. The native addon (native/demod.c) runs the same algorithm
// with the same integer arithmetic and must produce the same frames.
import { crc24, crcRemainder, syndromeTables, applyRepair, type SyndromeTable } from '../modes/crc.ts';
import { newRawFrame, type FrameParser, type FrameSink, type ParserStats, type RawFrame } from '../wire/raw-frame.ts';
import { MAGNITUDE, FULL_SCALE_MAGNITUDE } from './magnitude.ts';
import { KnownAddresses } from './known-addresses.ts';
import { slicerTiming, MAX_BITS, WEIGHTS_PER_BIT, WEIGHTS_PER_CHIP, isSupportedIqRate, type IqRate, type SlicerTiming } from './slicer-timing.ts';

export interface DemodStats extends ParserStats {
  /** Complex samples consumed. */
  samples: number;
  /** Candidates whose preamble passed at one phase or more. */
  preambles: number;
  /** Frames accepted with a clean CRC (or a known address for address/parity replies). */
  clean: number;
  /** Frames accepted after a 1-bit repair. */
  repaired: number;
  /** Address/parity replies dropped because their address was not seen in a clean DF11/17. */
  unknownAddress: number;
  /** Preambles whose bits failed the CRC at every phase. */
  badCrc: number;
  /** A trailing byte that was not half of a whole I/Q pair when the input ended. */
  oddBytes: number;
  /** Current noise floor estimate, in magnitude units (FULL_SCALE_MAGNITUDE = 0 dBFS). */
  noiseFloor: number;
}

/** Samples scanned per slice. Output is identical for any chunking, native or TypeScript. */
export const SLICE_SAMPLES = 65536;
const ADDRESS_TTL_SECONDS = 60;
/** A pulse's average must exceed the quiet chips' average by this factor (×2 = 6 dB). */
const PREAMBLE_RATIO = 2;
/** The screen's per-sample threshold over the noise floor, in eighths (10/8 = 1.25×). */
const SCREEN_EIGHTHS = 10;
/** Phases sliced per candidate, best preamble first: neighbours of the best rarely add a frame. */
const MAX_PHASE_TRIES = 3;
const NOISE_BINS = 2048;
const NOISE_SHIFT = 5;

/** DFs the demodulator can check: 0, 4, 5, 11, 16, 17, 18, 20, 21. */
const CHECKABLE_DF = (1 << 0) | (1 << 4) | (1 << 5) | (1 << 11) | (1 << 16) | (1 << 17) | (1 << 18) | (1 << 20) | (1 << 21);

const CLEAN = 2;
const REPAIRABLE = 1;
const BAD = 0;
const UNKNOWN_ADDRESS = -1;

export class IqDemodulator implements FrameParser {
  readonly stats: DemodStats = {
    frames: 0, modeac: 0, heartbeats: 0, garbage: 0, bytes: 0,
    samples: 0, preambles: 0, clean: 0, repaired: 0, unknownAddress: 0, badCrc: 0, oddBytes: 0, noiseFloor: 0,
  };
  readonly rate: IqRate;
  private readonly timing: SlicerTiming;
  private readonly mag: Uint16Array;
  private readonly capacity: number;
  private filled = 0;
  /** Absolute sample index of mag[0]. */
  private base = 0;
  private skipUntil = 0;
  private carry = -1;
  private noise = -1;
  private readonly histogram = new Int32Array(NOISE_BINS);
  /** prefix[n] = sum of mag[0..n): window sums in O(1) for the preamble's quiet stretches. */
  private readonly prefix: Float64Array;
  private readonly known: KnownAddresses;
  private readonly tables: { long1: SyndromeTable; short1: SyndromeTable };
  private readonly frame: RawFrame = newRawFrame();
  private readonly short = new Uint8Array(7);
  private readonly long = new Uint8Array(14);
  /** Per candidate (phase at this sample, then at the next): sliced bytes, bit count, preamble score. */
  private readonly candidate: Uint8Array;
  private readonly candidateBits: Int32Array;
  private readonly score: Float64Array;
  private readonly order: Int32Array;
  private repairEntry = -1;
  private weightSquares = 0;
  /** The candidate sample of the last tryAt (slice-relative; reset when the slice moves). */
  private lastTry = -2;
  private readonly nextScore: Float64Array;

  constructor(rate: number) {
    if (!isSupportedIqRate(rate)) throw new RangeError(`unsupported IQ sample rate ${rate}; use 2400000 or 2000000`);
    this.rate = rate;
    this.timing = slicerTiming(rate);
    this.capacity = SLICE_SAMPLES + this.timing.lookahead;
    this.mag = new Uint16Array(this.capacity + this.timing.lookahead);
    this.prefix = new Float64Array(this.capacity + this.timing.lookahead + 1);
    this.known = new KnownAddresses(ADDRESS_TTL_SECONDS * rate);
    const phases = this.timing.phases;
    this.candidate = new Uint8Array(2 * phases * 14);
    this.candidateBits = new Int32Array(2 * phases);
    this.score = new Float64Array(2 * phases);
    this.order = new Int32Array(2 * phases);
    this.nextScore = new Float64Array(phases);
    const tables = syndromeTables();
    this.tables = { long1: tables.long1, short1: tables.short1 };
  }

  push(chunk: Uint8Array, sink: FrameSink): void {
    this.stats.bytes += chunk.length;
    let pos = 0;
    const mag = this.mag;
    if (this.carry >= 0 && chunk.length > 0) {
      mag[this.filled++] = MAGNITUDE[(this.carry << 8) | chunk[0]];
      this.stats.samples++;
      this.carry = -1;
      pos = 1;
      if (this.filled === this.capacity) this.process(sink, false);
    }
    while (chunk.length - pos >= 2) {
      const n = Math.min((chunk.length - pos) >> 1, this.capacity - this.filled);
      let f = this.filled;
      const stop = pos + 2 * n;
      for (let p = pos; p < stop; p += 2) mag[f++] = MAGNITUDE[(chunk[p] << 8) | chunk[p + 1]];
      this.filled = f;
      this.stats.samples += n;
      pos = stop;
      if (this.filled === this.capacity) this.process(sink, false);
    }
    if (pos < chunk.length) this.carry = chunk[pos];
  }

  end(sink: FrameSink): number {
    if (this.filled > 0) this.process(sink, true);
    const leftover = this.carry >= 0 ? 1 : 0;
    this.stats.oddBytes += leftover;
    this.carry = -1;
    return leftover;
  }

  private process(sink: FrameSink, final: boolean): void {
    const t = this.timing;
    this.updateNoise();
    let limit: number;
    if (final) {
      this.mag.fill(0, this.filled, this.filled + t.lookahead);
      limit = this.filled;
    } else {
      limit = this.filled - t.lookahead;
    }
    const mag = this.mag;
    const prefix = this.prefix;
    const end = this.filled + t.lookahead;
    let sum = 0;
    for (let n = 0; n < end; n++) {
      prefix[n] = sum;
      sum += mag[n];
    }
    prefix[end] = sum;
    this.scan(limit, sink);
    this.lastTry = -2;
    if (final) {
      this.base += this.filled;
      this.filled = 0;
    } else {
      this.mag.copyWithin(0, limit, this.filled);
      this.base += limit;
      this.filled -= limit;
    }
  }

  /** Noise floor = median magnitude of every 4th sample of the slice, smoothed across slices. */
  private updateNoise(): void {
    const h = this.histogram;
    h.fill(0);
    const mag = this.mag;
    let count = 0;
    for (let i = 0; i < this.filled; i += 4) {
      h[mag[i] >> NOISE_SHIFT]++;
      count++;
    }
    const half = count >> 1;
    let seen = 0;
    let bin = 0;
    while (bin < NOISE_BINS - 1 && seen + h[bin] <= half) seen += h[bin++];
    const median = (bin << NOISE_SHIFT) + (1 << (NOISE_SHIFT - 1));
    this.noise = this.noise < 0 ? median : Math.floor((this.noise * 3 + median) / 4);
    this.stats.noiseFloor = this.noise;
  }

  private scan(limit: number, sink: FrameSink): void {
    const m = this.mag;
    const t = this.timing;
    const A = t.screenA;
    const B = t.screenB;
    const Q = t.screenQuiet;
    const threshold = Math.floor((this.noise * 3 * SCREEN_EIGHTHS) / 8);
    let i = this.skipUntil - this.base;
    if (i < 0) i = 0;
    for (; i < limit; i++) {
      const a = m[i + A] + m[i + A + 1] + m[i + A + 2];
      if (a <= threshold) continue;
      const q = m[i + Q] + m[i + Q + 1] + m[i + Q + 2];
      if (a <= q) continue;
      const b = m[i + B] + m[i + B + 1] + m[i + B + 2];
      if (b <= threshold || b <= q) continue;
      const span = this.tryAt(i, sink);
      if (span > 0) {
        this.skipUntil = this.base + i + span;
        i += span - 1;
      }
    }
  }

  /** Scores the preamble at every phase, slices the promising ones; returns the frame's span or 0. */
  private tryAt(i: number, sink: FrameSink): number {
    const t = this.timing;
    const m = this.mag;
    const phases = t.phases;
    const score = this.score;
    const order = this.order;
    const prefix = this.prefix;
    const pulseOffset = t.pulseOffset;
    const pulseWeight = t.pulseWeight;
    let passing = 0;
    // Phases of this sample and the next: the screen fires up to a sample early, and the frame is
    // sliced best (and its level read right) at the phase closest to the real pulse edges.
    // The next sample's scores are kept: in a burst the screen fires on consecutive samples, and
    // they are this call's first half next time (-1 marks a phase that did not pass).
    const carried = this.lastTry === i - 1;
    const nextScore = this.nextScore;
    for (let key = 0; key < 2 * phases; key++) {
      const p = key < phases ? key : key - phases;
      const at = key < phases ? i : i + 1;
      let s: number;
      if (carried && key < phases) {
        s = nextScore[p];
        if (s < 0) continue;
      } else {
        let pulses = 0;
        let weakest = 0;
        for (let c = 0; c < 4; c++) {
          const slot = p * 4 + c;
          const o = at + pulseOffset[slot];
          const w = slot * WEIGHTS_PER_CHIP;
          const e = pulseWeight[w] * m[o] + pulseWeight[w + 1] * m[o + 1];
          pulses += e;
          if (c === 0 || e < weakest) weakest = e;
        }
        const total =
          phases * (prefix[at + t.totalTo[p]] - prefix[at + t.totalFrom[p]]) +
          t.totalHeadWeight[p] * m[at + t.totalHead[p]] +
          t.totalTailWeight[p] * m[at + t.totalTail[p]];
        const quiet = total - pulses;
        // Averages per chip: pulses / 4 against quiet / 12; every pulse must stand above the quiet too.
        const passes = pulses * 3 > quiet * PREAMBLE_RATIO && weakest * 12 > quiet;
        if (key >= phases) nextScore[p] = passes ? pulses * 3 - quiet : -1;
        if (!passes) continue;
        s = pulses * 3 - quiet;
      }
      let rank = passing++;
      while (rank > 0 && score[order[rank - 1]] < s) {
        order[rank] = order[rank - 1];
        rank--;
      }
      order[rank] = key;
      score[key] = s;
    }
    this.lastTry = i;
    if (passing === 0) return 0;
    this.stats.preambles++;

    let repairKey = -1;
    let repairEntry = -1;
    let sawUnknown = false;
    const tries = passing < MAX_PHASE_TRIES ? passing : MAX_PHASE_TRIES;
    for (let k = 0; k < tries; k++) {
      const key = order[k];
      const bits = this.slice(key < phases ? i : i + 1, key < phases ? key : key - phases, key);
      if (bits === 0) continue;
      const verdict = this.check(key, bits);
      if (verdict === CLEAN) return this.emit(i, key, bits, false, sink);
      if (verdict === REPAIRABLE && repairKey < 0) {
        repairKey = key;
        repairEntry = this.repairEntry;
      } else if (verdict === UNKNOWN_ADDRESS) {
        sawUnknown = true;
      }
    }
    if (repairKey >= 0) {
      const bits = this.candidateBits[repairKey];
      const bytes = this.candidate.subarray(repairKey * 14, repairKey * 14 + bits / 8);
      applyRepair(bytes, bits === 112 ? this.tables.long1 : this.tables.short1, repairEntry);
      return this.emit(i, repairKey, bits, true, sink);
    }
    if (sawUnknown) this.stats.unknownAddress++;
    else this.stats.badCrc++;
    return 0;
  }

  /** Slices phase `p` at sample `i` into candidate `key`'s bytes; returns 56, 112 or 0 (unusable DF). */
  private slice(i: number, p: number, key: number): number {
    const t = this.timing;
    const m = this.mag;
    const offsets = t.bitOffset;
    const weights = t.bitDifference;
    const out = this.candidate;
    const firstSlot = p * MAX_BITS;
    let byteAt = key * 14;
    let bits = MAX_BITS;
    let acc = 0;
    for (let k = 0; k < bits; k++) {
      const o = i + offsets[firstSlot + k];
      const w = (firstSlot + k) * WEIGHTS_PER_BIT;
      const d = weights[w] * m[o] + weights[w + 1] * m[o + 1] + weights[w + 2] * m[o + 2] + weights[w + 3] * m[o + 3];
      acc = (acc << 1) | (d > 0 ? 1 : 0);
      if ((k & 7) === 7) {
        out[byteAt++] = acc;
        acc = 0;
        if (k === 7) {
          const df = out[key * 14] >> 3;
          if (((CHECKABLE_DF >>> df) & 1) === 0) return 0;
          bits = df >= 16 ? 112 : 56;
        }
      }
    }
    this.candidateBits[key] = bits;
    return bits;
  }

  /**
   * The pulse amplitude of the frame at phase `p`, in magnitude units × `weightSquares`: a sample
   * holds the pulse in proportion to its overlap w, so an "on" window sums A·Σw²/phases; dividing
   * by Σw² (kept in `weightSquares`) undoes the partial cover of edge samples.
   */
  private pulseEnergy(i: number, p: number, bytes: Uint8Array, bits: number): number {
    const t = this.timing;
    const m = this.mag;
    let energy = 0;
    let squares = 0;
    for (let k = 0; k < bits; k++) {
      const slot = p * MAX_BITS + k;
      const o = i + t.bitOffset[slot];
      const w = slot * WEIGHTS_PER_BIT;
      const on = (bytes[k >> 3] >> (7 - (k & 7))) & 1 ? t.bitFirst : t.bitSecond;
      energy += on[w] * m[o] + on[w + 1] * m[o + 1] + on[w + 2] * m[o + 2] + on[w + 3] * m[o + 3];
      squares += on[w] * on[w] + on[w + 1] * on[w + 1] + on[w + 2] * on[w + 2] + on[w + 3] * on[w + 3];
    }
    this.weightSquares = squares;
    return energy * t.phases;
  }

  private check(key: number, bits: number): number {
    // Read in place (no subarray per candidate): the syndrome is the CRC of the data bytes XOR the
    // transmitted parity, as crcRemainder computes it.
    const c = this.candidate;
    const at = key * 14;
    const n = bits / 8 - 3;
    const df = c[at] >> 3;
    const remainder = crc24(c, at, n) ^ ((c[at + n] << 16) | (c[at + n + 1] << 8) | c[at + n + 2]);
    if (df === 17 || df === 18) {
      if (remainder === 0) return CLEAN;
      this.repairEntry = this.tables.long1.lookup(remainder);
      return this.repairEntry >= 0 ? REPAIRABLE : BAD;
    }
    if (df === 11) {
      // The low 7 bits may carry the interrogator code. Noise passes that 17-bit check far too
      // often, so a reply to an interrogator counts only from a known address (as in dump1090-fa),
      // and only an II=0 reply is repaired (a masked syndrome would let noise through too).
      if (remainder === 0) return CLEAN;
      if ((remainder & 0xffff80) === 0) {
        return this.known.has((c[at + 1] << 16) | (c[at + 2] << 8) | c[at + 3], this.base) ? CLEAN : UNKNOWN_ADDRESS;
      }
      this.repairEntry = this.tables.short1.lookup(remainder);
      return this.repairEntry >= 0 ? REPAIRABLE : BAD;
    }
    return this.known.has(remainder, this.base) ? CLEAN : UNKNOWN_ADDRESS;
  }

  /** Emits candidate `key` found from sample `i`; returns how far the search skips. */
  private emit(i: number, key: number, bits: number, repaired: boolean, sink: FrameSink): number {
    const t = this.timing;
    const p = key < t.phases ? key : key - t.phases;
    const at = key < t.phases ? i : i + 1;
    const bytes = bits === 112 ? this.long : this.short;
    bytes.set(this.candidate.subarray(key * 14, key * 14 + bits / 8));
    const df = bytes[0] >> 3;
    if (df === 17 || (df === 11 && crcRemainder(bytes, 7) === 0)) {
      this.known.remember((bytes[1] << 16) | (bytes[2] << 8) | bytes[3], this.base);
    }
    const frame = this.frame;
    frame.bytes = bytes;
    frame.timestamp12 = (this.base + at) * t.ticksPerSample + Math.floor((p * t.ticksPerSample + (t.phases >> 1)) / t.phases);
    // Pulse amplitude as a fraction of full scale → Beast signal byte (rounded).
    const energy = this.pulseEnergy(at, p, bytes, bits);
    const denominator = this.weightSquares * FULL_SCALE_MAGNITUDE;
    const signal = Math.floor((energy * 510 + denominator) / (2 * denominator));
    frame.signal = signal < 1 ? 1 : signal > 255 ? 255 : signal;
    frame.mlat = false;
    frame.crcChecked = true;
    this.stats.frames++;
    if (repaired) this.stats.repaired++;
    else this.stats.clean++;
    sink(frame);
    return at - i + (bits === 112 ? t.longSpan : t.shortSpan);
  }
}
