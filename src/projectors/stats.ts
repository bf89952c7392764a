// Traffic statistics: events by type and by receiver, and which aircraft were seen in which hour.
// History, not state: cleanup ticks are counted like any event and purge nothing.
import type { SkyledgerEvent } from '../events/index.ts';

export interface StatsChange {
  type: string;
  source: string;
  time: string;
  /** `YYYY-MM-DDTHH` (UTC) of the event. */
  hour: string;
  /** The aircraft seen, for aircraft events. */
  icao: string | null;
}

/** null = no change (an event type this projector does not know). */
export function applyToStats(e: SkyledgerEvent): StatsChange | null {
  switch (e.type) {
    case 'org.skyledger.aircraft_identified.v1':
    case 'org.skyledger.squawk_received.v1':
    case 'org.skyledger.position_reported.v1':
    case 'org.skyledger.velocity_reported.v1':
    case 'org.skyledger.altitude_reported.v1':
      return { type: e.type, source: e.source, time: e.time, hour: e.time.slice(0, 13), icao: e.subject ?? null };
    case 'org.skyledger.cleanup_interval_passed.v1':
      return { type: e.type, source: e.source, time: e.time, hour: e.time.slice(0, 13), icao: null };
    default:
      return null;
  }
}
