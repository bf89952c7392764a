import { describe, expect, it } from 'vitest';
import { applyToStats } from '../../src/projectors/index.ts';
import { StatsQueries, StatsTables } from '../../src/store/index.ts';
import { cleanupTick, identified, position, squawk } from '../events/builders.ts';
import { given } from './given.ts';

const stats = { make: (db: never) => new StatsTables(db), queries: (db: never) => new StatsQueries(db) };

describe('stats projection', () => {
  it('counts events by type and by receiver', () => {
    given(stats)
      .when(
        identified('4CAAAE', 'SDM6414', 0), position('4CAAAE', 59, 31, 1), position('4CAAAE', 59, 31, 2),
        position('71BE34', 59, 31, 3, 30000, '/receivers/roof'), cleanupTick(60, 300),
      )
      .then((query) => {
        expect(query.byType()).toEqual({
          'org.skyledger.aircraft_identified.v1': 1,
          'org.skyledger.position_reported.v1': 3,
          'org.skyledger.cleanup_interval_passed.v1': 1,
        });
        expect(query.byReceiver()).toEqual({ '/receivers/test': 4, '/receivers/roof': 1 });
      });
  });

  it('counts distinct aircraft seen per UTC hour', () => {
    given(stats)
      .when(identified('4CAAAE', 'A', 0), squawk('4CAAAE', '1000', 10), identified('71BE34', 'B', 20), identified('4CAAAE', 'A', 3600))
      .then((query) => expect(query.aircraftPerHour()).toEqual([
        { hour: '2018-04-03T19', aircraft: 2 },
        { hour: '2018-04-03T20', aircraft: 1 },
      ]));
  });

  it('ignores unknown event types (default branch)', () => {
    const unknown = { ...identified('4CAAAE', 'A', 0), type: 'org.skyledger.watch_stopped.v1' } as never;
    expect(applyToStats(unknown)).toBeNull();
    given(stats).when(unknown).then((query) => expect(query.eventCounts()).toEqual([]));
  });
});
