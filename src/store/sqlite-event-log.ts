// The SQLite event log. A row holds only what the envelope needs, compactly: the type, source and
// non-ICAO subjects as small-integer references to lookup tables, an ICAO subject as its 24-bit
// number, the time as integer microseconds, the id as its 16 bytes and the data packed
// (packed-data.ts). The envelope is rebuilt on read. Position = rowid; triggers make rows immutable.
import type { Statement } from 'better-sqlite3';
import { formatMicros, parseMicros, uuidToBytes, type SkyledgerEvent } from '../events/index.ts';
import { UnstorableEventError, type AppendResult, type EventLog, type LoggedEvent, type ReadOptions, type SubscribeOptions } from './event-log.ts';
import type { SqliteDatabase } from './open-database.ts';
import { packDataView, unpackData } from './packed-data.ts';

export const EVENT_LOG_TABLES = ['events', 'event_types', 'event_sources', 'event_subjects'] as const;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS event_types (ref INTEGER PRIMARY KEY, type TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS event_sources (ref INTEGER PRIMARY KEY, source TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS event_subjects (ref INTEGER PRIMARY KEY, subject TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  id BLOB NOT NULL,
  type INTEGER NOT NULL,
  source INTEGER NOT NULL,
  subject INTEGER,
  time INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS events_by_id ON events(id);
CREATE INDEX IF NOT EXISTS events_by_subject ON events(subject) WHERE subject IS NOT NULL;
CREATE TRIGGER IF NOT EXISTS events_are_immutable BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are immutable: UPDATE rejected'); END;
CREATE TRIGGER IF NOT EXISTS events_are_permanent BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are immutable: DELETE rejected'); END;
`;

const HEX6 = new Map<number, string>();
const POLL_MS = 200;

type Row = [number, string, number, number, number | null, number, string];

/** Lookup table cached both ways; refreshed when another connection added a value we have not seen. */
class Lookup {
  private readonly byValue = new Map<string, number>();
  private readonly byRef: string[] = [];
  private readonly insert: Statement;
  private readonly all: Statement;

  constructor(db: SqliteDatabase, table: string, column: string) {
    this.insert = db.prepare(`INSERT OR IGNORE INTO ${table} (${column}) VALUES (?)`);
    this.all = db.prepare(`SELECT ref, ${column} AS value FROM ${table}`).raw(true);
    this.reload();
  }

  refOf(value: string): number {
    const ref = this.byValue.get(value);
    if (ref !== undefined) return ref;
    this.reload();
    const again = this.byValue.get(value);
    if (again !== undefined) return again;
    // OR IGNORE: another process may have added the same value since the reload.
    const info = this.insert.run(value);
    if (info.changes === 0) {
      this.reload();
      return this.byValue.get(value) as number;
    }
    const created = Number(info.lastInsertRowid);
    this.byValue.set(value, created);
    this.byRef[created] = value;
    return created;
  }

  /** Existing ref or undefined (for read filters: an unknown value matches nothing). */
  find(value: string): number | undefined {
    if (!this.byValue.has(value)) this.reload();
    return this.byValue.get(value);
  }

  valueOf(ref: number): string {
    let v = this.byRef[ref];
    if (v === undefined) {
      this.reload();
      v = this.byRef[ref];
    }
    return v;
  }

  /** Forget values whose insert was rolled back. */
  reload(): void {
    this.byValue.clear();
    this.byRef.length = 0;
    for (const [ref, value] of this.all.all() as [number, string][]) {
      this.byValue.set(value, ref);
      this.byRef[ref] = value;
    }
  }
}

export class SqliteEventLog implements EventLog {
  readonly db: SqliteDatabase;
  private readonly types: Lookup;
  private readonly sources: Lookup;
  private readonly subjects: Lookup;
  private readonly insertStmt: Statement;
  private readonly positionOfId: Statement;
  private readonly headStmt: Statement;
  private readonly readStmts = new Map<string, Statement>();
  private readonly appendTx: (batch: readonly SkyledgerEvent[]) => AppendResult;
  // The id's 16 bytes for the insert, reused: better-sqlite3 copies a bound blob.
  private readonly idBytes = Buffer.alloc(16);
  // The last type and source seen and their refs: a batch is nearly always one source, few types.
  private lastType: string | undefined;
  private lastTypeRef = 0;
  private lastSource: string | undefined;
  private lastSourceRef = 0;
  private readonly waiters = new Set<() => void>();
  private closed = false;

  constructor(db: SqliteDatabase) {
    this.db = db;
    db.exec(SCHEMA);
    this.types = new Lookup(db, 'event_types', 'type');
    this.sources = new Lookup(db, 'event_sources', 'source');
    this.subjects = new Lookup(db, 'event_subjects', 'subject');
    // The id and data go in as views of reused buffers (idBytes, packDataView): nothing allocated per event.
    this.insertStmt = db.prepare('INSERT OR IGNORE INTO events (id, type, source, subject, time, data) VALUES (?, ?, ?, ?, ?, ?)');
    this.positionOfId = db.prepare('SELECT position FROM events WHERE id = ?').pluck(true);
    this.headStmt = db.prepare('SELECT coalesce(max(position), 0) FROM events').pluck(true);
    this.appendTx = db.transaction((batch: readonly SkyledgerEvent[]) => this.insertAll(batch));
  }

  /** Synchronous append for in-process callers on the hot path; `append` wraps it. */
  appendSync(batch: readonly SkyledgerEvent[]): AppendResult {
    if (batch.length === 0) return { positions: [], appended: 0, skipped: 0 };
    let result: AppendResult;
    try {
      result = this.appendTx(batch);
    } catch (err) {
      // Lookup rows inserted inside the rolled-back transaction are gone: drop them from the caches.
      this.types.reload();
      this.sources.reload();
      this.subjects.reload();
      this.lastType = undefined;
      this.lastSource = undefined;
      throw err;
    }
    if (result.appended > 0) this.wake();
    return result;
  }

  async append(batch: readonly SkyledgerEvent[]): Promise<AppendResult> {
    return this.appendSync(batch);
  }

  private insertAll(batch: readonly SkyledgerEvent[]): AppendResult {
    const positions = new Array<number>(batch.length);
    const idBytes = this.idBytes;
    let appended = 0;
    for (let i = 0; i < batch.length; i++) {
      const e = batch[i];
      const id = e.id;
      // uuidToBytes both checks the canonical lower-case spelling and packs the 16 bytes.
      if (typeof id !== 'string' || !uuidToBytes(id, idBytes)) throw new UnstorableEventError('id is not a lower-case UUID', String(id));
      const time = parseMicros(e.time);
      if (time !== time) throw new UnstorableEventError('time is not RFC 3339 UTC with microseconds', e.id);
      if (e.specversion !== '1.0' || e.datacontenttype !== 'application/json') throw new UnstorableEventError('not a JSON CloudEvent 1.0', e.id);
      const type = e.type;
      if (type !== this.lastType) {
        this.lastTypeRef = this.types.refOf(type);
        this.lastType = type;
      }
      const source = e.source;
      if (source !== this.lastSource) {
        this.lastSourceRef = this.sources.refOf(source);
        this.lastSource = source;
      }
      const subject = e.subject;
      let subjectRef: number | null = null;
      if (subject !== undefined) {
        subjectRef = icaoNumber(subject);
        if (subjectRef < 0) subjectRef = -this.subjects.refOf(subject);
      }
      const info = this.insertStmt.run(idBytes, this.lastTypeRef, this.lastSourceRef, subjectRef, time, packDataView(type, e.data, subject));
      if (info.changes === 1) {
        positions[i] = Number(info.lastInsertRowid);
        appended++;
      } else {
        positions[i] = this.positionOfId.get(idBytes) as number;
      }
    }
    return { positions, appended, skipped: batch.length - appended };
  }

  readSync(options: ReadOptions = {}): LoggedEvent[] {
    const after = options.after ?? 0;
    const limit = options.limit ?? 1000;
    const params: (number | string)[] = [after];
    let where = 'position > ?';
    if (options.types !== undefined) {
      const refs = options.types.map((t) => this.types.find(t)).filter((r): r is number => r !== undefined);
      if (refs.length === 0) return [];
      where += ` AND type IN (${refs.map(() => '?').join(',')})`;
      params.push(...refs);
    }
    if (options.subject !== undefined) {
      const s = options.subject;
      const icao = icaoNumber(s);
      const ref = icao >= 0 ? icao : this.subjects.find(s);
      if (ref === undefined) return [];
      where += ' AND subject = ?';
      params.push(icao >= 0 ? ref : -ref);
    }
    params.push(limit);
    const sql = `SELECT position, hex(id), type, source, subject, time, hex(data) FROM events WHERE ${where} ORDER BY position LIMIT ?`;
    let stmt = this.readStmts.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare(sql).raw(true);
      this.readStmts.set(sql, stmt);
    }
    const rows = stmt.all(...params) as Row[];
    const out = new Array<LoggedEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = { position: rows[i][0], event: this.rowToEvent(rows[i]) };
    return out;
  }

  async read(options: ReadOptions = {}): Promise<LoggedEvent[]> {
    return this.readSync(options);
  }

  private rowToEvent(row: Row): SkyledgerEvent {
    const type = this.types.valueOf(row[2]);
    const subjectRef = row[4];
    const subject = subjectRef === null ? undefined : subjectRef >= 0 ? hex6(subjectRef) : this.subjects.valueOf(-subjectRef);
    const event: Record<string, unknown> = {
      specversion: '1.0',
      id: uuidFromHex(row[1]),
      source: this.sources.valueOf(row[3]),
      type,
    };
    if (subject !== undefined) event.subject = subject;
    event.time = formatMicros(row[5]);
    event.datacontenttype = 'application/json';
    event.data = unpackData(type, row[6], subject);
    return event as unknown as SkyledgerEvent;
  }

  headSync(): number {
    return this.headStmt.get() as number;
  }

  async head(): Promise<number> {
    return this.headSync();
  }

  async *subscribe(options: SubscribeOptions = {}): AsyncIterableIterator<LoggedEvent> {
    let after = options.after ?? 0;
    const signal = options.signal;
    while (!this.closed && !signal?.aborted) {
      const head = this.headSync();
      const page = this.readSync({ after, limit: 500, types: options.types });
      if (page.length > 0) {
        for (const e of page) {
          after = e.position;
          yield e;
          if (signal?.aborted) return;
        }
        continue;
      }
      // Nothing (matching) up to the head read before the page: skip past it, then wait for an
      // append through this instance, or poll for other writers' appends.
      after = Math.max(after, head);
      await this.waitForAppend(signal);
    }
  }

  private waitForAppend(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, POLL_MS);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
  }

  /** Bytes the log's own tables and indexes take on disk (dbstat), for the capacity estimate. */
  storageBytes(): number | null {
    try {
      return this.db
        .prepare("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN ('events', 'events_by_id', 'events_by_subject', 'event_types', 'event_sources', 'event_subjects')")
        .pluck(true)
        .get() as number;
    } catch {
      return null;
    }
  }
}

/** 32 upper-case hex digits (SQLite's hex()) → canonical lower-case UUID. */
function uuidFromHex(h: string): string {
  const l = h.toLowerCase();
  return `${l.slice(0, 8)}-${l.slice(8, 12)}-${l.slice(12, 16)}-${l.slice(16, 20)}-${l.slice(20)}`;
}

/** A character code's value as an upper-case hex digit, -1 for anything else. */
const UPPER_NIBBLE = new Int8Array(128).fill(-1);
for (let d = 0; d < 10; d++) UPPER_NIBBLE[48 + d] = d;
for (let d = 0; d < 6; d++) UPPER_NIBBLE[65 + d] = 10 + d;

/** An ICAO subject (six upper-case hex digits) as its 24-bit number, -1 for any other subject. */
function icaoNumber(s: string): number {
  if (s.length !== 6) return -1;
  let n = 0;
  for (let i = 0; i < 6; i++) {
    const c = s.charCodeAt(i);
    const d = c < 128 ? UPPER_NIBBLE[c] : -1;
    if (d < 0) return -1;
    n = (n << 4) | d;
  }
  return n;
}

function hex6(n: number): string {
  let s = HEX6.get(n);
  if (s === undefined) {
    s = n.toString(16).toUpperCase().padStart(6, '0');
    if (HEX6.size < 1 << 16) HEX6.set(n, s);
  }
  return s;
}
