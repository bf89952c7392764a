// Reads a simulator truth file back and interpolates an aircraft's true state at any time, the
// way a test that only sees the files (capture + truth) would.
import type { AircraftTruth, RunTruth, TrackPoint } from '../../src/sim/truth.ts';

export interface TruthFile {
  run: RunTruth;
  aircraft: Map<string, AircraftTruth>;
  frames: Array<{ t: number; ticks: number; icao: string; kind: string; hex: string; corrupted_bits: number; original?: string }>;
  summary: { frames: number; corrupted: number; byKind: Record<string, number> };
}

export function parseTruth(text: string): TruthFile {
  const out: Partial<TruthFile> & { aircraft: Map<string, AircraftTruth>; frames: TruthFile['frames'] } = { aircraft: new Map(), frames: [] };
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const record = JSON.parse(line);
    if (record.type === 'run') out.run = record;
    else if (record.type === 'aircraft') out.aircraft.set(record.icao, record);
    else if (record.type === 'frame') out.frames.push(record);
    else if (record.type === 'summary') out.summary = record;
  }
  return out as TruthFile;
}

export interface TrueState {
  lat: number;
  lon: number;
  altitude: number;
  groundSpeed: number;
  track: number;
  verticalRate: number;
  onGround: boolean;
  /** False when the climb rate or air/ground state changes between the two points around t. */
  steady: boolean;
}

/** Linear interpolation between the two track points around t; undefined outside the track. */
export function trueStateAt(aircraft: AircraftTruth, t: number): TrueState | undefined {
  const track = aircraft.track;
  let hi = track.findIndex((p) => p[0] >= t);
  if (hi < 0) return undefined;
  if (hi === 0) {
    if (track[0][0] !== t) return undefined;
    hi = 1;
  }
  const a: TrackPoint = track[hi - 1];
  const b: TrackPoint = track[Math.min(hi, track.length - 1)];
  const f = b[0] === a[0] ? 0 : (t - a[0]) / (b[0] - a[0]);
  const lerp = (i: number): number => a[i] + f * ((b[i] as number) - (a[i] as number));
  const turn = ((b[5] - a[5] + 540) % 360) - 180;
  return {
    lat: lerp(1), lon: lerp(2), altitude: lerp(3), groundSpeed: lerp(4),
    track: (a[5] + f * turn + 360) % 360, verticalRate: f < 0.5 ? a[6] : b[6], onGround: (f < 0.5 ? a[7] : b[7]) === 1,
    steady: a[6] === b[6] && a[7] === b[7],
  };
}

export function angleDifference(a: number, b: number): number {
  return Math.abs(((a - b + 540) % 360) - 180);
}
