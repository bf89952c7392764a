// Runs the watch process managers: follows the log from its checkpoint (the log's subscribe, which
// wakes on every append through the same log instance, so the live path never waits on a poll),
// routes each event to every active watch instance (one per watch, keyed by watch id), turns their
// commands into alert facts and appends them. On start the instances are rebuilt from the events
// themselves: the log is replayed from the first watch_started of any watch still active at the
// checkpoint, with commands dropped up to the checkpoint (they were appended before). Alert ids
// are derived from watch and trigger, so even replaying further appends nothing new.
import type { Statement } from 'better-sqlite3';
import { WATCH_STARTED, WATCH_STOPPED, type SkyledgerEvent } from '../events/index.ts';
import { alertFact, react, startWatchProcess, type WatchProcess } from '../processes/index.ts';
import type { LoggedEvent } from '../store/event-log.ts';
import type { SqliteEventLog } from '../store/sqlite-event-log.ts';

const CREATE = 'CREATE TABLE IF NOT EXISTS process_checkpoints (process TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID';
/** Events between checkpoint writes when nothing was appended (re-processing them is harmless). */
const CHECKPOINT_EVERY = 1000;

export interface WatchProcessRunnerOptions {
  name?: string;
  logger?: { warn(obj: object, msg?: string): void };
}

export interface WatchProcessCounts {
  events: number;
  commands: number;
  appended: number;
  errors: number;
}

export class WatchProcessRunner {
  readonly counts: WatchProcessCounts = { events: 0, commands: 0, appended: 0, errors: 0 };
  private readonly name: string;
  private readonly instances = new Map<string, WatchProcess>();
  private readonly stop = new AbortController();
  private readonly getCheckpoint: Statement;
  private readonly setCheckpoint: Statement;
  private readonly appendWithCheckpoint: (facts: SkyledgerEvent[], position: number) => number;
  private checkpoint = 0;
  private processed = 0;
  private sinceCheckpoint = 0;
  private waiters: { position: number; resolve: () => void }[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly log: SqliteEventLog, private readonly options: WatchProcessRunnerOptions = {}) {
    this.name = options.name ?? 'watches';
    log.db.exec(CREATE);
    this.getCheckpoint = log.db.prepare('SELECT position FROM process_checkpoints WHERE process = ?').pluck(true);
    this.setCheckpoint = log.db.prepare('INSERT OR REPLACE INTO process_checkpoints (process, position) VALUES (?, ?)');
    // The alerts and the checkpoint past their trigger commit together: one write, not two.
    this.appendWithCheckpoint = log.db.transaction((facts: SkyledgerEvent[], position: number) => {
      const appended = this.log.appendSync(facts).appended;
      this.setCheckpoint.run(this.name, position);
      return appended;
    });
  }

  /** Active watch instances. */
  get active(): number {
    return this.instances.size;
  }

  /** The position up to which every event has been routed. */
  get position(): number {
    return this.processed;
  }

  /** Rebuilds the instances and starts following the log in the background. */
  start(): void {
    if (this.running !== undefined) return;
    this.checkpoint = (this.getCheckpoint.get(this.name) as number | undefined) ?? 0;
    const from = this.replayStart(this.checkpoint);
    this.processed = from;
    this.running = this.follow(from);
  }

  /** Resolves once every event up to `position` has been routed and its alerts appended. */
  whenProcessed(position: number): Promise<void> {
    if (this.processed >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.running;
    this.saveCheckpoint();
  }

  /**
   * Where to start reading: before the oldest watch still active at the checkpoint. With none, no
   * event before the next watch_started can make a command, so reading starts just before it (or
   * at the head): a first start on a long log does not walk through it all.
   */
  private replayStart(checkpoint: number): number {
    const started = new Map<string, number>();
    let after = 0;
    for (;;) {
      const page = this.log.readSync({ after, limit: 1000, types: [WATCH_STARTED, WATCH_STOPPED] });
      for (const { position, event } of page) {
        if (position > checkpoint) return started.size > 0 ? minOr(started, checkpoint) : event.type === WATCH_STARTED ? position - 1 : this.nextStart(position);
        const id = (event.data as { watch_id: string }).watch_id;
        if (event.type === WATCH_STARTED) started.set(id, position);
        else started.delete(id);
      }
      if (page.length < 1000) return started.size > 0 ? minOr(started, checkpoint) : Math.max(checkpoint, this.log.headSync());
      after = page[page.length - 1].position;
    }
  }

  private nextStart(after: number): number {
    const [next] = this.log.readSync({ after, limit: 1, types: [WATCH_STARTED] });
    return next === undefined ? this.log.headSync() : next.position - 1;
  }

  private async follow(from: number): Promise<void> {
    try {
      for await (const logged of this.log.subscribe({ after: from, signal: this.stop.signal })) {
        try {
          this.route(logged);
        } catch (err) {
          // One malformed event (an import that skipped validation, a bug) must not stop every watch.
          this.counts.errors++;
          this.options.logger?.warn({ err: err instanceof Error ? err.message : String(err), position: logged.position }, 'watch process manager skipped an event');
        }
        this.processed = logged.position;
        if (++this.sinceCheckpoint >= CHECKPOINT_EVERY) this.saveCheckpoint();
        if (this.waiters.length > 0) this.wakeWaiters();
      }
    } catch (err) {
      this.counts.errors++;
      this.options.logger?.warn({ err: err instanceof Error ? err.message : String(err) }, 'watch process runner stopped reading the log');
    }
  }

  private route(logged: LoggedEvent): void {
    const e = logged.event as SkyledgerEvent;
    this.counts.events++;
    if (e.type === 'org.skyledger.flight_spotted.v1' || e.type === 'org.skyledger.flight_lost.v1') return;
    if (e.type === 'org.skyledger.watch_started.v1') {
      const criteria = (e.data as { criteria?: { kind?: unknown } }).criteria;
      if (typeof criteria?.kind === 'string' && !this.instances.has(e.data.watch_id)) this.instances.set(e.data.watch_id, startWatchProcess(e));
      return;
    }
    const live = logged.position > this.checkpoint;
    let facts: SkyledgerEvent[] | undefined;
    for (const [id, instance] of this.instances) {
      const commands = react(instance, logged);
      if (instance.stopped) this.instances.delete(id);
      if (commands.length === 0 || !live) continue;
      this.counts.commands += commands.length;
      facts ??= [];
      for (const c of commands) facts.push(alertFact(c));
    }
    if (facts !== undefined) {
      try {
        this.counts.appended += this.appendWithCheckpoint(facts, logged.position);
        this.checkpoint = logged.position;
        this.sinceCheckpoint = 0;
      } catch (err) {
        this.counts.errors++;
        this.options.logger?.warn({ err: err instanceof Error ? err.message : String(err), position: logged.position }, 'could not append alerts');
      }
    }
  }

  private saveCheckpoint(position = this.processed): void {
    if (position <= this.checkpoint) return;
    this.checkpoint = position;
    this.sinceCheckpoint = 0;
    try {
      this.setCheckpoint.run(this.name, position);
    } catch {
      // The database is closing; the next start re-processes from the older checkpoint.
    }
  }

  private wakeWaiters(): void {
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (this.processed >= w.position) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }
}

function minOr(started: Map<string, number>, fallback: number): number {
  let min = fallback;
  for (const p of started.values()) if (p - 1 < min) min = p - 1;
  return min;
}
