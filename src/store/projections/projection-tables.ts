// What the projection runner needs from each projection's SQL side. The pure projector decides;
// this side loads the rows it asks about, buffers the changes of a page, and writes them when the
// runner commits that page together with the checkpoint.
import type { Statement } from 'better-sqlite3';
import type { LoggedEvent } from '../event-log.ts';
import type { SqliteDatabase } from '../open-database.ts';

export interface ProjectionTables {
  /** Also the checkpoint's key. */
  readonly name: string;
  /**
   * Version of its table layout and of what the rows mean (1 when absent). Bump it whenever either
   * changes: the runner records it, and when a database holds another version it empties the
   * projection and replays the log into it. Read models are rebuilt, never migrated in place.
   */
  readonly layout?: number;
  /** The tables this projection owns; it touches no others (law 9). */
  readonly tables: readonly string[];
  /** Every SQL statement it runs, for the test that enforces law 9. */
  readonly statements: readonly string[];
  apply(e: LoggedEvent): void;
  /** Writes buffered changes; called inside the page's transaction. */
  flush(): void;
  /** Drops buffered changes and caches after a rolled-back transaction. */
  discard(): void;
  /** Empties its tables (inside a rebuild's transaction). */
  truncate(): void;
  /** Every row of every owned table in a fixed order, one JSON line each (replay determinism). */
  dump(): string;
}

/** Prepares statements and remembers their SQL, so a projection can list what it runs. */
export class StatementBook {
  readonly sql: string[] = [];
  constructor(private readonly db: SqliteDatabase) {}

  prepare(sql: string): Statement {
    this.sql.push(sql);
    return this.db.prepare(sql);
  }

  exec(sql: string): void {
    this.sql.push(sql);
    this.db.exec(sql);
  }
}

export function dumpTables(db: SqliteDatabase, tables: readonly { name: string; orderBy: string }[]): string {
  let out = '';
  for (const t of tables) {
    for (const row of db.prepare(`SELECT * FROM ${t.name} ORDER BY ${t.orderBy}`).raw(true).iterate()) {
      out += `${t.name} ${JSON.stringify(row)}\n`;
    }
  }
  return out;
}

/**
 * Drops `table` when it exists with other columns than `columns` (a database written by an older
 * layout), so the CREATE that follows makes the current one. The rows are not lost: the runner
 * sees the layout change and replays the log into the new table.
 */
export function dropIfColumnsDiffer(book: StatementBook, table: string, columns: readonly string[]): void {
  const existing = (book.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  if (existing.length === 0 || (existing.length === columns.length && columns.every((c) => existing.includes(c)))) return;
  book.exec(`DROP TABLE ${table}`);
}

/**
 * Rows by key for a projection's page: loaded from the table on first use (a missing row is
 * remembered too), changed in memory, written back on flush. Past `limit` rows the cache is
 * emptied after a flush so a long replay does not hold every aircraft ever seen.
 */
export class RowCache<R> {
  private readonly rows = new Map<string, R | null>();
  private readonly dirty = new Set<string>();

  constructor(
    private readonly load: (key: string) => R | undefined,
    private readonly write: (row: R) => void,
    private readonly limit: number,
  ) {}

  get(key: string): R | undefined {
    let cached = this.rows.get(key);
    if (cached === undefined) {
      cached = this.load(key) ?? null;
      this.rows.set(key, cached);
    }
    return cached ?? undefined;
  }

  set(key: string, row: R): void {
    this.rows.set(key, row);
    this.dirty.add(key);
  }

  flush(): void {
    for (const key of this.dirty) {
      const row = this.rows.get(key);
      if (row) this.write(row);
    }
    this.dirty.clear();
    if (this.rows.size > this.limit) this.rows.clear();
  }

  /** Forgets every row, written or not (after a rollback, or once a purge has changed the table). */
  clear(): void {
    this.dirty.clear();
    this.rows.clear();
  }
}
