// The ingestion pipeline: frames → decoder → observation injector (+ cleanup ticks) → event log
// (one append per `batchMillis` of traffic) → projections caught up after each append.
//
// Two kinds of traffic, two commit rules. Positions, velocities and altitudes are the bulk (up to
// one per second per aircraft): they go in one transaction per `batchMillis` of traffic, so a busy
// sky costs ~10 commits a second, not thousands. Identities and squawks are rare (first seen, on
// change, at most once a minute per aircraft: a few a second even with hundreds of aircraft) and
// they are what callsign, squawk and emergency watches alert on: the frame that produces one
// flushes the pending batch at once, so the alert does not wait up to a batch of traffic plus the
// idle flush. The flush takes the urgent event and everything pending before it, in order, so the
// log's order is the injector's order either way; event ids derive from the frames, never from
// batch boundaries, so a replay appends the same events in the same order whatever it commits when.
// A capture replayed at full speed turns the rule off (`flushAlertWorthy: false`): it runs ahead of
// the clock, nobody waits on its alerts, and a commit with its projection catch-up (~1 ms) per
// identity would cost a fast replay more than half its throughput.
import { AIRCRAFT_IDENTIFIED, SQUAWK_RECEIVED, secondsToMicros, type SkyledgerEvent } from '../events/index.ts';
import { CleanupTicker, ObservationInjector, type CleanupTickOptions, type ObservationPolicy } from '../injectors/index.ts';
import { Decoder, type DecoderOptions } from '../modes/index.ts';
import type { FrameBatch } from '../sources/frame-batch.ts';
import type { ProjectionRunner } from '../store/projection-runner.ts';
import type { SqliteEventLog } from '../store/sqlite-event-log.ts';

export interface IngestOptions {
  /** Receiver name; events get source `/receivers/<name>`. */
  receiver: string;
  policy?: ObservationPolicy;
  /** Cleanup ticks from traffic time; false = none (a live service ticks from the clock instead). */
  ticks?: CleanupTickOptions | false;
  /** Traffic time per append transaction, ms (default 100). */
  batchMillis?: number;
  /** Events per append at most (default 5000). */
  maxBatch?: number;
  /**
   * Wall-clock ms that must also have passed since the last append (default = batchMillis). Live
   * and paced replays are ruled by traffic time; a replay at full speed is ruled by this, so it
   * commits ~10 times a second instead of once per 100 ms of capture.
   */
  minWallMillis?: number;
  /** The wall clock (ms), for the rule above. */
  now?: () => number;
  /**
   * Append at once when a frame yields an identity or squawk event (default true): watches alert on
   * them, and they are rare enough that committing each costs little (see the note at the top).
   */
  flushAlertWorthy?: boolean;
  decoder?: DecoderOptions;
}

export interface IngestCounts {
  frames: number;
  accepted: number;
  rejected: number;
  mlat: number;
  events: number;
  appended: number;
  skipped: number;
  appends: number;
}

export class Ingest {
  readonly decoder: Decoder;
  readonly injector: ObservationInjector;
  readonly ticker: CleanupTicker | null;
  readonly counts: IngestCounts = { frames: 0, accepted: 0, rejected: 0, mlat: 0, events: 0, appended: 0, skipped: 0, appends: 0 };
  private readonly batchUs: number;
  private readonly maxBatch: number;
  private readonly minWallMs: number;
  private readonly now: () => number;
  private readonly flushAlertWorthy: boolean;
  private pending: SkyledgerEvent[] = [];
  private batchStart = 0;
  private lastFlushWall: number;

  constructor(readonly log: SqliteEventLog, readonly runner: ProjectionRunner | null, options: IngestOptions) {
    this.decoder = new Decoder(options.decoder);
    this.injector = new ObservationInjector(options.receiver, options.policy);
    this.ticker = options.ticks === false ? null : new CleanupTicker(options.receiver, options.ticks);
    this.batchUs = (options.batchMillis ?? 100) * 1000;
    this.maxBatch = options.maxBatch ?? 5000;
    this.minWallMs = options.minWallMillis ?? options.batchMillis ?? 100;
    this.now = options.now ?? (() => performance.now());
    this.flushAlertWorthy = options.flushAlertWorthy ?? true;
    this.lastFlushWall = this.now();
  }

  push(batch: FrameBatch): void {
    for (let i = 0; i < batch.length; i++) {
      if (batch.mlat(i)) {
        this.counts.frames++;
        this.counts.mlat++;
        continue;
      }
      this.frame(batch.bytesOf(i), batch.receivedAt[i]);
    }
  }

  /** One frame received at `receivedAtMs` (milliseconds since the epoch, fractional). */
  frame(bytes: Uint8Array, receivedAtMs: number): void {
    this.counts.frames++;
    const t = secondsToMicros(receivedAtMs / 1000);
    const n = this.pending.length;
    if (n > 0 && ((t - this.batchStart >= this.batchUs && this.now() - this.lastFlushWall >= this.minWallMs) || n >= this.maxBatch)) this.flush();
    const pending = this.pending;
    const before = pending.length;
    this.ticker?.advance(t, pending);
    const m = this.decoder.decode(bytes, receivedAtMs / 1000);
    if (m === null) this.counts.rejected++;
    else {
      this.counts.accepted++;
      this.injector.observe(m, t, pending);
    }
    if (before === 0 && pending.length > 0) this.batchStart = t;
    if (this.flushAlertWorthy && pending.length > before && alertWorthy(pending, before)) this.flush();
  }

  /** Appends what is pending and brings the projections up to date. */
  flush(): void {
    this.lastFlushWall = this.now();
    if (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const r = this.log.appendSync(batch);
      this.counts.events += batch.length;
      this.counts.appended += r.appended;
      this.counts.skipped += r.skipped;
      this.counts.appends++;
    }
    this.runner?.catchUp();
  }
}

/** Whether an event from `from` on is one a watch alerts on without waiting for the batch. */
function alertWorthy(events: readonly SkyledgerEvent[], from: number): boolean {
  for (let i = from; i < events.length; i++) {
    const type = events[i].type;
    if (type === AIRCRAFT_IDENTIFIED || type === SQUAWK_RECEIVED) return true;
  }
  return false;
}
