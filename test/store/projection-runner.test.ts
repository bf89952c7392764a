import { describe, expect, it } from 'vitest';
import type { SkyledgerEvent } from '../../src/events/index.ts';
import {
  AircraftQueries, AircraftTables, openDatabase, ProjectionRunner, SqliteEventLog, StatsTables, type LoggedEvent, type ProjectionTables,
} from '../../src/store/index.ts';
import { altitude, identified, position, SOURCE } from '../events/builders.ts';

/** A projection that throws on one aircraft, the way a buggy projector would. */
class Fragile extends AircraftTables {
  override apply(e: LoggedEvent): void {
    if ((e.event as SkyledgerEvent).subject === 'BADBAD') throw new Error('cannot project BADBAD');
    super.apply(e);
  }
}

function setup(extra: (db: never) => ProjectionTables[] = () => []) {
  const log = new SqliteEventLog(openDatabase(':memory:'));
  return { log, projections: extra(log.db as never) };
}

describe('ProjectionRunner', () => {
  it('given new events, then lag is head − checkpoint until catch-up brings it to zero', () => {
    const { log } = setup();
    const runner = new ProjectionRunner(log, [new AircraftTables(log.db), new StatsTables(log.db)], { pageSize: 2 });
    log.appendSync([identified('4CAAAE', 'A', 0), identified('71BE34', 'B', 1), position('4CAAAE', 1, 2, 2)]);
    expect(runner.lag()).toEqual({ aircraft: 3, stats: 3 });
    const pages: number[] = [];
    runner.catchUp((p) => pages.push(p.position));
    expect(pages).toEqual([2, 3]);
    expect(runner.lag()).toEqual({ aircraft: 0, stats: 0 });
  });

  it('resumes from the stored checkpoint in a new runner, without applying anything twice', () => {
    const { log } = setup();
    new ProjectionRunner(log, [new AircraftTables(log.db)]).catchUp();
    log.appendSync([identified('4CAAAE', 'A', 0)]);
    new ProjectionRunner(log, [new AircraftTables(log.db)]).catchUp();
    log.appendSync([position('4CAAAE', 1, 2, 1)]);
    const again = new ProjectionRunner(log, [new AircraftTables(log.db)]);
    expect(again.lag()).toEqual({ aircraft: 1 });
    again.catchUp();
    expect(new AircraftQueries(log.db).byIcao('4CAAAE')).toMatchObject({ events: 2, callsign: 'A', latitude: 1 });
  });

  it('parks an event that keeps failing after bounded retries, counts it, and moves on', () => {
    const { log } = setup();
    const runner = new ProjectionRunner(log, [new Fragile(log.db)], { pageSize: 100, maxAttempts: 3 });
    log.appendSync([identified('4CAAAE', 'A', 0), identified('BADBAD', 'X', 1), identified('71BE34', 'B', 2)]);
    runner.catchUp();
    expect(runner.parked).toEqual({ aircraft: 1 });
    expect(runner.parkedEvents()).toEqual([expect.objectContaining({ projection: 'aircraft', position: 2, attempts: 3, error: 'cannot project BADBAD' })]);
    expect(runner.lag()).toEqual({ aircraft: 0 });
    expect(new AircraftQueries(log.db).list().map((a) => a.icao)).toEqual(['4CAAAE', '71BE34']);
  });

  it('rebuilds a projection from the log to the same dump, paged', () => {
    const { log } = setup();
    const tables = new AircraftTables(log.db);
    const runner = new ProjectionRunner(log, [tables], { pageSize: 1 });
    log.appendSync([identified('4CAAAE', 'A', 0), position('4CAAAE', 1, 2, 1), identified('71BE34', 'B', 2)]);
    runner.catchUp();
    const live = tables.dump();
    let pages = 0;
    runner.rebuild(['aircraft'], () => pages++);
    expect(pages).toBe(3);
    expect(tables.dump()).toBe(live);
    expect(live).toContain('"71BE34"');
  });

  it('given a database written with an older aircraft table layout, then opening it rebuilds the projection from the log and leaves the log alone', () => {
    const { log } = setup();
    log.appendSync([identified('4CAAAE', 'A', 0), position('4CAAAE', 1, 2, 1, 12500, SOURCE, 'geometric'), altitude('4CAAAE', 12000, 2)]);
    // What a release before layout 2 left behind: one altitude column, caught up to the head.
    log.db.exec(`
      CREATE TABLE aircraft (
        icao TEXT PRIMARY KEY, callsign TEXT, emitter_category TEXT, squawk TEXT, emergency TEXT,
        latitude REAL, longitude REAL, altitude INTEGER, on_ground INTEGER, ground_speed REAL, heading REAL,
        vertical_rate INTEGER, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, last_position TEXT, events INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO aircraft VALUES ('4CAAAE', 'A', 'A3', NULL, NULL, 1, 2, 12000, 0, NULL, NULL, NULL, 't0', 't2', 't1', 3);
      CREATE TABLE projection_checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO projection_checkpoints VALUES ('aircraft', 3);
    `);
    const before = log.readSync({ after: 0, limit: 100 });

    const runner = new ProjectionRunner(log, [new AircraftTables(log.db)]);
    expect(runner.lag()).toEqual({ aircraft: 3 });
    runner.catchUp();
    expect(new AircraftQueries(log.db).byIcao('4CAAAE')).toMatchObject({ callsign: 'A', altitude: 12000, altitude_geometric: 12500, events: 3 });
    expect(log.readSync({ after: 0, limit: 100 })).toEqual(before);

    const reopened = new ProjectionRunner(log, [new AircraftTables(log.db)]);
    expect(reopened.lag()).toEqual({ aircraft: 0 });
    expect(new AircraftQueries(log.db).byIcao('4CAAAE')).toMatchObject({ altitude_geometric: 12500 });
  });

  it('given a recorded layout that differs from the code\'s, then the projection is emptied and replayed', () => {
    const { log } = setup();
    new ProjectionRunner(log, [new AircraftTables(log.db)]).catchUp();
    log.appendSync([identified('4CAAAE', 'A', 0)]);
    new ProjectionRunner(log, [new AircraftTables(log.db)]).catchUp();
    class NextLayout extends AircraftTables {
      override readonly layout = 99;
    }
    const runner = new ProjectionRunner(log, [new NextLayout(log.db)]);
    expect(runner.lag()).toEqual({ aircraft: 1 });
    expect(new AircraftQueries(log.db).list()).toEqual([]);
    runner.catchUp();
    expect(new AircraftQueries(log.db).byIcao('4CAAAE')).toMatchObject({ callsign: 'A', events: 1 });
  });
});
