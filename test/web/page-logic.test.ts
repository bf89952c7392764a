import { describe, expect, it } from 'vitest';
import { AircraftBook, fromRow, isEmergency, type PushedEvent } from '../../web/src/aircraft-book.ts';
import { altitudeColour, altitudeHue, GROUND_COLOUR, UNKNOWN_COLOUR } from '../../web/src/altitude-colour.ts';
import { distanceNm, gridLines, gridStep } from '../../web/src/geo.ts';
import { LiveCursor, reconnectDelayMs } from '../../web/src/live-protocol.ts';
import { matchesFilter, nextSort, tableRows } from '../../web/src/table-model.ts';
import { describeAlert, describeWatch, watchBody } from '../../web/src/watch-form.ts';

const T = '2026-01-01T12:00:00.000000Z';
let position = 0;
function ev(kind: string, icao: string, data: Record<string, unknown>, time = T): PushedEvent {
  return { type: `org.skyledger.${kind}.v1`, subject: icao, time, position: ++position, data: { icao_address: icao, ...data } };
}

describe('altitude colour', () => {
  it('greys aircraft on the ground and those without an altitude', () => {
    expect(altitudeColour(35_000, true)).toBe(GROUND_COLOUR);
    expect(altitudeColour(null, false)).toBe(UNKNOWN_COLOUR);
  });

  it('runs from orange near the surface to magenta at 40,000 ft and stays there above', () => {
    expect(altitudeHue(0)).toBe(20);
    expect(altitudeHue(40_000)).toBe(300);
    expect(altitudeHue(60_000)).toBe(300);
    expect(altitudeColour(40_000, false)).toBe('hsl(300, 85%, 45%)');
  });

  it('never runs backwards as the aircraft climbs', () => {
    let last = -1;
    for (let ft = -1_000; ft <= 45_000; ft += 250) {
      const h = altitudeHue(ft);
      expect(h).toBeGreaterThanOrEqual(last);
      last = h;
    }
  });
});

describe('aircraft book', () => {
  it('keeps a snapshot row current with pushed observations', () => {
    const book = new AircraftBook();
    book.load([{ icao: '3c6444', callsign: 'DLH9LF  ', squawk: '1000', latitude: 50, longitude: 8, altitude: 30_000, on_ground: false }]);
    book.apply(ev('position_reported', '3C6444', { latitude: 50.1, longitude: 8.1, altitude: 31_000, on_ground: false }));
    book.apply(ev('velocity_reported', '3C6444', { ground_speed: 450, heading: 271.5, vertical_rate: 64 }));
    book.apply(ev('squawk_received', '3C6444', { squawk: '7700', emergency: 'general' }));
    const a = book.aircraft.get('3C6444')!;
    expect(a).toMatchObject({ callsign: 'DLH9LF', latitude: 50.1, longitude: 8.1, altitude: 31_000, ground_speed: 450, heading: 271.5, squawk: '7700', emergency: 'general', last_seen: T });
    expect(isEmergency(a)).toBe(true);
    expect(book.trails.get('3C6444')).toEqual([{ latitude: 50.1, longitude: 8.1, altitude: 31_000 }]);
  });

  it('keeps barometric and geometric altitude and rate apart, showing the barometric altitude when it has one', () => {
    const book = new AircraftBook();
    book.load([{ icao: '4CA2D6', altitude: null, altitude_geometric: 12_500, vertical_rate_geometric: 1216 }]);
    expect(book.aircraft.get('4CA2D6')).toMatchObject({ altitude: 12_500, altitude_barometric: null, altitude_geometric: 12_500 });
    book.apply(ev('position_reported', '4CA2D6', { latitude: 53, longitude: -6, altitude: 12_000, altitude_type: 'barometric', on_ground: false }));
    book.apply(ev('position_reported', '4CA2D6', { latitude: 53.1, longitude: -6.1, altitude: 12_600, altitude_type: 'geometric', on_ground: false }));
    book.apply(ev('velocity_reported', '4CA2D6', { ground_speed: 250, heading: 90, vertical_rate: 1152, vertical_rate_source: 'barometric' }));
    book.apply(ev('velocity_reported', '4CA2D6', { ground_speed: 250, heading: 90, vertical_rate: 1280, vertical_rate_source: 'geometric' }));
    expect(book.aircraft.get('4CA2D6')).toMatchObject({
      altitude: 12_000, altitude_barometric: 12_000, altitude_geometric: 12_600, vertical_rate: 1152, vertical_rate_geometric: 1280,
    });
  });

  it('learns aircraft it has not seen and ignores events that are not observations', () => {
    const book = new AircraftBook();
    expect(book.apply(ev('aircraft_identified', 'ABCDEF', { callsign: 'TEST1', emitter_category: 'A3' }))).toBe('ABCDEF');
    expect(book.apply({ type: 'org.skyledger.flight_spotted.v1', position: 99, data: { icao: 'ABCDEF' } })).toBeUndefined();
    expect(book.aircraft.get('ABCDEF')).toMatchObject({ callsign: 'TEST1', emitter_category: 'A3', latitude: null });
  });

  it('drops aircraft silent for longer than the age, measured on the events\' own clock', () => {
    const book = new AircraftBook();
    book.apply(ev('altitude_reported', 'AAAAAA', { altitude: 1000 }, '2020-01-01T00:00:00Z'));
    book.apply(ev('altitude_reported', 'BBBBBB', { altitude: 1000 }, '2020-01-01T00:10:00Z'));
    expect(book.expire(300)).toEqual(['AAAAAA']);
    expect([...book.aircraft.keys()]).toEqual(['BBBBBB']);
  });

  it('refuses rows without an ICAO address', () => {
    expect(fromRow({ callsign: 'X' })).toBeUndefined();
  });
});

describe('table model', () => {
  const book = new AircraftBook();
  book.load([
    { icao: 'AAAAAA', callsign: 'BAW1', squawk: '1234', altitude: 10_000, latitude: 50, longitude: 8 },
    { icao: 'BBBBBB', callsign: 'AFR22', squawk: '7700', altitude: 5_000 },
    { icao: 'CCCCCC', callsign: null, squawk: '1200', altitude: 38_000, latitude: 51, longitude: 9 },
    { icao: 'DDDDDD', callsign: 'DLH400', squawk: '1000', altitude: null },
  ]);
  const none = (): null => null;

  it('filters on callsign, ICAO address or squawk, case-blind', () => {
    const a = book.aircraft.get('AAAAAA')!;
    expect(matchesFilter(a, 'baw')).toBe(true);
    expect(matchesFilter(a, 'aaaa')).toBe(true);
    expect(matchesFilter(a, '12')).toBe(true);
    expect(matchesFilter(a, 'DLH')).toBe(false);
    expect(tableRows(book.aircraft.values(), 'dlh', 'callsign', 'asc', none).map((r) => r.aircraft.icao)).toEqual(['DDDDDD']);
  });

  it('puts emergencies first, then sorts with missing values last either way', () => {
    const icaos = (key: Parameters<typeof tableRows>[2], dir: 'asc' | 'desc'): string[] => tableRows(book.aircraft.values(), '', key, dir, none).map((r) => r.aircraft.icao);
    expect(icaos('altitude', 'desc')).toEqual(['BBBBBB', 'CCCCCC', 'AAAAAA', 'DDDDDD']);
    expect(icaos('altitude', 'asc')).toEqual(['BBBBBB', 'AAAAAA', 'CCCCCC', 'DDDDDD']);
    expect(icaos('callsign', 'asc')).toEqual(['BBBBBB', 'AAAAAA', 'DDDDDD', 'CCCCCC']);
  });

  it('sorts by distance from the receiver', () => {
    const d = (a: { latitude: number | null; longitude: number | null }): number | null => (a.latitude === null || a.longitude === null ? null : distanceNm(50, 8, a.latitude, a.longitude));
    expect(tableRows(book.aircraft.values(), '', 'distance', 'desc', d).map((r) => r.aircraft.icao)).toEqual(['BBBBBB', 'CCCCCC', 'AAAAAA', 'DDDDDD']);
  });

  it('flips the direction on a second click and starts numbers high', () => {
    expect(nextSort({ key: 'callsign', direction: 'asc' }, 'callsign')).toEqual({ key: 'callsign', direction: 'desc' });
    expect(nextSort({ key: 'callsign', direction: 'asc' }, 'altitude')).toEqual({ key: 'altitude', direction: 'desc' });
  });
});

describe('live protocol', () => {
  it('subscribes one channel per connection from the welcome head, authenticating when a token is kept', () => {
    expect(new LiveCursor().openingMessages('alerts', 41, 'secret-token')).toEqual([
      { type: 'auth', token: 'secret-token' },
      { type: 'subscribe', channel: 'alerts', after: 41 },
    ]);
    expect(new LiveCursor().openingMessages('aircraft', 7, null)).toEqual([{ type: 'subscribe', channel: 'aircraft', filter: {}, after: 7 }]);
  });

  it('resumes after the last position pushed and drops repeats', () => {
    const c = new LiveCursor();
    expect(c.resumeQuery()).toBe('');
    expect(c.classify('{"type":"welcome","head":10}')).toEqual({ kind: 'welcome', head: 10 });
    c.openingMessages('aircraft', 10, null);
    const push = (p: number, type = 'org.skyledger.altitude_reported.v1'): string => JSON.stringify({ specversion: '1.0', type, position: p, data: {} });
    expect(c.classify(push(11)).kind).toBe('observation');
    expect(c.classify(push(12, 'org.skyledger.flight_spotted.v1')).kind).toBe('alert');
    expect(c.classify(push(12))).toEqual({ kind: 'repeat', position: 12 });
    expect(c.resumeQuery()).toBe('?after=12');
    // After a reconnect the resumed position wins over the new head.
    expect(c.openingMessages('aircraft', 500, null)).toEqual([{ type: 'subscribe', channel: 'aircraft', filter: {}, after: 12 }]);
    expect(c.classify('not json')).toEqual({ kind: 'ignored' });
    expect(c.classify('{"type":"error","message":"unknown token","field":"token"}')).toEqual({ kind: 'error', message: 'unknown token', field: 'token' });
  });

  it('backs off from half a second to fifteen', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(reconnectDelayMs)).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
  });
});

describe('geometry', () => {
  it('measures a degree of latitude as 60 nm', () => {
    expect(distanceNm(50, 8, 51, 8)).toBeCloseTo(60.04, 1);
  });

  it('draws 4–10 grid lines per axis at round values', () => {
    expect(gridStep(3)).toBe(0.5);
    const lines = gridLines(49.2, 51.1, 7.1, 10.3);
    const lats = lines.filter((l) => l.axis === 'lat').map((l) => l.value);
    expect(lats).toEqual([49.25, 49.5, 49.75, 50, 50.25, 50.5, 50.75, 51]);
    expect(lines.find((l) => l.axis === 'lon')?.label).toBe('7.25°E');
    expect(gridLines(-10, 10, -190, -170).find((l) => l.axis === 'lon')?.label).toBe('170°E');
  });
});

describe('watch form', () => {
  const base = { kind: 'callsign', value: ' dlh4ab ', label: '', lat: '', lon: '', radius: '10', maxAltitude: '' };

  it('builds the bodies POST /api/watches takes', () => {
    expect(watchBody(base)).toEqual({ body: { callsign: 'DLH4AB' } });
    expect(watchBody({ ...base, kind: 'icao', value: '3c6444', label: 'mine' })).toEqual({ body: { icao: '3C6444', label: 'mine' } });
    expect(watchBody({ ...base, kind: 'squawk', value: '7700' })).toEqual({ body: { squawk: '7700' } });
    expect(watchBody({ ...base, kind: 'emergency' })).toEqual({ body: { emergency: true } });
    expect(watchBody({ ...base, kind: 'area', lat: '50.1', lon: '8.6', radius: '5', maxAltitude: '3000' }))
      .toEqual({ body: { area: { lat: 50.1, lon: 8.6, radius_nm: 5, max_altitude_ft: 3000 } } });
  });

  it('says what is wrong before asking the server', () => {
    expect(watchBody({ ...base, value: 'TOO-LONG-1' })).toHaveProperty('error');
    expect(watchBody({ ...base, kind: 'squawk', value: '7800' })).toHaveProperty('error');
    expect(watchBody({ ...base, kind: 'area', lat: '91', lon: '8' })).toHaveProperty('error');
  });

  it('reads watches and alerts in one line', () => {
    expect(describeWatch({ id: 'w1', criteria: { kind: 'callsign', callsign: 'DLH4AB' }, label: 'Dad' })).toBe('Dad: callsign DLH4AB');
    expect(describeWatch({ id: 'w2', criteria: { kind: 'area', latitude: 50, longitude: 8, radius_nm: 5, max_altitude_ft: null } })).toBe('within 5 nm of 50, 8');
    expect(describeAlert({ type: 'org.skyledger.flight_spotted.v1', position: 1, data: { icao: '3C6444', callsign: 'DLH4AB', squawk: '1000', altitude: 12000 } }))
      .toBe('DLH4AB (3C6444) spotted, squawk 1000, 12000 ft');
    expect(describeAlert({ type: 'org.skyledger.flight_lost.v1', position: 2, data: { icao: '3C6444' } })).toBe('3C6444 lost');
  });
});
