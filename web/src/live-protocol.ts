// The page's side of the `/ws` protocol, without the socket: what to send when a connection opens
// and what each message from the server means. The cursor is the log position of the last push;
// a reconnect resumes after it and a position at or below it is a repeat and is dropped.
import type { PushedEvent } from './aircraft-book.ts';

export type ServerMessage =
  | { kind: 'welcome'; head: number }
  | { kind: 'authenticated'; user: string }
  | { kind: 'subscribed'; channel: string; after: number }
  | { kind: 'error'; message: string; field?: string }
  | { kind: 'observation'; event: PushedEvent }
  | { kind: 'alert'; event: PushedEvent }
  | { kind: 'repeat'; position: number }
  | { kind: 'ignored' };

const ALERT = /^org\.skyledger\.(flight_spotted|flight_lost)\.v\d+$/;

export class LiveCursor {
  /** Position of the last push handled; undefined before the first welcome. */
  position: number | undefined;

  /**
   * The messages to send after `welcome` on a connection for one channel: resume where the last
   * connection stopped, else from `head`. One channel per connection, because the first
   * subscription starts the catch-up and a second channel added while it runs would miss what the
   * catch-up has already passed.
   */
  openingMessages(channel: 'aircraft' | 'alerts', head: number, token: string | null): object[] {
    const after = this.position ?? head;
    this.position = after;
    const out: object[] = [];
    // The alerts channel needs a user; the aircraft one does when the server requires read tokens.
    if (token !== null && token !== '') out.push({ type: 'auth', token });
    out.push(channel === 'alerts' ? { type: 'subscribe', channel, after } : { type: 'subscribe', channel, filter: {}, after });
    return out;
  }

  /** Where a reconnect should resume (`/ws?after=`), if anything was seen. */
  resumeQuery(): string {
    return this.position === undefined ? '' : `?after=${this.position}`;
  }

  classify(text: string): ServerMessage {
    let m: unknown;
    try {
      m = JSON.parse(text);
    } catch {
      return { kind: 'ignored' };
    }
    if (m === null || typeof m !== 'object') return { kind: 'ignored' };
    const o = m as Record<string, unknown>;
    switch (o.type) {
      case 'welcome':
        return typeof o.head === 'number' ? { kind: 'welcome', head: o.head } : { kind: 'ignored' };
      case 'authenticated':
        return { kind: 'authenticated', user: String(o.user) };
      case 'subscribed':
        return { kind: 'subscribed', channel: String(o.channel), after: Number(o.after) };
      case 'error':
        return { kind: 'error', message: String(o.message), ...(typeof o.field === 'string' ? { field: o.field } : {}) };
    }
    if (typeof o.type !== 'string' || typeof o.position !== 'number') return { kind: 'ignored' };
    if (this.position !== undefined && o.position <= this.position) return { kind: 'repeat', position: o.position };
    this.position = o.position;
    const event = o as unknown as PushedEvent;
    return ALERT.test(o.type) ? { kind: 'alert', event } : { kind: 'observation', event };
  }
}

/** Reconnect delay: doubles from 0.5 s to 15 s. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(15_000, 500 * 2 ** Math.min(attempt, 5));
}
