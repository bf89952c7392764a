import { describe, expect, it } from 'vitest';
import { matchesAircraft, parseAircraftFilter, type AircraftView } from '../../src/api/aircraft-filter.ts';
import { distanceNm } from '../../src/processes/index.ts';
import { ValidationError } from '../../src/app/command-errors.ts';

const view = (over: Partial<AircraftView> = {}): AircraftView => ({ icao: '3C6444', callsign: 'DLH9U', squawk: '1000', latitude: 50.0379, longitude: 8.5622, ...over });

describe('aircraft filter', () => {
  it('matches callsign case-insensitively, icao, squawk', () => {
    expect(matchesAircraft(parseAircraftFilter({ callsign: 'dlh9u' }), view())).toBe(true);
    expect(matchesAircraft(parseAircraftFilter({ callsign: 'DLH9' }), view())).toBe(false);
    expect(matchesAircraft(parseAircraftFilter({ icao: '3c6444', squawk: '1000' }), view())).toBe(true);
    expect(matchesAircraft(parseAircraftFilter({ squawk: '7700' }), view())).toBe(false);
    expect(matchesAircraft(parseAircraftFilter({}), view({ callsign: null, latitude: null, longitude: null }))).toBe(true);
  });

  it('keeps aircraft within a circle (nm, great circle) or a box, antimeridian included', () => {
    // Frankfurt to Munich is about 162 nm.
    expect(distanceNm(50.0379, 8.5622, 48.3537, 11.775)).toBeGreaterThan(155);
    expect(distanceNm(50.0379, 8.5622, 48.3537, 11.775)).toBeLessThan(170);
    expect(matchesAircraft(parseAircraftFilter({ circle: '48.3537,11.775,170' }), view())).toBe(true);
    expect(matchesAircraft(parseAircraftFilter({ circle: '48.3537,11.775,150' }), view())).toBe(false);
    expect(matchesAircraft(parseAircraftFilter({ circle: '48,11,500' }), view({ latitude: null, longitude: null }))).toBe(false);
    expect(matchesAircraft(parseAircraftFilter({ box: '49,51,8,9' }), view())).toBe(true);
    expect(matchesAircraft(parseAircraftFilter({ box: '-20,-10,170,-170' }), view({ latitude: -15, longitude: 179.5 }))).toBe(true);
    expect(matchesAircraft(parseAircraftFilter({ box: '-20,-10,170,-170' }), view({ latitude: -15, longitude: -175 }))).toBe(true);
    expect(matchesAircraft(parseAircraftFilter({ box: '-20,-10,170,-170' }), view({ latitude: -15, longitude: 0 }))).toBe(false);
  });

  it.each([
    [{ circle: '50,8' }, 'circle'],
    [{ circle: '50,8,0' }, 'circle'],
    [{ circle: '50,190,10' }, 'circle'],
    [{ circle: '50,8,1e3' }, 'circle'],
    [{ box: '1,2,3' }, 'box'],
    [{ box: '10,0,3,4' }, 'box'],
    [{ squawk: '8000' }, 'squawk'],
    [{ icao: '3C644' }, 'icao'],
    [{ callsign: 'DLH 9U' }, 'callsign'],
    [{ callsign: 5 }, 'callsign'],
  ])('refuses %j naming %s', (raw, field) => {
    let err: unknown;
    try {
      parseAircraftFilter(raw as Record<string, unknown>);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).field).toBe(field);
  });
});
