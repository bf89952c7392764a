// Traffic statistics: events by type and by receiver, and which aircraft were seen in which hour.
// History, not state: cleanup ticks are counted like any event and purge nothing.
import { isObservation, type SkyledgerEvent } from '../events/index.ts';

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
  if (isObservation(e)) return counted(e, e.subject ?? null);
  if (e.type === 'org.skyledger.cleanup_interval_passed.v1') return counted(e, null);
  return null;
}

function counted(e: SkyledgerEvent, icao: string | null): StatsChange {
  return { type: e.type, source: e.source, time: e.time, hour: e.time.slice(0, 13), icao };
}
