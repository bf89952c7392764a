// The event log as callers see it, whatever stores it (SQLite here; a NATS JetStream adapter would
// implement the same shape: positions = stream sequence, idempotency = Nats-Msg-Id).
import type { SkyledgerEvent } from '../events/index.ts';

export interface LoggedEvent {
  /** Global, gap-tolerant, strictly increasing position in the log (1-based). */
  position: number;
  event: SkyledgerEvent;
}

export interface AppendResult {
  /** Position of each event of the batch, in order: where it was stored now or before. */
  positions: number[];
  appended: number;
  /** Events whose id the log already held: skipped, not errors. */
  skipped: number;
}

export interface ReadOptions {
  /** Only events with position > after (default 0). */
  after?: number;
  /** At most this many (default 1000). */
  limit?: number;
  types?: readonly string[];
  subject?: string;
}

export interface SubscribeOptions {
  after?: number;
  types?: readonly string[];
  /** Ends the iteration (as does `return()` on the iterator). */
  signal?: AbortSignal;
}

export interface EventLog {
  /** Appends in one atomic step; ids already in the log are skipped. */
  append(batch: readonly SkyledgerEvent[]): Promise<AppendResult>;
  read(options?: ReadOptions): Promise<LoggedEvent[]>;
  /** Everything after `after`, then new events as they are appended; pulled, never pushed. */
  subscribe(options?: SubscribeOptions): AsyncIterableIterator<LoggedEvent>;
  /** The position of the last event (0 when empty). */
  head(): Promise<number>;
  close(): Promise<void>;
}

/** An event the log cannot store exactly (a bug in its producer: imports validate first). */
export class UnstorableEventError extends Error {
  constructor(reason: string, readonly eventId: string) {
    super(`cannot store event ${eventId}: ${reason}`);
    this.name = 'UnstorableEventError';
  }
}
