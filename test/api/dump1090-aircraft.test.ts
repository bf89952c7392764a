// aircraft.json in dump1090-fa's names and units, from the aircraft projection fed real events:
// alt_baro only from barometric reports (or "ground"), alt_geom only from geometric positions,
// baro_rate / geom_rate by the vertical rate's source.
import { describe, expect, it } from 'vitest';
import { dump1090AircraftJson } from '../../src/api/dump1090-aircraft.ts';
import type { SkyledgerEvent } from '../../src/events/index.ts';
import { AircraftQueries, AircraftTables, openDatabase, ProjectionRunner, SqliteEventLog } from '../../src/store/index.ts';
import { altitude, identified, position, SOURCE, squawk, T0, velocity } from '../events/builders.ts';

/** Ten seconds after T0, in ms. */
const NOW_MS = T0 / 1000 + 10_000;

function aircraftJson(...events: SkyledgerEvent[]) {
  const log = new SqliteEventLog(openDatabase(':memory:'));
  const runner = new ProjectionRunner(log, [new AircraftTables(log.db)]);
  log.appendSync(events);
  runner.catchUp();
  return dump1090AircraftJson(new AircraftQueries(log.db).list(), NOW_MS, 1234);
}

describe('dump1090-fa aircraft.json', () => {
  it('given barometric and geometric altitude and rates, then alt_baro/alt_geom and baro_rate/geom_rate each carry their own (ft, ft/min)', () => {
    const json = aircraftJson(
      identified('3C6444', 'DLH9U', 0, 'A3'),
      squawk('3C6444', '1000', 1),
      position('3C6444', 50.0331234, 8.5612345, 2, 35000),
      position('3C6444', 50.0431234, 8.5712345, 3, 35575, SOURCE, 'geometric'),
      altitude('3C6444', 35025, 4),
      velocity('3C6444', 451.26, 87.24, -640, 5),
      velocity('3C6444', 451.26, 87.24, -704, 6, undefined, 'geometric'),
    );
    expect(json).toMatchObject({ now: NOW_MS / 1000, messages: 1234 });
    expect(json.aircraft).toEqual([{
      hex: '3c6444', flight: 'DLH9U   ', alt_baro: 35025, alt_geom: 35575, gs: 451.3, track: 87.2, baro_rate: -640,
      geom_rate: -704, squawk: '1000', emergency: 'none', category: 'A3', lat: 50.043123, lon: 8.571235,
      seen: 4, seen_pos: 7, messages: 7,
    }]);
  });

  it('given only geometric reports, then alt_baro and baro_rate are left out rather than filled from them', () => {
    const [a] = aircraftJson(
      position('4CA2D6', 53.1, -6.2, 0, 12500, SOURCE, 'geometric'),
      velocity('4CA2D6', 250, 270, 1216, 1, undefined, 'geometric'),
    ).aircraft;
    expect(a).toMatchObject({ hex: '4ca2d6', alt_geom: 12500, geom_rate: 1216 });
    expect(a).not.toHaveProperty('alt_baro');
    expect(a).not.toHaveProperty('baro_rate');
  });

  it('given only barometric reports, then alt_geom and geom_rate are left out', () => {
    const [a] = aircraftJson(position('4CA2D6', 53.1, -6.2, 0, 12000), velocity('4CA2D6', 250, 270, 1152, 1)).aircraft;
    expect(a).toMatchObject({ alt_baro: 12000, baro_rate: 1152 });
    expect(a).not.toHaveProperty('alt_geom');
    expect(a).not.toHaveProperty('geom_rate');
  });

  it('given an aircraft on the surface, then alt_baro is the string "ground" and no airborne GNSS height is shown', () => {
    const [a] = aircraftJson(
      position('4CA2D6', 53.1, -6.2, 0, 1500, SOURCE, 'geometric'),
      position('4CA2D6', 53.42, -6.27, 1, null, SOURCE, 'barometric', true),
    ).aircraft;
    expect(a.alt_baro).toBe('ground');
    expect(a).not.toHaveProperty('alt_geom');
  });
});
