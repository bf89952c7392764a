// Position history per aircraft, bounded: each aircraft keeps its last `limit` points in a ring
// of slots (sequence number modulo limit), so the history never grows past the bound.
import type { SkyledgerEvent } from '../events/index.ts';
import { staleBefore } from './stale-before.ts';

export interface TrackHead {
  icao: string;
  /** Points ever recorded for this aircraft (the last one has sequence `points`). */
  points: number;
  last_time: string;
}

export interface TrackPoint {
  time: string;
  latitude: number;
  longitude: number;
  altitude: number | null;
  on_ground: boolean;
}

export type TrackChange =
  | { kind: 'none' }
  | { kind: 'append'; head: TrackHead; slot: number; point: TrackPoint }
  | { kind: 'purge'; before: string };

export const NO_TRACK_CHANGE: TrackChange = { kind: 'none' };
export const DEFAULT_TRACK_LIMIT = 500;

export function trackKey(e: SkyledgerEvent): string | undefined {
  return e.type === 'org.skyledger.position_reported.v1' ? e.subject : undefined;
}

export function applyToTracks(head: TrackHead | undefined, e: SkyledgerEvent, limit: number): TrackChange {
  switch (e.type) {
    case 'org.skyledger.position_reported.v1': {
      const points = (head?.points ?? 0) + 1;
      const last = head === undefined || e.time > head.last_time ? e.time : head.last_time;
      return {
        kind: 'append',
        head: { icao: e.subject ?? e.data.icao_address, points, last_time: last },
        slot: (points - 1) % limit,
        point: { time: e.time, latitude: e.data.latitude, longitude: e.data.longitude, altitude: e.data.altitude, on_ground: e.data.on_ground },
      };
    }
    case 'org.skyledger.cleanup_interval_passed.v1': {
      const before = staleBefore(e);
      return before === undefined ? NO_TRACK_CHANGE : { kind: 'purge', before };
    }
    default:
      return NO_TRACK_CHANGE;
  }
}
