// The watches projection's table and read-side queries.
import type { Statement } from 'better-sqlite3';
import { applyToWatches, watchKey, type WatchRow } from '../../projectors/watches.ts';
import type { LoggedEvent } from '../event-log.ts';
import type { SqliteDatabase } from '../open-database.ts';
import { dumpTables, StatementBook, type ProjectionTables } from './projection-tables.ts';

const COLUMNS = ['watch_id', 'user_id', 'criteria', 'label', 'webhook', 'status', 'started_at', 'stopped_at', 'spotted', 'lost', 'last_alert_at'] as const;

const CREATE = `
CREATE TABLE IF NOT EXISTS watches (
  watch_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, criteria TEXT NOT NULL, label TEXT, webhook TEXT, status TEXT NOT NULL,
  started_at TEXT NOT NULL, stopped_at TEXT, spotted INTEGER NOT NULL, lost INTEGER NOT NULL, last_alert_at TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS watches_by_user ON watches(user_id, started_at);
`;

const SELECT = `SELECT ${COLUMNS.join(', ')} FROM watches`;

type SqlRow = Record<(typeof COLUMNS)[number], unknown>;

function fromSql(r: SqlRow): WatchRow {
  return {
    ...(r as unknown as WatchRow),
    criteria: JSON.parse(r.criteria as string),
    webhook: r.webhook === null ? null : JSON.parse(r.webhook as string),
  };
}

function toSql(r: WatchRow): unknown[] {
  return [
    r.watch_id, r.user_id, JSON.stringify(r.criteria), r.label, r.webhook === null ? null : JSON.stringify(r.webhook), r.status,
    r.started_at, r.stopped_at, r.spotted, r.lost, r.last_alert_at,
  ];
}

export class WatchTables implements ProjectionTables {
  readonly name = 'watches';
  readonly tables = ['watches'] as const;
  private readonly book: StatementBook;
  private readonly cache = new Map<string, WatchRow | null>();
  private readonly dirty = new Set<string>();
  private readonly selectOne: Statement;
  private readonly upsert: Statement;
  private readonly clear: Statement;

  constructor(private readonly db: SqliteDatabase) {
    this.book = new StatementBook(db);
    this.book.exec(CREATE);
    this.selectOne = this.book.prepare(`${SELECT} WHERE watch_id = ?`);
    this.upsert = this.book.prepare(`INSERT OR REPLACE INTO watches (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    this.clear = this.book.prepare('DELETE FROM watches');
  }

  get statements(): readonly string[] {
    return this.book.sql;
  }

  apply({ event }: LoggedEvent): void {
    const key = watchKey(event);
    if (key === undefined) return;
    let cached = this.cache.get(key);
    if (cached === undefined) {
      const r = this.selectOne.get(key) as SqlRow | undefined;
      cached = r === undefined ? null : fromSql(r);
      this.cache.set(key, cached);
    }
    const change = applyToWatches(cached ?? undefined, event);
    if (change.kind === 'upsert') {
      this.cache.set(change.row.watch_id, change.row);
      this.dirty.add(change.row.watch_id);
    }
  }

  flush(): void {
    for (const id of this.dirty) {
      const row = this.cache.get(id);
      if (row) this.upsert.run(toSql(row));
    }
    this.dirty.clear();
    if (this.cache.size > 5000) this.cache.clear();
  }

  discard(): void {
    this.dirty.clear();
    this.cache.clear();
  }

  truncate(): void {
    this.discard();
    this.clear.run();
  }

  dump(): string {
    return dumpTables(this.db, [{ name: 'watches', orderBy: 'watch_id' }]);
  }
}

export class WatchQueries {
  private readonly one: Statement;
  private readonly ofUser: Statement;

  constructor(db: SqliteDatabase) {
    this.one = db.prepare(`${SELECT} WHERE watch_id = ?`);
    this.ofUser = db.prepare(`${SELECT} WHERE user_id = ? ORDER BY started_at, watch_id`);
  }

  byId(watchId: string): WatchRow | undefined {
    const r = this.one.get(watchId) as SqlRow | undefined;
    return r === undefined ? undefined : fromSql(r);
  }

  /** Oldest first, active and stopped. */
  ofUserId(user: string): WatchRow[] {
    return (this.ofUser.all(user) as SqlRow[]).map(fromSql);
  }
}
