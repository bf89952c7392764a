// The WebSocket protocol's client → server messages, parsed and checked. A bad message becomes an
// error reply naming what is wrong; it never closes the connection or throws out of the hub.
import { parseAircraftFilter, type AircraftFilter } from '../api/aircraft-filter.ts';

export type Channel = 'aircraft' | 'alerts';

export type ClientMessage =
  | { type: 'auth'; token: string }
  | { type: 'subscribe'; channel: 'aircraft'; filter: AircraftFilter; after?: number }
  | { type: 'subscribe'; channel: 'alerts'; after?: number }
  | { type: 'unsubscribe'; channel: Channel };

export type ServerControl =
  | { type: 'welcome'; head: number; user?: string }
  | { type: 'authenticated'; user: string }
  | { type: 'subscribed'; channel: Channel; after: number }
  | { type: 'unsubscribed'; channel: Channel }
  | { type: 'error'; message: string; field?: string };

export class ProtocolError extends Error {
  constructor(readonly field: string | undefined, message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export function parseClientMessage(text: string): ClientMessage {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    throw new ProtocolError(undefined, 'message is not JSON');
  }
  if (m === null || typeof m !== 'object' || Array.isArray(m)) throw new ProtocolError(undefined, 'message must be a JSON object');
  const o = m as Record<string, unknown>;
  switch (o.type) {
    case 'auth':
      if (typeof o.token !== 'string' || o.token === '') throw new ProtocolError('token', 'token must be a non-empty string');
      return { type: 'auth', token: o.token };
    case 'subscribe': {
      const channel = channelOf(o.channel);
      let after: number | undefined;
      if (o.after !== undefined) {
        if (typeof o.after !== 'number' || !Number.isSafeInteger(o.after) || o.after < 0) throw new ProtocolError('after', 'after must be a log position (integer ≥ 0)');
        after = o.after;
      }
      if (channel === 'alerts') return { type: 'subscribe', channel, ...(after === undefined ? {} : { after }) };
      const raw = o.filter ?? {};
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ProtocolError('filter', 'filter must be an object');
      const unknown = Object.keys(raw).find((k) => !['callsign', 'icao', 'squawk', 'circle', 'box'].includes(k));
      if (unknown !== undefined) throw new ProtocolError(`filter.${unknown}`, `filter.${unknown} is not a known filter (callsign, icao, squawk, circle, box)`);
      try {
        return { type: 'subscribe', channel, filter: parseAircraftFilter(raw as Record<string, unknown>, 'filter.'), ...(after === undefined ? {} : { after }) };
      } catch (err) {
        const e = err as { field?: string; message?: string };
        throw new ProtocolError(e.field, String(e.message));
      }
    }
    case 'unsubscribe':
      return { type: 'unsubscribe', channel: channelOf(o.channel) };
    default:
      throw new ProtocolError('type', 'type must be auth, subscribe or unsubscribe');
  }
}

function channelOf(v: unknown): Channel {
  if (v === 'aircraft' || v === 'alerts') return v;
  throw new ProtocolError('channel', 'channel must be "aircraft" or "alerts"');
}
