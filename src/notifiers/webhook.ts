// The webhook gateway: POSTs each alert (flight_spotted, flight_lost) as a structured-mode
// CloudEvent (`content-type: application/cloudevents+json`, with the log position as the extension
// attribute `position`) to the URL of the watch it belongs to. It reads events and never appends.
// The URL is sealed in the watch_started event with the owner's key and opened only at delivery,
// so a forgotten user's alerts are counted as unreadable and not sent. Failures (network errors,
// timeouts, 408/429/5xx) are retried with exponential backoff up to a bound; other 4xx are final.
// Delivery is at least once: the checkpoint only passes an alert once its delivery has ended, so
// a restart resends what was in flight. Nothing here throws into the service.
import type { Statement } from 'better-sqlite3';
import { FLIGHT_LOST, FLIGHT_SPOTTED, WATCH_STARTED, WATCH_STOPPED, type SealedField, type SkyledgerEvent } from '../events/index.ts';
import type { PersonalData } from '../security/personal-data.ts';
import type { LoggedEvent } from '../store/event-log.ts';
import type { SqliteEventLog } from '../store/sqlite-event-log.ts';

const CREATE = 'CREATE TABLE IF NOT EXISTS notifier_checkpoints (notifier TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID';

export interface WebhookGatewayOptions {
  log: SqliteEventLog;
  personal: PersonalData;
  /** Checkpoint key (default `webhook`). */
  name?: string;
  /** Tries per alert, first included (default 5). */
  attempts?: number;
  /** Delay before the second try; doubles each time (default 500 ms) up to maxDelayMs (default 30 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per request (default 5 s). */
  timeoutMs?: number;
  /** Deliveries in progress at once before the reader waits (default 64). */
  maxInFlight?: number;
  fetch?: typeof fetch;
  logger?: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
}

export interface WebhookCounts {
  /** Alerts accepted by the receiver (2xx). */
  delivered: number;
  /** Alerts given up on (final 4xx, or every try failed). */
  failed: number;
  /** Tries that failed and were tried again. */
  retried: number;
  /** HTTP requests made. */
  requests: number;
  /** Alerts whose URL could not be opened (user forgotten): not sent. */
  unreadable: number;
}

interface Target {
  user: string;
  sealed: SealedField;
}

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

export class WebhookGateway {
  readonly counts: WebhookCounts = { delivered: 0, failed: 0, retried: 0, requests: 0, unreadable: 0 };
  private readonly targets = new Map<string, Target>();
  private readonly pending = new Set<number>();
  private readonly stop = new AbortController();
  private readonly getCheckpoint: Statement;
  private readonly setCheckpoint: Statement;
  private readonly name: string;
  private readonly fetch: typeof fetch;
  private checkpoint = 0;
  private seen = 0;
  private running: Promise<void> | undefined;
  private room: (() => void) | undefined;
  private idle: (() => void)[] = [];

  constructor(private readonly options: WebhookGatewayOptions) {
    this.name = options.name ?? 'webhook';
    this.fetch = options.fetch ?? globalThis.fetch;
    options.log.db.exec(CREATE);
    this.getCheckpoint = options.log.db.prepare('SELECT position FROM notifier_checkpoints WHERE notifier = ?').pluck(true);
    this.setCheckpoint = options.log.db.prepare('INSERT OR REPLACE INTO notifier_checkpoints (notifier, position) VALUES (?, ?)');
  }

  start(): void {
    if (this.running !== undefined) return;
    this.checkpoint = (this.getCheckpoint.get(this.name) as number | undefined) ?? 0;
    this.seen = this.checkpoint;
    this.running = this.follow();
  }

  /** Deliveries in progress. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Resolves when no delivery is in progress (tests, shutdown). */
  settled(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Stops reading and abandons retries; undelivered alerts are resent after a restart. */
  async close(): Promise<void> {
    this.stop.abort();
    this.room?.();
    await this.running;
  }

  private async follow(): Promise<void> {
    // From the start for the watches (their URLs), alerts only after the checkpoint.
    const events = this.options.log.subscribe({ after: 0, types: [WATCH_STARTED, WATCH_STOPPED, FLIGHT_SPOTTED, FLIGHT_LOST], signal: this.stop.signal });
    try {
      for await (const logged of events) {
        const e = logged.event as SkyledgerEvent;
        switch (e.type) {
          case 'org.skyledger.watch_started.v1':
            if (isSealed(e.data.webhook)) this.targets.set(e.data.watch_id, { user: e.data.user_id, sealed: e.data.webhook });
            break;
          case 'org.skyledger.watch_stopped.v1':
            this.targets.delete(e.data.watch_id);
            break;
          case 'org.skyledger.flight_spotted.v1':
          case 'org.skyledger.flight_lost.v1': {
            if (logged.position <= this.checkpoint) break;
            const target = this.targets.get(e.data.watch_id);
            if (target === undefined) break;
            while (this.pending.size >= (this.options.maxInFlight ?? 64) && !this.stop.signal.aborted) {
              await new Promise<void>((resolve) => (this.room = resolve));
            }
            if (this.stop.signal.aborted) return;
            this.pending.add(logged.position);
            void this.deliver(logged, target, e.data.watch_id)
              .catch((err: unknown) => {
                this.counts.failed++;
                this.options.logger?.warn({ watch: e.data.watch_id, err: err instanceof Error ? err.message : String(err) }, 'webhook delivery failed');
              })
              .finally(() => this.done(logged.position));
            break;
          }
          default:
            break;
        }
        this.seen = logged.position;
        if (this.pending.size === 0) this.save(this.seen);
      }
    } catch (err) {
      this.options.logger?.warn({ err: err instanceof Error ? err.message : String(err) }, 'webhook gateway stopped reading the log');
    }
  }

  private async deliver(logged: LoggedEvent, target: Target, watchId: string): Promise<void> {
    const url = this.options.personal.open(target.user, target.sealed, watchId);
    if (url === undefined) {
      this.counts.unreadable++;
      return;
    }
    const body = JSON.stringify({ ...logged.event, position: logged.position });
    const attempts = Math.max(1, this.options.attempts ?? 5);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (this.stop.signal.aborted) return;
      let status: number | undefined;
      let reason: string;
      try {
        this.counts.requests++;
        const res = await this.fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/cloudevents+json; charset=utf-8', 'user-agent': 'skyledger-webhook/1', 'x-skyledger-attempt': String(attempt) },
          body,
          redirect: 'manual',
          signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs ?? 5000), this.stop.signal]),
        });
        status = res.status;
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) {
          this.counts.delivered++;
          return;
        }
        reason = `HTTP ${res.status}`;
      } catch (err) {
        if (this.stop.signal.aborted) return;
        reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      }
      const retryable = status === undefined || RETRYABLE.has(status);
      if (!retryable || attempt === attempts) {
        this.counts.failed++;
        // The URL is personal data: log the watch, not where it points.
        this.options.logger?.warn({ watch: watchId, position: logged.position, attempts: attempt, reason }, 'webhook delivery failed');
        return;
      }
      this.counts.retried++;
      await this.pause(this.delay(attempt));
    }
  }

  private delay(attempt: number): number {
    const base = this.options.baseDelayMs ?? 500;
    const capped = Math.min(this.options.maxDelayMs ?? 30_000, base * 2 ** (attempt - 1));
    // Full jitter on the upper half keeps many failing receivers from retrying in lockstep.
    return capped / 2 + Math.random() * (capped / 2);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const signal = this.stop.signal;
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private done(position: number): void {
    this.pending.delete(position);
    if (!this.stop.signal.aborted) {
      let min = Infinity;
      for (const p of this.pending) if (p < min) min = p;
      this.save(min === Infinity ? this.seen : min - 1);
    }
    const room = this.room;
    this.room = undefined;
    room?.();
    if (this.pending.size === 0) {
      const idle = this.idle;
      this.idle = [];
      for (const r of idle) r();
    }
  }

  private save(position: number): void {
    if (position <= this.checkpoint) return;
    this.checkpoint = position;
    try {
      this.setCheckpoint.run(this.name, position);
    } catch {
      // Closing database: the next start resends from the older checkpoint.
    }
  }
}

function isSealed(v: unknown): v is SealedField {
  const s = v as Partial<SealedField> | null | undefined;
  return typeof s === 'object' && s !== null && typeof s.kid === 'string' && typeof s.iv === 'string' && typeof s.ct === 'string' && typeof s.tag === 'string';
}
