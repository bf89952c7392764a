import { describe, expect, it } from 'vitest';
import { newFlightState } from '../../src/sim/flight.ts';
import { METRES_PER_NM, distanceM, initialBearing } from '../../src/sim/great-circle.ts';
import { Prng } from '../../src/sim/prng.ts';
import { DEFAULT_TRAFFIC_OPTIONS, generateTraffic, type TrafficOptions } from '../../src/sim/traffic.ts';

const options: TrafficOptions = {
  ...DEFAULT_TRAFFIC_OPTIONS, aircraft: 80, duration: 300, receiver: { lat: 50.1, lon: 8.6 }, emergencyShare: 0.05,
};

describe('generateTraffic', () => {
  const { airport, flights } = generateTraffic(options, new Prng(2026));
  const state = newFlightState();

  it('casts the requested number of aircraft with unique addresses, callsigns and squawks', () => {
    expect(flights).toHaveLength(80);
    expect(new Set(flights.map((f) => f.identity.icao)).size).toBe(80);
    expect(new Set(flights.map((f) => f.identity.callsign)).size).toBe(80);
    for (const f of flights) {
      expect(f.identity.callsign).toMatch(/^[A-Z0-9]{2,8}$/);
      expect(f.identity.icao).toBeGreaterThan(0);
      expect(f.identity.icao).toBeLessThan(0xffffff);
    }
  });

  it('puts the configured share squawking 7700, all of them airborne kinds', () => {
    const emergencies = flights.filter((f) => f.identity.emergency !== 'none');
    expect(emergencies).toHaveLength(4);
    for (const f of emergencies) {
      expect(f.identity.squawk).toBe(0o7700);
      expect(['overflight', 'arrival', 'departure']).toContain(f.identity.kind);
    }
    for (const f of flights.filter((g) => g.identity.emergency === 'none')) expect(f.identity.squawk).not.toBe(0o7700);
  });

  it('has every flight inside the coverage circle at some time of the run', () => {
    for (const f of flights) {
      let heard = false;
      for (let t = 0; t < options.duration && !heard; t += 5) {
        f.stateAt(t, state);
        heard = distanceM(50.1, 8.6, state.lat, state.lon) <= 151 * METRES_PER_NM;
      }
      expect(heard, f.identity.callsign).toBe(true);
    }
  });

  it('keeps airborne traffic at airliner or light-aircraft levels and speeds, and ground traffic at the airport', () => {
    expect(distanceM(50.1, 8.6, airport.lat, airport.lon) / METRES_PER_NM).toBeLessThan(11);
    for (const f of flights) {
      f.stateAt(options.duration / 2, state);
      if (state.onGround) {
        expect(state.altitude).toBe(airport.elevation);
        expect(state.groundSpeed).toBeLessThanOrEqual(160);
        expect(distanceM(airport.lat, airport.lon, state.lat, state.lon)).toBeLessThan(8_000);
      } else {
        expect(state.altitude).toBeGreaterThan(airport.elevation);
        expect(state.altitude).toBeLessThan(46_000);
        expect(state.groundSpeed).toBeGreaterThan(90);
        expect(state.groundSpeed).toBeLessThan(530);
        expect(Math.abs(state.verticalRate)).toBeLessThanOrEqual(3_000);
      }
    }
    const kinds = new Set(flights.map((f) => f.identity.kind));
    for (const k of ['overflight', 'arrival', 'departure']) expect(kinds).toContain(k);
  });

  it('moves each aircraft along its track at its ground speed', () => {
    const later = newFlightState();
    for (const f of flights.filter((g) => g.identity.kind === 'overflight')) {
      f.stateAt(100, state);
      f.stateAt(101, later);
      const metres = distanceM(state.lat, state.lon, later.lat, later.lon);
      expect(metres).toBeCloseTo(state.groundSpeed * (1852 / 3600), 1);
      const course = initialBearing(state.lat, state.lon, later.lat, later.lon);
      expect(Math.abs(((course - state.track + 540) % 360) - 180)).toBeLessThan(0.01);
    }
  });

  it('is reproducible from its seed', () => {
    const again = generateTraffic(options, new Prng(2026));
    expect(again.flights.map((f) => [f.identity, f.motion.anchor])).toEqual(flights.map((f) => [f.identity, f.motion.anchor]));
    const other = generateTraffic(options, new Prng(2027));
    expect(other.flights.map((f) => f.identity.icao)).not.toEqual(flights.map((f) => f.identity.icao));
  });
});

describe('generateTraffic at scale', () => {
  it('casts thousands of aircraft (squawks repeat once the distinct codes run short)', () => {
    const { flights } = generateTraffic({ ...options, aircraft: 5_000 }, new Prng(1));
    expect(new Set(flights.map((f) => f.identity.icao)).size).toBe(5_000);
    expect(new Set(flights.map((f) => f.identity.callsign)).size).toBe(5_000);
    expect(new Set(flights.map((f) => f.identity.squawk)).size).toBeGreaterThanOrEqual(3_000);
  });
});
