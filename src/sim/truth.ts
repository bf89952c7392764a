// What really happened in a simulated run, as JSON Lines beside the capture (`<out>.truth.jsonl`):
// a `run` line (settings, receiver, airport, start time), one `aircraft` line per flight with its
// identity and its track sampled while it was within range, optionally one `frame` line per frame
// sent, and a closing `summary` line. Tests and demos compare decoded output against it.
import { icaoHex, bytesToHex } from '../modes/message.ts';
import { squawkString } from '../modes/identity.ts';
import { newFlightState, type Flight } from './flight.ts';
import { METRES_PER_NM, distanceM } from './great-circle.ts';
import type { SimFrame, SimulationOptions, SimulationSummary } from './traffic-simulator.ts';
import type { Airport } from './traffic.ts';

/** Column order of every track point. */
export const TRACK_COLUMNS = ['t', 'lat', 'lon', 'altitude', 'ground_speed', 'track', 'vertical_rate', 'on_ground'] as const;

export type TrackPoint = [t: number, lat: number, lon: number, altitude: number, groundSpeed: number, track: number, verticalRate: number, onGround: 0 | 1];

export interface RunTruth {
  type: 'run';
  seed: number;
  start_time: string;
  duration: number;
  aircraft: number;
  receiver: { lat: number; lon: number };
  range_nm: number;
  airport: Airport;
  corrupt_share: number;
  rates: SimulationOptions['rates'];
  timestamp_hz: number;
  track_columns: typeof TRACK_COLUMNS;
}

export interface AircraftTruth {
  type: 'aircraft';
  icao: string;
  callsign: string;
  squawk: string;
  emergency: string;
  category: string;
  kind: string;
  track: TrackPoint[];
}

export interface FrameTruth {
  type: 'frame';
  /** Seconds since the start (ticks / 12 MHz). */
  t: number;
  /** The 12 MHz counter the capture carries. */
  ticks: number;
  icao: string;
  kind: string;
  hex: string;
  corrupted_bits: number;
  /** The frame as sent, present when it was damaged. */
  original?: string;
}

export function runTruth(options: SimulationOptions, seed: number, startTime: string, airport: Airport): RunTruth {
  return {
    type: 'run', seed, start_time: startTime, duration: options.duration, aircraft: options.aircraft,
    receiver: { lat: options.receiver.lat, lon: options.receiver.lon }, range_nm: options.rangeNm, airport,
    corrupt_share: options.corruptShare, rates: { ...options.rates }, timestamp_hz: 12_000_000, track_columns: TRACK_COLUMNS,
  };
}

/** The flight's identity and its track every `interval` seconds over the run, while it is within range (plus one point either side). */
export function aircraftTruth(flight: Flight, options: SimulationOptions, interval: number): AircraftTruth {
  const id = flight.identity;
  const state = newFlightState();
  const rangeM = options.rangeNm * METRES_PER_NM + 1000;
  const track: TrackPoint[] = [];
  const steps = Math.ceil(options.duration / interval);
  const inRange = (i: number): boolean => {
    if (i < 0 || i > steps) return false;
    flight.stateAt(Math.min(i * interval, options.duration), state);
    return distanceM(options.receiver.lat, options.receiver.lon, state.lat, state.lon) <= rangeM;
  };
  for (let i = 0; i <= steps; i++) {
    // Points just outside the range are kept too, so every frame heard lies between two points.
    if (!inRange(i) && !inRange(i - 1) && !inRange(i + 1)) continue;
    const t = Math.min(i * interval, options.duration);
    flight.stateAt(t, state);
    track.push([
      round(t, 3), round(state.lat, 7), round(state.lon, 7), round(state.altitude, 1), round(state.groundSpeed, 2),
      round(state.track, 2), Math.round(state.verticalRate), state.onGround ? 1 : 0,
    ]);
  }
  return {
    type: 'aircraft', icao: icaoHex(id.icao), callsign: id.callsign, squawk: squawkString(id.squawk),
    emergency: id.emergency, category: id.category, kind: id.kind, track,
  };
}

export function frameTruth(frame: SimFrame, flight: Flight): FrameTruth {
  const out: FrameTruth = {
    type: 'frame', t: frame.time, ticks: frame.timestamp12, icao: icaoHex(flight.identity.icao), kind: frame.kind,
    hex: bytesToHex(frame.bytes), corrupted_bits: frame.corruptedBits,
  };
  if (frame.corruptedBits > 0) out.original = bytesToHex(frame.original);
  return out;
}

export function summaryTruth(summary: SimulationSummary): { type: 'summary' } & SimulationSummary {
  return { type: 'summary', ...summary };
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}
