import { describe, expect, it } from 'vitest';
import { applyToAircraft } from '../../src/projectors/index.ts';
import { AircraftQueries, AircraftTables } from '../../src/store/index.ts';
import { altitude, cleanupTick, identified, position, SOURCE, squawk, velocity } from '../events/builders.ts';
import { given } from './given.ts';

const aircraft = { make: (db: never) => new AircraftTables(db), queries: (db: never) => new AircraftQueries(db) };

describe('aircraft projection', () => {
  it('keeps a position reported before the callsign', () => {
    given(aircraft)
      .when(position('4D2023', 37.0026, 13.8349, 1), identified('4D2023', 'AMC421', 2))
      .then((query) => expect(query.byCallsign('AMC421')).toMatchObject({ icao: '4D2023', latitude: 37.0026, longitude: 13.8349, altitude: 35000 }));
  });

  it('uses the event time as last seen and counts the events per aircraft', () => {
    given(aircraft, identified('4CAAAE', 'SDM6414', 0))
      .when(position('4CAAAE', 59.7, 31.9, 5), velocity('4CAAAE', 450, 90, -64, 7), identified('400159', 'SDM6244', 8))
      .then((query) => {
        expect(query.byIcao('4CAAAE')).toMatchObject({
          first_seen: '2018-04-03T19:02:28.000000Z', last_seen: '2018-04-03T19:02:35.000000Z', events: 3,
          ground_speed: 450, heading: 90, vertical_rate: -64,
        });
        expect(query.list().map((a) => a.icao)).toEqual(['400159', '4CAAAE']);
      });
  });

  it('merges partial information without erasing what a later event does not carry', () => {
    given(aircraft, position('71BE34', 59.7, 31.9, 0, 34000), velocity('71BE34', 420, 45, 0, 1))
      .when(position('71BE34', 59.8, 32.0, 2, null), velocity('71BE34', null, 50, null, 3, { type: 'tas', value: 430 }), altitude('71BE34', 33975, 4))
      .then((query) => expect(query.byIcao('71be34')).toMatchObject({
        latitude: 59.8, longitude: 32.0, altitude: 33975, ground_speed: 420, heading: 50, vertical_rate: 0, on_ground: false,
      }));
  });

  it('keeps a geometric (GNSS) altitude apart: it does not overwrite the barometric one', () => {
    given(aircraft, position('3C6444', 50.0, 8.5, 0, 35000), altitude('3C6444', 35025, 1))
      .when(position('3C6444', 50.1, 8.6, 2, 35575, SOURCE, 'geometric'))
      .then((query) => expect(query.byIcao('3C6444')).toMatchObject({
        latitude: 50.1, longitude: 8.6, altitude: 35025, altitude_geometric: 35575,
      }));
  });

  it('takes a barometric altitude after a geometric one without touching the geometric', () => {
    given(aircraft, position('3C6444', 50.0, 8.5, 0, 12500, SOURCE, 'geometric'))
      .when(position('3C6444', 50.1, 8.6, 1, 12000), altitude('3C6444', 11975, 2))
      .then((query) => expect(query.byIcao('3C6444')).toMatchObject({ altitude: 11975, altitude_geometric: 12500 }));
  });

  it('knows no barometric altitude from geometric positions alone', () => {
    given(aircraft)
      .when(position('3C6444', 50.0, 8.5, 0, 12500, SOURCE, 'geometric'))
      .then((query) => expect(query.byIcao('3C6444')).toMatchObject({ altitude: null, altitude_geometric: 12500 }));
  });

  it('puts a geometric vertical rate in its own field, leaving the barometric rate alone', () => {
    given(aircraft, velocity('3C6444', 450, 90, -640, 0))
      .when(velocity('3C6444', 452, 91, -704, 1, undefined, 'geometric'))
      .then((query) => expect(query.byIcao('3C6444')).toMatchObject({
        ground_speed: 452, heading: 91, vertical_rate: -640, vertical_rate_geometric: -704,
      }));
  });

  it('puts a barometric vertical rate in its own field, leaving the geometric rate alone', () => {
    given(aircraft, velocity('3C6444', 450, 90, 1216, 0, undefined, 'geometric'))
      .when(velocity('3C6444', 450, 90, 1152, 1), velocity('3C6444', 450, 90, null, 2, undefined, 'geometric'))
      .then((query) => expect(query.byIcao('3C6444')).toMatchObject({ vertical_rate: 1152, vertical_rate_geometric: 1216 }));
  });

  it('reports emergencies from the squawk or from the broadcast emergency state', () => {
    given(aircraft)
      .when(squawk('780A5C', '7700', 0), squawk('4249B5', '2000', 1, 'minfuel'), squawk('4242E5', '1000', 2))
      .then((query) => {
        expect(query.byIcao('780A5C')).toMatchObject({ squawk: '7700', emergency: 'general' });
        expect(query.byIcao('4249B5')).toMatchObject({ squawk: '2000', emergency: 'minfuel' });
        expect(query.byIcao('4242E5')).toMatchObject({ squawk: '1000', emergency: 'none' });
      });
  });

  it('forgets only aircraft not seen within the cleanup tick max age', () => {
    given(aircraft, identified('4CAAAE', 'SDM6414', 0), identified('400159', 'SDM6244', 250))
      .when(cleanupTick(301, 300))
      .then((query) => {
        expect(query.byIcao('4CAAAE')).toBeUndefined();
        expect(query.byCallsign('SDM6244')).toMatchObject({ icao: '400159' });
      });
  });

  it('is never purged by time passing without a cleanup tick', () => {
    given(aircraft, identified('4CAAAE', 'SDM6414', 0))
      .when(identified('400159', 'SDM6244', 100_000))
      .then((query) => expect(query.byIcao('4CAAAE')).toBeDefined());
  });

  it('ignores event types it does not know (default branch)', () => {
    const unknown = { ...identified('4CAAAE', 'X', 0), type: 'org.skyledger.watch_started.v1' } as never;
    expect(applyToAircraft(undefined, unknown)).toEqual({ kind: 'none' });
    given(aircraft, identified('4CAAAE', 'SDM6414', 0))
      .when(unknown)
      .then((query) => expect(query.byIcao('4CAAAE')).toMatchObject({ callsign: 'SDM6414', events: 1 }));
  });
});
