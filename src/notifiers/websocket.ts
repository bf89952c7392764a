// The WebSocket notifier: pushes log events to subscribed clients and never appends. One live
// reader follows the log (the log's pull-based `subscribe`) and fans each event out to the clients
// that are caught up. A client that asks for `after` is first fed from the log, page by page at its
// own pace, and joins the live fan-out only at the moment its cursor has reached the reader's, in
// the same synchronous step, so nothing is missed; every client keeps its own cursor (the position
// of the last event it was sent) and is never sent a position at or below it, so nothing arrives
// twice. Each push is the structured-mode CloudEvent with the extension attribute `position`.
// A client whose send buffer passes `maxBufferedBytes` is closed with 1013 and a reason, so a slow
// reader costs at most that much memory.
import type { EventLog, LoggedEvent } from '../store/event-log.ts';
import type { AircraftFilter } from '../api/aircraft-filter.ts';
import { isEmptyFilter, matchesAircraft } from '../api/aircraft-filter.ts';
import type { Authenticator } from '../api/tokens.ts';
import type { SkyledgerEvent } from '../events/index.ts';
import { WsAircraftState, type AircraftLookup } from './ws-aircraft-state.ts';
import { parseClientMessage, ProtocolError, type Channel, type ServerControl } from './ws-protocol.ts';

/** The part of a `ws` WebSocket the hub uses (a fake in unit tests). */
export interface HubSocket {
  send(data: string): void;
  readonly bufferedAmount: number;
  close(code: number, reason: string): void;
}

export interface HubLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface WebSocketHubOptions {
  log: EventLog;
  authenticator: Authenticator;
  /** The aircraft projection, for aircraft the hub has not seen an event about yet. */
  lookupAircraft?: AircraftLookup;
  /** The user a watch belongs to (watch aggregate/projection); the hub also learns from watch_started events. */
  watchOwner?: (watchId: string) => string | undefined;
  /** Aircraft stream requires an authenticated client. */
  readTokenRequired?: boolean;
  /** Send-buffer bytes above which a client is closed as too slow (default 1 MiB). */
  maxBufferedBytes?: number;
  /** Events per catch-up read (default 500). */
  catchUpPage?: number;
  /** How long a catch-up may wait for a full send buffer to drain before the client is closed (default 30 s). */
  stallTimeoutMs?: number;
  logger?: HubLogger;
}

export const SLOW_CLIENT_CLOSE_CODE = 1013;
const OBSERVATION = /^org\.skyledger\.(aircraft_identified|squawk_received|position_reported|velocity_reported|altitude_reported)\.v\d+$/;
const ALERT = /^org\.skyledger\.(flight_spotted|flight_lost)\.v\d+$/;
const WATCH_STARTED = /^org\.skyledger\.watch_started\.v\d+$/;

interface Client {
  readonly id: number;
  readonly socket: HubSocket;
  user: string | undefined;
  aircraft: AircraftFilter | null;
  alerts: boolean;
  /** Position of the last event sent (or skipped as not matching); undefined until first subscribe. */
  cursor: number | undefined;
  live: boolean;
  catchingUp: boolean;
  closed: boolean;
  sent: number;
}

export interface HubCounts {
  clients: number;
  live: number;
  pushed: number;
  closedSlow: number;
  badMessages: number;
}

export class WebSocketHub {
  private readonly options: Required<Pick<WebSocketHubOptions, 'maxBufferedBytes' | 'catchUpPage' | 'stallTimeoutMs'>> & WebSocketHubOptions;
  private readonly clients = new Set<Client>();
  private readonly liveClients = new Set<Client>();
  private readonly aircraft: WsAircraftState;
  private readonly owners = new Map<string, string>();
  private readonly stop = new AbortController();
  private nextId = 1;
  private started: Promise<void> | undefined;
  /** The position up to which the live reader has fanned events out. */
  private position = 0;
  readonly counts = { pushed: 0, closedSlow: 0, badMessages: 0 };

  constructor(options: WebSocketHubOptions) {
    this.options = { maxBufferedBytes: 1 << 20, catchUpPage: 500, stallTimeoutMs: 30_000, ...options };
    this.aircraft = new WsAircraftState(options.lookupAircraft);
  }

  /** Starts following the log from its current head; resolves once the reader is positioned. */
  async start(): Promise<void> {
    if (this.started) return this.started;
    this.position = await this.options.log.head();
    let ready!: () => void;
    this.started = new Promise<void>((resolve) => (ready = resolve));
    void this.follow(ready);
    return this.started;
  }

  get head(): number {
    return this.position;
  }

  stats(): HubCounts {
    return { clients: this.clients.size, live: this.liveClients.size, ...this.counts };
  }

  /** A new connection, already authenticated as `user` if it presented a token on the upgrade. */
  attach(socket: HubSocket, init: { user?: string; after?: number } = {}): Client {
    const client: Client = {
      id: this.nextId++, socket, user: init.user, aircraft: null, alerts: false, cursor: init.after,
      live: false, catchingUp: false, closed: false, sent: 0,
    };
    this.clients.add(client);
    this.control(client, { type: 'welcome', head: this.position, ...(init.user ? { user: init.user } : {}) });
    return client;
  }

  detach(client: Client): void {
    client.closed = true;
    this.clients.delete(client);
    this.liveClients.delete(client);
  }

  /** A text message from the client. */
  receive(client: Client, text: string): void {
    if (client.closed) return;
    let m;
    try {
      m = parseClientMessage(text);
    } catch (err) {
      this.counts.badMessages++;
      const e = err as ProtocolError;
      this.control(client, { type: 'error', message: e.message, ...(e.field ? { field: e.field } : {}) });
      return;
    }
    switch (m.type) {
      case 'auth': {
        const user = this.options.authenticator.authenticate(m.token);
        if (user === undefined) this.control(client, { type: 'error', field: 'token', message: 'unknown token' });
        else {
          client.user = user;
          this.control(client, { type: 'authenticated', user });
        }
        return;
      }
      case 'unsubscribe':
        if (m.channel === 'aircraft') client.aircraft = null;
        else client.alerts = false;
        this.control(client, { type: 'unsubscribed', channel: m.channel });
        return;
      case 'subscribe': {
        if (m.channel === 'alerts' && client.user === undefined) {
          this.control(client, { type: 'error', field: 'channel', message: 'the alerts channel requires authentication (send {"type":"auth","token":…} first)' });
          return;
        }
        if (m.channel === 'aircraft' && this.options.readTokenRequired && client.user === undefined) {
          this.control(client, { type: 'error', field: 'channel', message: 'this server requires a token to read (send {"type":"auth","token":…} first)' });
          return;
        }
        if (m.after !== undefined && (client.live || client.catchingUp)) {
          this.control(client, { type: 'error', field: 'after', message: 'after applies to the first subscription of a connection' });
          return;
        }
        if (m.after !== undefined) client.cursor = m.after;
        if (m.channel === 'aircraft') client.aircraft = m.filter;
        else client.alerts = true;
        if (client.cursor === undefined) client.cursor = this.position;
        this.control(client, { type: 'subscribed', channel: m.channel, after: client.cursor });
        if (!client.live && !client.catchingUp) void this.catchUp(client);
        return;
      }
    }
  }

  /** Stops the live reader and closes every client (1001 going away). */
  async close(): Promise<void> {
    this.stop.abort();
    for (const c of [...this.clients]) {
      c.socket.close(1001, 'server shutting down');
      this.detach(c);
    }
  }

  private async follow(ready: () => void): Promise<void> {
    const events = this.options.log.subscribe({ after: this.position, signal: this.stop.signal });
    ready();
    try {
      for await (const logged of events) {
        this.aircraftOrOwner(logged.event);
        const text = { value: undefined as string | undefined };
        for (const c of this.liveClients) this.deliver(c, logged, text);
        this.position = logged.position;
      }
    } catch (err) {
      this.options.logger?.warn({ err: err instanceof Error ? err.message : String(err) }, 'websocket hub stopped reading the log');
    }
  }

  private aircraftOrOwner(e: SkyledgerEvent): void {
    const type = e.type as string;
    if (WATCH_STARTED.test(type)) {
      const user = /^\/users\/(.+)$/.exec(e.source)?.[1];
      const watch = watchIdOf(e);
      if (user !== undefined && watch !== undefined) this.owners.set(watch, decodeURIComponent(user));
    } else this.aircraft.observe(e);
  }

  /** Feeds a client from the log until it reaches the live reader, then joins the live fan-out. */
  private async catchUp(c: Client): Promise<void> {
    c.catchingUp = true;
    const stall = this.options.stallTimeoutMs;
    try {
      for (;;) {
        if (c.closed) return;
        if ((c.cursor ?? 0) >= this.position) {
          // Synchronous with the check: the reader cannot move between them.
          this.liveClients.add(c);
          c.live = true;
          return;
        }
        // Reading from the log costs no memory while the client is slow: wait for its buffer.
        let waited = 0;
        while (c.socket.bufferedAmount > this.options.maxBufferedBytes / 2) {
          if (c.closed) return;
          if (waited >= stall) {
            this.closeSlow(c, `catch-up stalled: send buffer over ${this.options.maxBufferedBytes / 2} bytes for ${stall} ms`);
            return;
          }
          await pause(20);
          waited += 20;
        }
        const page = await this.options.log.read({ after: c.cursor, limit: this.options.catchUpPage });
        if (c.closed) return;
        if (page.length === 0) {
          c.cursor = Math.max(c.cursor ?? 0, this.position);
          continue;
        }
        for (const logged of page) {
          if (logged.position > this.position) {
            // The log holds nothing between the last event sent and this one: the client is level
            // with the reader, which will hand it this event live.
            c.cursor = Math.max(c.cursor ?? 0, this.position);
            break;
          }
          this.deliver(c, logged, { value: undefined });
          if (c.closed) return;
        }
        // Let the live reader and other clients run between pages.
        await pause(0);
      }
    } finally {
      c.catchingUp = false;
    }
  }

  private deliver(c: Client, logged: LoggedEvent, text: { value: string | undefined }): void {
    if (c.closed || logged.position <= (c.cursor ?? 0)) return;
    c.cursor = logged.position;
    if (!this.wants(c, logged.event)) return;
    if (c.socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.closeSlow(c, `client too slow: send buffer over ${this.options.maxBufferedBytes} bytes`);
      return;
    }
    text.value ??= JSON.stringify({ ...logged.event, position: logged.position });
    c.socket.send(text.value);
    c.sent++;
    this.counts.pushed++;
  }

  private wants(c: Client, e: SkyledgerEvent): boolean {
    const type = e.type as string;
    if (c.aircraft !== null && OBSERVATION.test(type)) {
      if (isEmptyFilter(c.aircraft)) return true;
      const view = this.aircraft.viewOf(e);
      return view !== undefined && matchesAircraft(c.aircraft, view);
    }
    if (c.alerts && c.user !== undefined && ALERT.test(type)) {
      const watch = watchIdOf(e);
      if (watch === undefined) return false;
      const owner = this.owners.get(watch) ?? this.options.watchOwner?.(watch);
      return owner === c.user;
    }
    return false;
  }

  /** The hub learns watch owners from the watch service too (e.g. from `list(user)`). */
  noteWatchOwner(watchId: string, user: string): void {
    this.owners.set(watchId, user);
  }

  private closeSlow(c: Client, reason: string): void {
    this.counts.closedSlow++;
    this.options.logger?.info({ client: c.id, user: c.user, buffered: c.socket.bufferedAmount, sent: c.sent }, reason);
    // Close reasons are limited to 123 bytes.
    c.socket.close(SLOW_CLIENT_CLOSE_CODE, reason.slice(0, 123));
    this.detach(c);
  }

  private control(c: Client, m: ServerControl): void {
    if (!c.closed) c.socket.send(JSON.stringify(m));
  }
}

export type HubClient = Client;
export type { Channel };

function watchIdOf(e: SkyledgerEvent): string | undefined {
  const data = e.data as unknown as Record<string, unknown> | null;
  const fromData = data && typeof data.watch_id === 'string' ? data.watch_id : undefined;
  return fromData ?? e.subject;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
