// The stats projection's tables and queries.
import type { Statement } from 'better-sqlite3';
import { applyToStats } from '../../projectors/index.ts';
import type { LoggedEvent } from '../event-log.ts';
import type { SqliteDatabase } from '../open-database.ts';
import { dumpTables, StatementBook, type ProjectionTables } from './projection-tables.ts';

const CREATE = `
CREATE TABLE IF NOT EXISTS stats_events (
  type TEXT NOT NULL, source TEXT NOT NULL, count INTEGER NOT NULL, first_time TEXT NOT NULL, last_time TEXT NOT NULL,
  PRIMARY KEY (type, source)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stats_hourly_aircraft (hour TEXT NOT NULL, icao TEXT NOT NULL, PRIMARY KEY (hour, icao)) WITHOUT ROWID;
`;

interface Counter {
  type: string;
  source: string;
  count: number;
  first: string;
  last: string;
}

export class StatsTables implements ProjectionTables {
  readonly name = 'stats';
  readonly tables = ['stats_events', 'stats_hourly_aircraft'] as const;
  private readonly book: StatementBook;
  private readonly counters = new Map<string, Counter>();
  private readonly seen = new Map<string, [string, string]>();
  private readonly addCount: Statement;
  private readonly addSeen: Statement;
  private readonly clearEvents: Statement;
  private readonly clearSeen: Statement;

  constructor(private readonly db: SqliteDatabase) {
    this.book = new StatementBook(db);
    this.book.exec(CREATE);
    this.addCount = this.book.prepare(
      `INSERT INTO stats_events (type, source, count, first_time, last_time) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (type, source) DO UPDATE SET count = count + excluded.count,
         first_time = min(first_time, excluded.first_time), last_time = max(last_time, excluded.last_time)`,
    );
    this.addSeen = this.book.prepare('INSERT OR IGNORE INTO stats_hourly_aircraft (hour, icao) VALUES (?, ?)');
    this.clearEvents = this.book.prepare('DELETE FROM stats_events');
    this.clearSeen = this.book.prepare('DELETE FROM stats_hourly_aircraft');
  }

  get statements(): readonly string[] {
    return this.book.sql;
  }

  apply({ event }: LoggedEvent): void {
    const change = applyToStats(event);
    if (change === null) return;
    const key = `${change.type} ${change.source}`;
    const c = this.counters.get(key);
    if (c === undefined) {
      this.counters.set(key, { type: change.type, source: change.source, count: 1, first: change.time, last: change.time });
    } else {
      c.count++;
      if (change.time < c.first) c.first = change.time;
      if (change.time > c.last) c.last = change.time;
    }
    if (change.icao !== null) {
      const k = change.hour + change.icao;
      if (!this.seen.has(k)) this.seen.set(k, [change.hour, change.icao]);
    }
  }

  flush(): void {
    for (const c of this.counters.values()) this.addCount.run(c.type, c.source, c.count, c.first, c.last);
    this.counters.clear();
    for (const [hour, icao] of this.seen.values()) this.addSeen.run(hour, icao);
    this.seen.clear();
  }

  discard(): void {
    this.counters.clear();
    this.seen.clear();
  }

  truncate(): void {
    this.discard();
    this.clearEvents.run();
    this.clearSeen.run();
  }

  dump(): string {
    return dumpTables(this.db, [
      { name: 'stats_events', orderBy: 'type, source' },
      { name: 'stats_hourly_aircraft', orderBy: 'hour, icao' },
    ]);
  }
}

export interface EventCount {
  type: string;
  source: string;
  count: number;
  first_time: string;
  last_time: string;
}

export class StatsQueries {
  private readonly counts: Statement;
  private readonly hourly: Statement;

  constructor(db: SqliteDatabase) {
    this.counts = db.prepare('SELECT type, source, count, first_time, last_time FROM stats_events ORDER BY type, source');
    this.hourly = db.prepare('SELECT hour, count(*) AS aircraft FROM stats_hourly_aircraft GROUP BY hour ORDER BY hour');
  }

  eventCounts(): EventCount[] {
    return this.counts.all() as EventCount[];
  }

  byType(): Record<string, number> {
    return sumBy(this.eventCounts(), 'type');
  }

  byReceiver(): Record<string, number> {
    return sumBy(this.eventCounts(), 'source');
  }

  /** Distinct aircraft per UTC hour (`YYYY-MM-DDTHH`). */
  aircraftPerHour(): { hour: string; aircraft: number }[] {
    return this.hourly.all() as { hour: string; aircraft: number }[];
  }
}

function sumBy(rows: EventCount[], key: 'type' | 'source'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r[key]] = (out[r[key]] ?? 0) + r.count;
  return out;
}
