// Runs projections over the log: a page of events per transaction, each projection's rows and its
// checkpoint committed together, so a crash leaves every projection at a page boundary it can
// resume from. Error policy: a page that throws is rolled back and replayed event by event; an
// event that still fails after `maxAttempts` is parked (recorded in `parked_events` and counted)
// and the projection moves past it, so one bad event cannot stall a read model forever.
// Layouts: each projection's table layout version is recorded; a projection whose recorded version
// differs from its code's (a database written by an older release) is emptied and replayed from
// the log on open. The log itself is never touched.
import type { Statement } from 'better-sqlite3';
import type { LoggedEvent } from './event-log.ts';
import type { SqliteDatabase } from './open-database.ts';
import type { ProjectionTables } from './projections/projection-tables.ts';
import type { SqliteEventLog } from './sqlite-event-log.ts';

export const RUNNER_TABLES = ['projection_checkpoints', 'parked_events', 'projection_layouts'] as const;

const CREATE = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS parked_events (
  projection TEXT NOT NULL, position INTEGER NOT NULL, event_id TEXT NOT NULL, error TEXT NOT NULL,
  attempts INTEGER NOT NULL, PRIMARY KEY (projection, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS projection_layouts (projection TEXT PRIMARY KEY, layout INTEGER NOT NULL) WITHOUT ROWID;
`;

/** Databases written before layouts were recorded hold every projection at its first layout. */
const FIRST_LAYOUT = 1;

export interface RunnerOptions {
  /** Events read and applied per transaction (default 5000). */
  pageSize?: number;
  /** Tries per failing event before it is parked (default 3). */
  maxAttempts?: number;
}

export interface CatchUpProgress {
  /** Lowest checkpoint across the projections after this page. */
  position: number;
  head: number;
  applied: number;
}

export class ProjectionRunner {
  readonly projections: readonly ProjectionTables[];
  /** Events parked since this runner started, by projection. */
  readonly parked: Record<string, number> = {};
  private readonly db: SqliteDatabase;
  private readonly pageSize: number;
  private readonly maxAttempts: number;
  private readonly checkpoints = new Map<string, number>();
  private readonly getCheckpoint: Statement;
  private readonly setCheckpoint: Statement;
  private readonly park: Statement;

  constructor(private readonly log: SqliteEventLog, projections: readonly ProjectionTables[], options: RunnerOptions = {}) {
    this.db = log.db;
    this.projections = projections;
    this.pageSize = options.pageSize ?? 5000;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.db.exec(CREATE);
    this.getCheckpoint = this.db.prepare('SELECT position FROM projection_checkpoints WHERE projection = ?').pluck(true);
    this.setCheckpoint = this.db.prepare('INSERT OR REPLACE INTO projection_checkpoints (projection, position) VALUES (?, ?)');
    this.park = this.db.prepare('INSERT OR REPLACE INTO parked_events (projection, position, event_id, error, attempts) VALUES (?, ?, ?, ?, ?)');
    this.resetChangedLayouts();
    this.reloadCheckpoints();
    for (const p of projections) this.parked[p.name] = 0;
  }

  /** Empties every projection whose recorded layout is not its current one and sends its checkpoint to 0. */
  private resetChangedLayouts(): void {
    const getLayout = this.db.prepare('SELECT layout FROM projection_layouts WHERE projection = ?').pluck(true);
    const setLayout = this.db.prepare('INSERT OR REPLACE INTO projection_layouts (projection, layout) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const p of this.projections) {
        const want = p.layout ?? FIRST_LAYOUT;
        const row = getLayout.get(p.name) as number | undefined;
        if ((row ?? FIRST_LAYOUT) !== want) {
          p.truncate();
          this.setCheckpoint.run(p.name, 0);
        }
        if (row !== want) setLayout.run(p.name, want);
      }
    })();
  }

  private reloadCheckpoints(): void {
    for (const p of this.projections) this.checkpoints.set(p.name, (this.getCheckpoint.get(p.name) as number | undefined) ?? 0);
  }

  checkpoint(name: string): number {
    return this.checkpoints.get(name) ?? 0;
  }

  /** head − checkpoint per projection: how far each read model is behind the log. */
  lag(): Record<string, number> {
    const head = this.log.headSync();
    const out: Record<string, number> = {};
    for (const p of this.projections) out[p.name] = head - this.checkpoint(p.name);
    return out;
  }

  /** Applies everything up to the head; returns the number of (event, projection) applications. */
  catchUp(onPage?: (progress: CatchUpProgress) => void): number {
    let applied = 0;
    const head = this.log.headSync();
    for (;;) {
      const from = Math.min(...this.projections.map((p) => this.checkpoint(p.name)));
      if (from >= head) break;
      const page = this.log.readSync({ after: from, limit: this.pageSize });
      if (page.length === 0) break;
      applied += this.applyPage(page);
      onPage?.({ position: Math.min(...this.projections.map((p) => this.checkpoint(p.name))), head, applied });
    }
    return applied;
  }

  /** Empties the named projections (all by default) and replays the whole log into them, in one transaction. */
  rebuild(names?: readonly string[], onPage?: (progress: CatchUpProgress) => void): number {
    const targets = names === undefined ? this.projections : this.projections.filter((p) => names.includes(p.name));
    const run = this.db.transaction(() => {
      for (const p of targets) {
        p.truncate();
        this.setCheckpoint.run(p.name, 0);
        this.checkpoints.set(p.name, 0);
      }
      return this.catchUp(onPage);
    });
    try {
      return run();
    } catch (err) {
      for (const p of this.projections) p.discard();
      this.reloadCheckpoints();
      throw err;
    }
  }

  private applyPage(page: LoggedEvent[]): number {
    const last = page[page.length - 1].position;
    let n: number;
    try {
      n = this.db.transaction(() => {
        let applied = 0;
        for (const p of this.projections) {
          const cp = this.checkpoint(p.name);
          for (const e of page) {
            if (e.position > cp) {
              p.apply(e);
              applied++;
            }
          }
          p.flush();
          this.setCheckpoint.run(p.name, last);
        }
        return applied;
      })();
    } catch {
      for (const p of this.projections) p.discard();
      n = this.applyPageCarefully(page);
    }
    for (const p of this.projections) this.checkpoints.set(p.name, last);
    return n;
  }

  private applyPageCarefully(page: LoggedEvent[]): number {
    const last = page[page.length - 1].position;
    let n = 0;
    this.db.transaction(() => {
      for (const p of this.projections) {
        const cp = this.checkpoint(p.name);
        for (const e of page) {
          if (e.position <= cp) continue;
          let error: unknown;
          let attempt = 0;
          for (; attempt < this.maxAttempts; attempt++) {
            try {
              this.db.transaction(() => {
                p.apply(e);
                p.flush();
              })();
              error = undefined;
              n++;
              break;
            } catch (err) {
              p.discard();
              error = err;
            }
          }
          if (error !== undefined) {
            this.park.run(p.name, e.position, e.event.id, error instanceof Error ? error.message : String(error), attempt);
            this.parked[p.name]++;
          }
        }
        this.setCheckpoint.run(p.name, last);
      }
    })();
    return n;
  }

  parkedEvents(): { projection: string; position: number; event_id: string; error: string; attempts: number }[] {
    return this.db.prepare('SELECT projection, position, event_id, error, attempts FROM parked_events ORDER BY projection, position').all() as never;
  }
}
