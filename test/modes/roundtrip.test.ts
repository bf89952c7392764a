// Encoder → decoder round trips: what the encoder writes, skyledger's Decoder reads back, as
// quantised. Random cases (fast-check, fixed seed) plus the places CPR is known to break: the
// poles, the antimeridian and the NL zone boundaries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cprNL, cprTransitionLatitude, decodeLocal, greatCircleMeters } from '../../src/modes/cpr.ts';
import { Decoder } from '../../src/modes/decoder.ts';
import {
  encodeAircraftStatus, encodeAirbornePosition, encodeAllCall, encodeCpr, encodeIdentification, encodeSurfacePosition,
  encodeSurveillanceAltitude, encodeSurveillanceIdentity, encodeVelocity,
} from '../../src/modes/encode/index.ts';
import type { Emergency, ModeSMessage } from '../../src/modes/message.ts';

const SEED = 1090;
const RUNS = 200;
const ICAO = 0x3c6586;

function snapshot(m: ModeSMessage | null): ModeSMessage {
  expect(m).not.toBeNull();
  return { ...m! };
}

/** Even then odd at the same position, 1 s apart, through a fresh Decoder: the odd frame's fix. */
function airborneGlobal(lat: number, lon: number, decoder = new Decoder()): ModeSMessage {
  decoder.decode(encodeAirbornePosition({ icao: ICAO, lat, lon, odd: false, altitude: 30000 }), 100);
  return snapshot(decoder.decode(encodeAirbornePosition({ icao: ICAO, lat, lon, odd: true, altitude: 30000 }), 101));
}

/** Nearest NL transition latitude (either sign) to `lat`, as a distance in degrees. */
function distanceToTransition(lat: number): number {
  let best = Infinity;
  for (let nl = 2; nl <= 59; nl++) best = Math.min(best, Math.abs(Math.abs(lat) - cprTransitionLatitude(nl)));
  return best;
}

/**
 * Metres a CPR position can be off by quantisation alone: half a latitude step and half a
 * longitude step. Under 5 m up to 84.8°; beyond, the few longitude zones (NL ≤ 5, odd frames
 * one fewer) make the longitude step itself that long, so the format cannot do better there.
 */
function quantisationLimit(lat: number, odd: boolean): number {
  const metresPerDegree = 111195;
  const dLat = 360 / (odd ? 59 : 60);
  const ni = Math.max(cprNL(lat) - (odd ? 1 : 0), 1);
  const halfLat = (dLat / 262144) * metresPerDegree;
  const halfLon = (360 / ni / 262144) * metresPerDegree * Math.cos((lat * Math.PI) / 180);
  return Math.hypot(halfLat, halfLon) * 1.001;
}

/**
 * A global fix comes back within 5 m (or the format's own quantisation limit near the poles), or, only for a position within one CPR quantum of an NL
 * transition, the even and odd latitudes straddle it and the pair is correctly refused.
 */
function expectGlobalRoundTrip(lat: number, lon: number): void {
  const m = airborneGlobal(lat, lon);
  if (m.cpr_reject === 'global_nl_mismatch') {
    expect(distanceToTransition(lat), `lat ${lat}`).toBeLessThan(1e-4);
    return;
  }
  expect(m.position_decoding, `lat ${lat} lon ${lon}: ${m.cpr_reject}`).toBe('global');
  expect(m.longitude!).toBeGreaterThanOrEqual(-180);
  expect(m.longitude!).toBeLessThan(180);
  expect(greatCircleMeters(m.latitude!, m.longitude!, lat, lon), `lat ${lat} lon ${lon}`).toBeLessThanOrEqual(Math.max(5, quantisationLimit(lat, true)));
}

const latitude = fc.double({ min: -90, max: 90, noNaN: true });
const longitude = fc.double({ min: -180, max: 180, noNaN: true, maxExcluded: true });

describe('airborne CPR round trip', () => {
  it('given random positions worldwide, when encoded even+odd and decoded globally, then within 5 m', () => {
    fc.assert(fc.property(latitude, longitude, (lat, lon) => expectGlobalRoundTrip(lat, lon)), { seed: SEED, numRuns: RUNS });
  });

  it('given any latitude up to 84.8°, then the CPR quantisation limit itself is under 5 m', () => {
    let worst = 0;
    for (let lat = -84.8; lat <= 84.8; lat += 0.01) worst = Math.max(worst, quantisationLimit(lat, false), quantisationLimit(lat, true));
    expect(worst).toBeLessThan(5);
  });

  it('given the poles, the 87° edge and the antimeridian, then global decoding holds', () => {
    const lats = [90, -90, 89.99999, -89.99999, 87, -87, 87.00001, -87.00001, 86.9999, 0, 1e-9, -1e-9];
    const lons = [0, 179.99999, -180, -179.99999, 180 - 1e-9, 90, -90];
    for (const lat of lats) for (const lon of lons) expectGlobalRoundTrip(lat, lon);
  });

  it('given positions a hair either side of every NL transition, then global decoding holds or refuses the straddling pair', () => {
    for (let nl = 2; nl <= 59; nl++) {
      const edge = cprTransitionLatitude(nl);
      for (const d of [-1e-3, -1e-5, -1e-9, 0, 1e-9, 1e-5, 1e-3]) {
        expectGlobalRoundTrip(edge + d, 17.3);
        expectGlobalRoundTrip(-(edge + d), -122.1);
      }
    }
  });

  it('given a receiver within 100 NM, when one frame arrives, then receiver-relative local decoding is within 5 m', () => {
    const offset = fc.double({ min: -1, max: 1, noNaN: true });
    fc.assert(fc.property(fc.double({ min: -85, max: 85, noNaN: true }), longitude, offset, offset, fc.boolean(), (lat, lon, dLat, dLon, odd) => {
      const receiver = { lat: lat + dLat, lon: lon + dLon };
      if (greatCircleMeters(lat, lon, receiver.lat, receiver.lon) > 100 * 1852) return;
      const decoder = new Decoder({ receiver, maxRangeNm: 150 });
      const m = snapshot(decoder.decode(encodeAirbornePosition({ icao: ICAO, lat, lon, odd, altitude: 30000 }), 5));
      expect(m.position_decoding, `lat ${lat} lon ${lon}: ${m.cpr_reject}`).toBe('local');
      expect(greatCircleMeters(m.latitude!, m.longitude!, lat, lon)).toBeLessThan(5);
    }), { seed: SEED, numRuns: RUNS });
  });

  it('given references up to 100 km away at the poles, the antimeridian and NL edges, then local decoding is within 5 m', () => {
    const out = new Float64Array(2);
    const places: Array<[number, number]> = [[89.9, 179.9], [-89.9, -179.9], [87.0, -180], [0, 179.99999], [0, -180]];
    for (let nl = 2; nl <= 59; nl++) places.push([cprTransitionLatitude(nl) + 1e-7, 179.9999], [-cprTransitionLatitude(nl), -0.00001]);
    for (const [lat, lon] of places) {
      for (const odd of [false, true]) {
        for (const [dLat, dLon] of [[0, 0], [0.5, 0.5], [-0.5, -0.5], [0.9, -0.9]]) {
          const refLat = Math.max(-90, Math.min(90, lat + dLat));
          const code = encodeCpr(lat, lon, odd, false);
          decodeLocal(refLat, lon + dLon, code.lat, code.lon, odd, false, out);
          expect(greatCircleMeters(out[0], out[1], lat, lon), `${lat},${lon} ref ${refLat},${lon + dLon} ${odd}`)
            .toBeLessThanOrEqual(Math.max(5, quantisationLimit(lat, odd)));
        }
      }
    }
  });
});

describe('surface CPR round trip', () => {
  it('given random positions and a receiver within 200 km, when a surface pair is decoded, then within 5 m', () => {
    const offset = fc.double({ min: -1.5, max: 1.5, noNaN: true });
    fc.assert(fc.property(fc.double({ min: -88, max: 88, noNaN: true }), longitude, offset, offset, (lat, lon, dLat, dLon) => {
      const decoder = new Decoder({ receiver: { lat: lat + dLat, lon: lon + dLon }, maxRangeNm: 0 });
      decoder.decode(encodeSurfacePosition({ icao: ICAO, lat, lon, odd: false, groundSpeed: 12 }), 10);
      const m = snapshot(decoder.decode(encodeSurfacePosition({ icao: ICAO, lat, lon, odd: true, groundSpeed: 12 }), 11));
      if (m.cpr_reject === 'global_nl_mismatch') {
        expect(distanceToTransition(lat)).toBeLessThan(1e-4);
        return;
      }
      expect(m.position_decoding, `lat ${lat} lon ${lon}: ${m.cpr_reject}`).toBe('global');
      expect(greatCircleMeters(m.latitude!, m.longitude!, lat, lon)).toBeLessThan(5);
    }), { seed: SEED, numRuns: RUNS });
  });
});

describe('field round trips (exact as quantised)', () => {
  const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ';

  it('given any callsign and emitter category, then identification decodes to them', () => {
    const callsign = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));
    const category = fc.tuple(fc.constantFrom('A', 'B', 'C', 'D'), fc.integer({ min: 0, max: 7 })).map(([s, d]) => `${s}${d}`);
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffff }), callsign, category, (icao, cs, cat) => {
      const m = snapshot(new Decoder().decode(encodeIdentification({ icao, callsign: cs, category: cat })));
      expect(m.icao).toBe(icao);
      expect(m.callsign).toBe(cs.trimEnd());
      expect(m.category).toBe(cat);
    }), { seed: SEED, numRuns: RUNS });
  });

  it('given a DF18 control field 0 identification, then it decodes as DF18 non-transponder with the callsign', () => {
    const m = snapshot(new Decoder().decode(encodeIdentification({ icao: 0x123456, df: 18, capability: 0, callsign: 'GND1', category: 'C1' })));
    expect([m.df, m.cf, m.icao, m.callsign, m.category]).toEqual([18, 0, 0x123456, 'GND1', 'C1']);
  });

  it('given a ground speed and track, then velocity decodes to the quantised east/north components', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true, maxExcluded: true }),
      fc.integer({ min: -510, max: 510 }), fc.boolean(), fc.integer({ min: -126, max: 126 }),
      (gs, track, rateSteps, geometric, diffSteps) => {
        const m = snapshot(new Decoder().decode(encodeVelocity({
          icao: ICAO, groundSpeed: gs, track, verticalRate: rateSteps * 64, verticalRateSource: geometric ? 'geometric' : 'barometric',
          gnssBaroDiff: diffSteps * 25,
        })));
        const east = Math.round(gs * Math.sin((track * Math.PI) / 180));
        const north = Math.round(gs * Math.cos((track * Math.PI) / 180));
        expect(m.velocity_subtype).toBe(1);
        expect(m.ground_speed).toBeCloseTo(Math.hypot(east, north), 9);
        if (east !== 0 || north !== 0) {
          const expectedTrack = ((Math.atan2(east, north) * 180) / Math.PI + 360) % 360;
          expect(m.heading).toBeCloseTo(expectedTrack, 9);
        }
        expect(m.vertical_rate).toBe(rateSteps * 64);
        expect(m.vertical_rate_source).toBe(geometric ? 'geometric' : 'barometric');
        expect(m.gnss_baro_diff).toBe(diffSteps * 25);
      },
    ), { seed: SEED, numRuns: RUNS });
  });

  it('given an airspeed and heading (subsonic and supersonic), then subtype 3/4 decodes to them as quantised', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1022 }), fc.integer({ min: 0, max: 1023 }), fc.boolean(), fc.boolean(), (speed, headingSteps, tas, supersonic) => {
      const airspeed = supersonic ? speed * 4 : speed;
      const m = snapshot(new Decoder().decode(encodeVelocity({
        icao: ICAO, airspeed, airspeedType: tas ? 'tas' : 'ias', heading: (headingSteps * 360) / 1024, supersonic,
      })));
      expect(m.velocity_subtype).toBe(supersonic ? 4 : 3);
      expect(m.airspeed).toBe(airspeed);
      expect(m.airspeed_type).toBe(tas ? 'tas' : 'ias');
      expect(m.heading).toBe((headingSteps * 360) / 1024);
    }), { seed: SEED, numRuns: RUNS });
  });

  it('given an emergency state and squawk, then TC 28 decodes to them', () => {
    const emergencies: Emergency[] = ['none', 'general', 'lifeguard', 'minfuel', 'nordo', 'unlawful', 'downed', 'reserved'];
    fc.assert(fc.property(fc.constantFrom(...emergencies), fc.integer({ min: 1, max: 0o7777 }), (emergency, code) => {
      const squawk = code.toString(8).padStart(4, '0');
      const m = snapshot(new Decoder().decode(encodeAircraftStatus({ icao: ICAO, emergency, squawk })));
      expect(m.emergency).toBe(emergency);
      expect(m.squawk).toBe(squawk);
    }), { seed: SEED, numRuns: RUNS });
  });

  it('given an altitude in 25-ft steps to 50,175 ft and 100-ft steps above, then airborne positions carry it exactly', () => {
    const low = fc.integer({ min: -40, max: 2047 - 40 }).map((n) => n * 25);
    const high = fc.integer({ min: 503, max: 1267 }).map((n) => n * 100);
    fc.assert(fc.property(fc.oneof(low, high), fc.boolean(), (altitude, geometric) => {
      const frame = encodeAirbornePosition({ icao: ICAO, lat: 10, lon: 10, odd: false, altitude, altitudeType: geometric ? 'geometric' : 'barometric' });
      const m = snapshot(new Decoder().decode(frame));
      expect(m.altitude).toBe(altitude);
      expect(m.altitude_type).toBe(geometric ? 'geometric' : 'barometric');
      expect(m.tc).toBe(geometric ? 20 : 11);
    }), { seed: SEED, numRuns: RUNS });
  });

  it('given surveillance replies, then DF4/20 altitude and DF5/21 squawk decode for the address they are overlaid with', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 0xffffff }), fc.integer({ min: -40, max: 2007 }).map((n) => n * 25), fc.integer({ min: 0, max: 0o7777 }),
      fc.constantFrom(4, 20) as fc.Arbitrary<4 | 20>, fc.constantFrom(5, 21) as fc.Arbitrary<5 | 21>, fc.integer({ min: 0, max: 7 }),
      (icao, altitude, code, altDf, idDf, flightStatus) => {
        const decoder = new Decoder({ trustAddressParity: true });
        const a = snapshot(decoder.decode(encodeSurveillanceAltitude({ icao, altitude, df: altDf, flightStatus })));
        expect([a.df, a.icao, a.altitude, a.flight_status]).toEqual([altDf, icao, altitude, flightStatus]);
        const squawk = code.toString(8).padStart(4, '0');
        const i = snapshot(decoder.decode(encodeSurveillanceIdentity({ icao, squawk, df: idDf })));
        expect([i.df, i.icao, i.squawk]).toEqual([idDf, icao, squawk]);
      },
    ), { seed: SEED, numRuns: RUNS });
  });

  it('given an all-call reply with capability and interrogator overlay, then DF11 decodes to them', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffff }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 79 }), (icao, capability, interrogator) => {
      const decoder = new Decoder();
      // A clean II 0 reply first makes the address known, as replies to a named interrogator need.
      decoder.decode(encodeAllCall({ icao }));
      const m = snapshot(decoder.decode(encodeAllCall({ icao, capability, interrogator })));
      expect([m.icao, m.capability, m.interrogator]).toEqual([icao, capability, interrogator]);
    }), { seed: SEED, numRuns: RUNS });
  });
});
