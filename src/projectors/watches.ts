// The watches read model: one row per watch with its owner, criteria, state and alert counts, for
// `GET /api/watches`. The webhook stays sealed here as on the event; the API opens it per request.
import type { SealedField, SkyledgerEvent, WatchCriteria } from '../events/index.ts';

export interface WatchRow {
  watch_id: string;
  user_id: string;
  criteria: WatchCriteria;
  label: string | null;
  webhook: SealedField | null;
  status: 'active' | 'stopped';
  started_at: string;
  stopped_at: string | null;
  spotted: number;
  lost: number;
  last_alert_at: string | null;
}

export type WatchChange = { kind: 'upsert'; row: WatchRow } | { kind: 'none' };

const NONE: WatchChange = { kind: 'none' };

/** The row an event is about (from its data), or undefined for events this projection ignores. */
export function watchKey(e: SkyledgerEvent): string | undefined {
  switch (e.type) {
    case 'org.skyledger.watch_started.v1':
    case 'org.skyledger.watch_stopped.v1':
    case 'org.skyledger.flight_spotted.v1':
    case 'org.skyledger.flight_lost.v1':
      return e.data.watch_id;
    default:
      return undefined;
  }
}

export function applyToWatches(row: WatchRow | undefined, e: SkyledgerEvent): WatchChange {
  switch (e.type) {
    case 'org.skyledger.watch_started.v1':
      // A started watch without criteria broke its schema (an unvalidated import): nothing to show.
      if (row !== undefined || typeof e.data.criteria !== 'object' || e.data.criteria === null) return NONE;
      return {
        kind: 'upsert',
        row: {
          watch_id: e.data.watch_id, user_id: e.data.user_id, criteria: e.data.criteria, label: e.data.label, webhook: e.data.webhook,
          status: 'active', started_at: e.time, stopped_at: null, spotted: 0, lost: 0, last_alert_at: null,
        },
      };
    case 'org.skyledger.watch_stopped.v1':
      if (row === undefined || row.status === 'stopped') return NONE;
      return { kind: 'upsert', row: { ...row, status: 'stopped', stopped_at: e.time } };
    case 'org.skyledger.flight_spotted.v1':
      if (row === undefined) return NONE;
      return { kind: 'upsert', row: { ...row, spotted: row.spotted + 1, last_alert_at: later(row.last_alert_at, e.time) } };
    case 'org.skyledger.flight_lost.v1':
      if (row === undefined) return NONE;
      return { kind: 'upsert', row: { ...row, lost: row.lost + 1, last_alert_at: later(row.last_alert_at, e.time) } };
    default:
      return NONE;
  }
}

function later(a: string | null, b: string): string {
  return a === null || b > a ? b : a;
}
