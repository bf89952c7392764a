// The watches projection's table and read-side queries.
import type { Statement } from 'better-sqlite3';
import { applyToWatches, watchKey, type WatchRow } from '../../projectors/watches.ts';
import type { LoggedEvent } from '../event-log.ts';
import type { SqliteDatabase } from '../open-database.ts';
import { dumpTables, RowCache, StatementBook, type ProjectionTables } from './projection-tables.ts';

const COLUMNS = ['watch_id', 'user_id', 'criteria', 'label', 'webhook', 'status', 'started_at', 'stopped_at', 'spotted', 'lost', 'last_alert_at'] as const;

const CREATE = `
CREATE TABLE IF NOT EXISTS watches (
  watch_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, criteria TEXT NOT NULL, label TEXT, webhook TEXT, status TEXT NOT NULL,
  started_at TEXT NOT NULL, stopped_at TEXT, spotted INTEGER NOT NULL, lost INTEGER NOT NULL, last_alert_at TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS watches_by_user ON watches(user_id, started_at);
`;

const SELECT = `SELECT ${COLUMNS.join(', ')} FROM watches`;
const CACHE_LIMIT = 5000;

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
  private readonly cache: RowCache<WatchRow>;
  private readonly clear: Statement;

  constructor(private readonly db: SqliteDatabase) {
    this.book = new StatementBook(db);
    this.book.exec(CREATE);
    const selectOne = this.book.prepare(`${SELECT} WHERE watch_id = ?`);
    const upsert = this.book.prepare(`INSERT OR REPLACE INTO watches (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    this.cache = new RowCache(
      (id) => {
        const r = selectOne.get(id) as SqlRow | undefined;
        return r === undefined ? undefined : fromSql(r);
      },
      (row) => upsert.run(toSql(row)),
      CACHE_LIMIT,
    );
    this.clear = this.book.prepare('DELETE FROM watches');
  }

  get statements(): readonly string[] {
    return this.book.sql;
  }

  apply({ event }: LoggedEvent): void {
    const key = watchKey(event);
    if (key === undefined) return;
    const change = applyToWatches(this.cache.get(key), event);
    if (change.kind === 'upsert') {
      this.cache.set(change.row.watch_id, change.row);
    }
  }

  flush(): void {
    this.cache.flush();
  }

  discard(): void {
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
