// The tracks projection's tables (a head per aircraft and a bounded ring of points) and queries.
import type { Statement } from 'better-sqlite3';
import { applyToTracks, DEFAULT_TRACK_LIMIT, trackKey, type TrackHead, type TrackPoint } from '../../projectors/index.ts';
import type { LoggedEvent } from '../event-log.ts';
import type { SqliteDatabase } from '../open-database.ts';
import { dumpTables, RowCache, StatementBook, type ProjectionTables } from './projection-tables.ts';

const CREATE = `
CREATE TABLE IF NOT EXISTS track_heads (icao TEXT PRIMARY KEY, points INTEGER NOT NULL, last_time TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS track_points (
  icao TEXT NOT NULL, slot INTEGER NOT NULL, seq INTEGER NOT NULL, time TEXT NOT NULL,
  latitude REAL NOT NULL, longitude REAL NOT NULL, altitude INTEGER, on_ground INTEGER NOT NULL,
  PRIMARY KEY (icao, slot)
) WITHOUT ROWID;
`;

const CACHE_LIMIT = 20_000;

export class TrackTables implements ProjectionTables {
  readonly name = 'tracks';
  readonly tables = ['track_heads', 'track_points'] as const;
  private readonly book: StatementBook;
  private readonly heads: RowCache<TrackHead>;
  private readonly pending: unknown[][] = [];
  private readonly putPoint: Statement;
  private readonly purgePoints: Statement;
  private readonly purgeHeads: Statement;
  private readonly clearPoints: Statement;
  private readonly clearHeads: Statement;

  constructor(private readonly db: SqliteDatabase, private readonly limit = DEFAULT_TRACK_LIMIT) {
    this.book = new StatementBook(db);
    this.book.exec(CREATE);
    const selectHead = this.book.prepare('SELECT icao, points, last_time FROM track_heads WHERE icao = ?');
    const upsertHead = this.book.prepare('INSERT OR REPLACE INTO track_heads (icao, points, last_time) VALUES (?, ?, ?)');
    this.heads = new RowCache(
      (icao) => selectHead.get(icao) as TrackHead | undefined,
      (h) => upsertHead.run(h.icao, h.points, h.last_time),
      CACHE_LIMIT,
    );
    this.putPoint = this.book.prepare(
      'INSERT OR REPLACE INTO track_points (icao, slot, seq, time, latitude, longitude, altitude, on_ground) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.purgePoints = this.book.prepare('DELETE FROM track_points WHERE icao IN (SELECT icao FROM track_heads WHERE last_time < ?)');
    this.purgeHeads = this.book.prepare('DELETE FROM track_heads WHERE last_time < ?');
    this.clearPoints = this.book.prepare('DELETE FROM track_points');
    this.clearHeads = this.book.prepare('DELETE FROM track_heads');
  }

  get statements(): readonly string[] {
    return this.book.sql;
  }

  apply({ event }: LoggedEvent): void {
    const key = trackKey(event);
    const change = applyToTracks(key === undefined ? undefined : this.heads.get(key), event, this.limit);
    if (change.kind === 'append') {
      const p = change.point;
      this.heads.set(change.head.icao, change.head);
      this.pending.push([change.head.icao, change.slot, change.head.points, p.time, p.latitude, p.longitude, p.altitude, p.on_ground ? 1 : 0]);
    } else if (change.kind === 'purge') {
      this.flush();
      this.purgePoints.run(change.before);
      this.purgeHeads.run(change.before);
      this.heads.clear();
    }
  }

  flush(): void {
    for (const row of this.pending) this.putPoint.run(row);
    this.pending.length = 0;
    this.heads.flush();
  }

  discard(): void {
    this.pending.length = 0;
    this.heads.clear();
  }

  truncate(): void {
    this.discard();
    this.clearPoints.run();
    this.clearHeads.run();
  }

  dump(): string {
    return dumpTables(this.db, [
      { name: 'track_heads', orderBy: 'icao' },
      { name: 'track_points', orderBy: 'icao, slot' },
    ]);
  }
}

export class TrackQueries {
  private readonly points: Statement;

  constructor(db: SqliteDatabase) {
    this.points = db.prepare('SELECT time, latitude, longitude, altitude, on_ground FROM track_points WHERE icao = ? ORDER BY seq');
  }

  /** Oldest first; at most the configured limit of points. */
  trackOf(icao: string): TrackPoint[] {
    const rows = this.points.all(icao.toUpperCase()) as (Omit<TrackPoint, 'on_ground'> & { on_ground: number })[];
    return rows.map((p) => ({ ...p, on_ground: p.on_ground === 1 }));
  }
}
