// The watch aggregate: one per user, holding that user's watches, because the rules span them —
// at most MAX_ACTIVE_WATCHES active at once, and only the owner may stop one. decide() turns a
// command into events or throws (a rejected command produces no event); evolve() folds events back
// into state and returns it unchanged for anything else (law 2). The watch id and the time arrive
// in the command: the shell mints them.
import { LimitError, NotFoundError, ValidationError } from '../app/command-errors.ts';
import {
  buildEvent, parseMicros, WATCH_STARTED, WATCH_STOPPED, type SealedField, type SkyledgerEvent, type WatchEvent,
} from '../events/index.ts';
import { parseWatchBody } from './watch-body.ts';

export const MAX_ACTIVE_WATCHES = 50;

export interface UserWatches {
  user: string;
  /** Every watch the user ever started, by id: true while active. */
  watches: ReadonlyMap<string, boolean>;
}

export interface StartWatch {
  type: 'start_watch';
  user: string;
  watchId: string;
  body: unknown;
  /** RFC 3339 with microseconds. */
  time: string;
  /** The body's webhook URL sealed with the user's key by the shell; null when the body has none. */
  sealedWebhook: SealedField | null;
}

export interface StopWatch {
  type: 'stop_watch';
  user: string;
  watchId: string;
  time: string;
}

export type WatchCommand = StartWatch | StopWatch;

export function userSource(user: string): string {
  return `/users/${user}`;
}

export function noWatches(user: string): UserWatches {
  return { user, watches: new Map() };
}

const encoder = new TextEncoder();

export function decide(command: WatchCommand, state: UserWatches): WatchEvent[] {
  const micros = parseMicros(command.time);
  if (Number.isNaN(micros)) throw new ValidationError('time', 'must be RFC 3339 UTC with microseconds');
  switch (command.type) {
    case 'start_watch': {
      const body = parseWatchBody(command.body);
      if (state.watches.has(command.watchId)) throw new LimitError(`watch ${command.watchId} exists already`);
      let active = 0;
      for (const on of state.watches.values()) if (on) active++;
      if (active >= MAX_ACTIVE_WATCHES) throw new LimitError(`at most ${MAX_ACTIVE_WATCHES} active watches per user; stop one first`);
      if ((body.webhook === null) !== (command.sealedWebhook === null)) throw new ValidationError('webhook', 'was not sealed with the user key');
      const source = userSource(command.user);
      return [buildEvent(WATCH_STARTED, source, command.watchId, micros, encoder.encode(command.watchId), {
        watch_id: command.watchId, user_id: command.user, criteria: body.criteria, label: body.label, webhook: command.sealedWebhook,
      })];
    }
    case 'stop_watch': {
      const active = state.watches.get(command.watchId);
      if (active === undefined || command.user !== state.user) throw new NotFoundError('watch', command.watchId);
      if (!active) throw new LimitError(`watch ${command.watchId} is already stopped`);
      return [buildEvent(WATCH_STOPPED, userSource(command.user), command.watchId, micros, encoder.encode(command.watchId), {
        watch_id: command.watchId, user_id: command.user,
      })];
    }
    default:
      return [];
  }
}

export function evolve(state: UserWatches, event: SkyledgerEvent): UserWatches {
  switch (event.type) {
    case 'org.skyledger.watch_started.v1':
      if (event.data.user_id !== state.user) return state;
      return { user: state.user, watches: new Map(state.watches).set(event.data.watch_id, true) };
    case 'org.skyledger.watch_stopped.v1':
      if (event.data.user_id !== state.user || !state.watches.has(event.data.watch_id)) return state;
      return { user: state.user, watches: new Map(state.watches).set(event.data.watch_id, false) };
    default:
      return state;
  }
}
