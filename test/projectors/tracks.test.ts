import { describe, expect, it } from 'vitest';
import { applyToTracks } from '../../src/projectors/index.ts';
import { TrackQueries, TrackTables } from '../../src/store/index.ts';
import { cleanupTick, identified, position } from '../events/builders.ts';
import { given } from './given.ts';

const tracks = (limit: number) => ({ make: (db: never) => new TrackTables(db, limit), queries: (db: never) => new TrackQueries(db) });

describe('tracks projection', () => {
  it('records positions per aircraft, oldest first', () => {
    given(tracks(10))
      .when(position('71BE34', 59.1, 31.1, 1), position('4CAAAE', 60, 30, 1.5), position('71BE34', 59.2, 31.2, 2, null))
      .then((query) => {
        expect(query.trackOf('71BE34')).toEqual([
          { time: '2018-04-03T19:02:29.000000Z', latitude: 59.1, longitude: 31.1, altitude: 35000, on_ground: false },
          { time: '2018-04-03T19:02:30.000000Z', latitude: 59.2, longitude: 31.2, altitude: null, on_ground: false },
        ]);
        expect(query.trackOf('4CAAAE')).toHaveLength(1);
      });
  });

  it('keeps at most the configured number of points per aircraft, dropping the oldest', () => {
    const points = Array.from({ length: 7 }, (_, i) => position('71BE34', 59 + i / 10, 31, i));
    given(tracks(3))
      .when(...points)
      .then((query) => expect(query.trackOf('71BE34').map((p) => p.latitude)).toEqual([59.4, 59.5, 59.6]));
  });

  it('drops tracks of aircraft not seen within a cleanup tick max age, keeps the others', () => {
    given(tracks(10), position('71BE34', 59, 31, 0), position('4CAAAE', 60, 30, 200))
      .when(cleanupTick(301, 300))
      .then((query) => {
        expect(query.trackOf('71BE34')).toEqual([]);
        expect(query.trackOf('4CAAAE')).toHaveLength(1);
      });
  });

  it('ignores events that carry no position, and unknown types (default branch)', () => {
    const unknown = { ...position('71BE34', 1, 2, 0), type: 'org.skyledger.flight_spotted.v1' } as never;
    expect(applyToTracks(undefined, unknown, 10)).toEqual({ kind: 'none' });
    given(tracks(10))
      .when(identified('71BE34', 'AAR542', 0), unknown)
      .then((query) => expect(query.trackOf('71BE34')).toEqual([]));
  });
});
