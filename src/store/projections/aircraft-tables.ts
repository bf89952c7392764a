// The aircraft projection's table and read-side queries.
import type { Statement } from 'better-sqlite3';
import type { SkyledgerEvent } from '../../events/index.ts';
import { aircraftKey, applyToAircraft, type AircraftRow } from '../../projectors/index.ts';
import type { LoggedEvent } from '../event-log.ts';
import type { SqliteDatabase } from '../open-database.ts';
import { dropIfColumnsDiffer, dumpTables, RowCache, StatementBook, type ProjectionTables } from './projection-tables.ts';

const COLUMNS = [
  'icao', 'callsign', 'emitter_category', 'squawk', 'emergency', 'latitude', 'longitude', 'altitude', 'altitude_geometric',
  'on_ground', 'ground_speed', 'heading', 'vertical_rate', 'vertical_rate_geometric', 'first_seen', 'last_seen',
  'last_position', 'events',
] as const;

/**
 * 2: barometric and geometric altitude / vertical rate in their own columns (1 had one of each,
 * written by either kind). A database recorded at an older layout is rebuilt from the log.
 */
const LAYOUT = 2;

const CREATE = `
CREATE TABLE IF NOT EXISTS aircraft (
  icao TEXT PRIMARY KEY, callsign TEXT, emitter_category TEXT, squawk TEXT, emergency TEXT,
  latitude REAL, longitude REAL, altitude INTEGER, altitude_geometric INTEGER, on_ground INTEGER, ground_speed REAL,
  heading REAL, vertical_rate INTEGER, vertical_rate_geometric INTEGER, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
  last_position TEXT, events INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS aircraft_by_callsign ON aircraft(callsign);
CREATE INDEX IF NOT EXISTS aircraft_by_last_seen ON aircraft(last_seen);
`;

const SELECT = `SELECT ${COLUMNS.join(', ')} FROM aircraft`;
const CACHE_LIMIT = 20_000;

type SqlRow = Record<(typeof COLUMNS)[number], unknown>;

function fromSql(r: SqlRow): AircraftRow {
  return { ...(r as unknown as AircraftRow), on_ground: r.on_ground === null ? null : r.on_ground === 1 };
}

function toSql(r: AircraftRow): unknown[] {
  return [
    r.icao, r.callsign, r.emitter_category, r.squawk, r.emergency, r.latitude, r.longitude, r.altitude,
    r.altitude_geometric, r.on_ground === null ? null : r.on_ground ? 1 : 0, r.ground_speed, r.heading, r.vertical_rate,
    r.vertical_rate_geometric, r.first_seen, r.last_seen, r.last_position, r.events,
  ];
}

export class AircraftTables implements ProjectionTables {
  readonly name = 'aircraft';
  readonly tables = ['aircraft'] as const;
  readonly layout: number = LAYOUT;
  private readonly book: StatementBook;
  private readonly cache: RowCache<AircraftRow>;
  private readonly purge: Statement;
  private readonly clear: Statement;

  constructor(private readonly db: SqliteDatabase) {
    this.book = new StatementBook(db);
    dropIfColumnsDiffer(this.book, 'aircraft', COLUMNS);
    this.book.exec(CREATE);
    const selectOne = this.book.prepare(`${SELECT} WHERE icao = ?`);
    const upsert = this.book.prepare(`INSERT OR REPLACE INTO aircraft (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    this.cache = new RowCache(
      (icao) => {
        const r = selectOne.get(icao) as SqlRow | undefined;
        return r === undefined ? undefined : fromSql(r);
      },
      (row) => upsert.run(toSql(row)),
      CACHE_LIMIT,
    );
    this.purge = this.book.prepare('DELETE FROM aircraft WHERE last_seen < ?');
    this.clear = this.book.prepare('DELETE FROM aircraft');
  }

  get statements(): readonly string[] {
    return this.book.sql;
  }

  apply({ event }: LoggedEvent): void {
    const key = aircraftKey(event as SkyledgerEvent);
    const change = applyToAircraft(key === undefined ? undefined : this.cache.get(key), event);
    if (change.kind === 'upsert') {
      this.cache.set(change.row.icao, change.row);
    } else if (change.kind === 'purge') {
      this.flush();
      this.purge.run(change.before);
      this.cache.clear();
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
    return dumpTables(this.db, [{ name: 'aircraft', orderBy: 'icao' }]);
  }
}

/** The read side: what the HTTP API serves. Open it on any connection to the database. */
export class AircraftQueries {
  private readonly one: Statement;
  private readonly byCallsignStmt: Statement;
  private readonly allStmt: Statement;

  constructor(db: SqliteDatabase) {
    this.one = db.prepare(`${SELECT} WHERE icao = ?`);
    this.byCallsignStmt = db.prepare(`${SELECT} WHERE callsign = ? ORDER BY last_seen DESC, icao`);
    this.allStmt = db.prepare(`${SELECT} ORDER BY icao`);
  }

  byIcao(icao: string): AircraftRow | undefined {
    const r = this.one.get(icao.toUpperCase()) as SqlRow | undefined;
    return r === undefined ? undefined : fromSql(r);
  }

  /** The aircraft most recently seen with this callsign. */
  byCallsign(callsign: string): AircraftRow | undefined {
    return this.allByCallsign(callsign)[0];
  }

  allByCallsign(callsign: string): AircraftRow[] {
    return (this.byCallsignStmt.all(callsign.trim().toUpperCase()) as SqlRow[]).map(fromSql);
  }

  list(): AircraftRow[] {
    return (this.allStmt.all() as SqlRow[]).map(fromSql);
  }
}
