// The simulator: every aircraft's transponder as a set of message streams (one per kind), merged
// in time order through one queue. At each due time the stream looks at its aircraft's true state,
// sends a frame if the aircraft is within range and the kind applies (positions only airborne,
// surface positions only on the ground, …), and schedules its next one. Frames carry 12 MHz
// timestamps and a signal level from the distance; a configured share is damaged on the way.
import type { RawFrame } from '../wire/raw-frame.ts';
import { corruptFrame } from './corruption.ts';
import { newFlightState, type Flight, type FlightState } from './flight.ts';
import { buildFrame } from './frame-builder.ts';
import { METRES_PER_NM, distanceM } from './great-circle.ts';
import { INTERVAL_JITTER, MESSAGE_KINDS, rateOf, type MessageKind, type MessageRates } from './message-rates.ts';
import { Prng } from './prng.ts';
import { signalByte } from './signal.ts';
import { TimeQueue } from './time-queue.ts';
import { generateTraffic, type Traffic, type TrafficOptions } from './traffic.ts';

export const TICKS_PER_SECOND = 12_000_000;

export interface SimulationOptions extends TrafficOptions {
  rates: MessageRates;
  /** Share of frames damaged by bit flips, 0..1. */
  corruptShare: number;
}

/** One emitted frame: a RawFrame (what a receiver would hand on) plus what the simulator knows about it. */
export interface SimFrame extends RawFrame {
  /** Seconds since the start of the run (timestamp12 / 12 MHz). */
  time: number;
  /** Index into `traffic.flights`. */
  flight: number;
  kind: MessageKind;
  /** 0 for a clean frame; otherwise how many bits were flipped. */
  corruptedBits: number;
  /** The frame as sent, before any damage (same length as `bytes`). A reused buffer. */
  original: Uint8Array;
}

export type SimFrameSink = (frame: SimFrame) => void;

export interface SimulationSummary {
  frames: number;
  corrupted: number;
  byKind: Record<MessageKind, number>;
}

/** How soon a stream whose kind does not apply right now looks again, s. */
const RECHECK_SECONDS = 1;

export class TrafficSimulator {
  readonly options: SimulationOptions;
  readonly traffic: Traffic;
  /** Seeds the transmissions; kept so that every call of `run` replays the same frames. */
  private readonly streamSeed: number;

  constructor(options: SimulationOptions, prng: Prng) {
    this.options = options;
    this.traffic = generateTraffic(options, prng.fork());
    this.streamSeed = prng.uint32();
  }

  /** Emits every frame of the run, in time order, to `sink` (the SimFrame object is reused). */
  run(sink: SimFrameSink): SimulationSummary {
    const prng = new Prng(this.streamSeed);
    const { flights } = this.traffic;
    const o = this.options;
    const kinds = MESSAGE_KINDS.length;
    const streams = flights.length * kinds;
    const queue = new TimeQueue(streams);
    const schedule = flights.map(() => prng.fork());
    const channel = prng.fork();
    const oddNext = new Uint8Array(flights.length);
    const state: FlightState = newFlightState();
    const rangeM = o.rangeNm * METRES_PER_NM + 1000;
    const rx = o.receiver;

    // Each stream starts at a random phase of its first interval, so aircraft are not in lock-step,
    // and each aircraft's first position is even or odd at random.
    flights.forEach((flight, index) => {
      flight.stateAt(0, state);
      const p = schedule[index];
      oddNext[index] = p.chance(0.5) ? 1 : 0;
      for (let k = 0; k < kinds; k++) {
        const rate = rateOf(MESSAGE_KINDS[k], o.rates, flight.identity, state);
        queue.push(index * kinds + k, p.next() * (rate > 0 ? 1 / rate : RECHECK_SECONDS));
      }
    });

    const frame = newSimFrame();
    const summary: SimulationSummary = {
      frames: 0, corrupted: 0, byKind: Object.fromEntries(MESSAGE_KINDS.map((k) => [k, 0])) as Record<MessageKind, number>,
    };
    while (queue.length > 0 && queue.peekTime() < o.duration) {
      const s = queue.pop();
      const t = queue.timeOf(s);
      const index = (s / kinds) | 0;
      const kind = MESSAGE_KINDS[s % kinds];
      const flight: Flight = flights[index];
      flight.stateAt(t, state);
      const rate = rateOf(kind, o.rates, flight.identity, state);
      const range = distanceM(rx.lat, rx.lon, state.lat, state.lon);
      if (rate > 0 && range <= rangeM) {
        const ticks = Math.round(t * TICKS_PER_SECOND);
        let odd = false;
        if (kind === 'airborne_position' || kind === 'surface_position') {
          odd = oddNext[index] === 1;
          oddNext[index] ^= 1;
        }
        const sent = buildFrame(kind, flight.identity, state, odd);
        const long = sent.length === 14;
        frame.original = long ? frame.longOriginal : frame.shortOriginal;
        frame.original.set(sent);
        frame.bytes = long ? frame.longBytes : frame.shortBytes;
        frame.bytes.set(sent);
        frame.corruptedBits = channel.chance(o.corruptShare) ? corruptFrame(frame.bytes, channel) : 0;
        frame.timestamp12 = ticks;
        frame.time = ticks / TICKS_PER_SECOND;
        frame.signal = signalByte(range, flight.identity.txOffsetDb, channel);
        frame.flight = index;
        frame.kind = kind;
        summary.frames++;
        summary.byKind[kind]++;
        if (frame.corruptedBits > 0) summary.corrupted++;
        sink(frame);
      }
      const interval = rate > 0 ? (1 / rate) * (1 + INTERVAL_JITTER * (2 * schedule[index].next() - 1)) : RECHECK_SECONDS;
      queue.push(s, t + interval);
    }
    return summary;
  }
}

interface SimFrameBuffers extends SimFrame {
  longBytes: Uint8Array;
  shortBytes: Uint8Array;
  longOriginal: Uint8Array;
  shortOriginal: Uint8Array;
}

function newSimFrame(): SimFrameBuffers {
  const longBytes = new Uint8Array(14);
  return {
    bytes: longBytes, timestamp12: 0, signal: 0, mlat: false, crcChecked: false,
    time: 0, flight: 0, kind: 'all_call', corruptedBits: 0, original: new Uint8Array(14),
    longBytes, shortBytes: new Uint8Array(7), longOriginal: new Uint8Array(14), shortOriginal: new Uint8Array(7),
  };
}
