// The cast of a simulated run: N aircraft with unique addresses and callsigns, each on a flight
// that is inside the coverage circle at some point of the run. Most cross the area at cruise;
// some depart from or land at an airport near the receiver; a few taxi or stand on its apron.
import type { Emergency } from '../modes/message.ts';
import { CallsignGenerator } from './callsign-generator.ts';
import { Flight, type FlightIdentity, type FlightKind } from './flight.ts';
import { METRES_PER_NM, distanceM, initialBearing, travel, type LatLon } from './great-circle.ts';
import { Profile } from './profile.ts';
import type { Prng } from './prng.ts';

export interface TrafficOptions {
  aircraft: number;
  /** Length of the run in seconds; every flight is heard at some time in [0, duration). */
  duration: number;
  receiver: LatLon;
  /** Radius of the coverage circle around the receiver, NM. */
  rangeNm: number;
  /** Share of airborne aircraft squawking 7700. */
  emergencyShare: number;
  /** Shares of the kinds of flight; overflights take the rest. */
  arrivalShare: number;
  departureShare: number;
  groundShare: number;
}

export const DEFAULT_TRAFFIC_OPTIONS: Omit<TrafficOptions, 'aircraft' | 'duration' | 'receiver'> = {
  rangeNm: 150,
  emergencyShare: 0.04,
  arrivalShare: 0.15,
  departureShare: 0.15,
  groundShare: 0.1,
};

export interface Airport extends LatLon {
  elevation: number;
}

export interface Traffic {
  airport: Airport;
  flights: Flight[];
}

const SCRATCH = { lat: 0, lon: 0, track: 0 };

export function generateTraffic(options: TrafficOptions, prng: Prng): Traffic {
  const setup = prng.fork();
  const rx = options.receiver;
  // The local airport sits a few miles from the receiver, as it does for most hobby stations.
  travel(rx.lat, rx.lon, setup.uniform(0, 360), setup.uniform(4, 10) * METRES_PER_NM, SCRATCH);
  const airport: Airport = { lat: SCRATCH.lat, lon: SCRATCH.lon, elevation: Math.round(setup.uniform(50, 1200)) };

  const n = Math.max(0, Math.floor(options.aircraft));
  const kinds = assignKinds(n, options, setup);
  const airborneIndexes = kinds.flatMap((k, i) => (k === 'taxi' || k === 'parked' ? [] : [i]));
  const emergencies = new Set<number>();
  const wanted = Math.min(airborneIndexes.length, Math.round(options.emergencyShare * n));
  while (emergencies.size < wanted) emergencies.add(setup.pick(airborneIndexes));

  const callsigns = new CallsignGenerator(setup.fork());
  const addresses = new Set<number>();
  const squawks = new Set<number>();
  const flights: Flight[] = [];
  for (let i = 0; i < n; i++) {
    const p = prng.fork();
    const kind = kinds[i];
    const light = kind !== 'arrival' && kind !== 'departure' && p.chance(0.12);
    const heavy = !light && p.chance(0.2);
    const emergency: Emergency = emergencies.has(i) ? 'general' : 'none';
    const identity: FlightIdentity = {
      icao: uniqueAddress(p, addresses),
      callsign: light ? callsigns.registration() : callsigns.airline(),
      squawk: emergency === 'general' ? 0o7700 : uniqueSquawk(p, squawks),
      emergency,
      category: light ? 'A1' : heavy ? 'A5' : 'A3',
      kind,
      txOffsetDb: p.uniform(-3, 3),
    };
    flights.push(makeFlight(identity, light, options, airport, p));
  }
  return { airport, flights };
}

function assignKinds(n: number, o: TrafficOptions, p: Prng): FlightKind[] {
  const arrivals = Math.round(n * o.arrivalShare);
  const departures = Math.round(n * o.departureShare);
  const ground = Math.round(n * o.groundShare);
  const kinds: FlightKind[] = [];
  for (let i = 0; i < n; i++) {
    if (i < arrivals) kinds.push('arrival');
    else if (i < arrivals + departures) kinds.push('departure');
    else if (i < arrivals + departures + ground) kinds.push(p.chance(0.5) ? 'taxi' : 'parked');
    else kinds.push('overflight');
  }
  // Fisher–Yates, so the kinds are not grouped by index.
  for (let i = n - 1; i > 0; i--) {
    const j = p.int(0, i);
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  return kinds;
}

function uniqueAddress(p: Prng, used: Set<number>): number {
  for (;;) {
    const a = p.int(0x010000, 0xfffffe);
    if (!used.has(a)) {
      used.add(a);
      return a;
    }
  }
}

/** Past this many aircraft codes repeat, as they do between distant sectors. */
const DISTINCT_SQUAWKS = 3000;

function uniqueSquawk(p: Prng, used: Set<number>): number {
  for (;;) {
    const s = p.int(0o0100, 0o7477);
    // 1200/2000/7000 are conspicuity codes shared by many aircraft; keep each flight's own.
    if (s === 0o1200 || s === 0o2000 || s === 0o7000) continue;
    if (used.has(s) && used.size < DISTINCT_SQUAWKS) continue;
    used.add(s);
    return s;
  }
}

function makeFlight(identity: FlightIdentity, light: boolean, o: TrafficOptions, airport: Airport, p: Prng): Flight {
  switch (identity.kind) {
    case 'arrival': return arrival(identity, o, airport, p);
    case 'departure': return departure(identity, o, airport, p);
    case 'taxi':
    case 'parked': return onGround(identity, o, airport, p);
    default: return overflight(identity, light, o, p);
  }
}

/** How long a run must see a flight, so short runs still hear everyone. */
function minimumVisible(o: TrafficOptions): number {
  return Math.min(60, o.duration / 3);
}

function edgePoint(o: TrafficOptions, bearing: number): LatLon {
  travel(o.receiver.lat, o.receiver.lon, bearing, o.rangeNm * METRES_PER_NM, SCRATCH);
  return { lat: SCRATCH.lat, lon: SCRATCH.lon };
}

function overflight(identity: FlightIdentity, light: boolean, o: TrafficOptions, p: Prng): Flight {
  const b1 = p.uniform(0, 360);
  const entry = edgePoint(o, b1);
  const exit = edgePoint(o, b1 + 180 + p.uniform(-80, 80));
  const length = distanceM(entry.lat, entry.lon, exit.lat, exit.lon);
  const speedKt = light ? p.uniform(95, 165) : identity.category === 'A5' ? p.uniform(440, 520) : p.uniform(390, 490);
  const cruise = light ? 500 * p.int(5, 19) : 1000 * (identity.category === 'A5' ? p.int(31, 41) : p.int(26, 39));
  const crossing = length / (speedKt * (1852 / 3600));
  const margin = minimumVisible(o);
  const tEntry = p.uniform(-crossing + margin, o.duration - margin);
  const altitudeKnots: Array<[number, number]> = [[tEntry, cruise]];
  // A quarter of them change level during the run, so climbs and descents show up en route.
  if (p.chance(0.25)) {
    const start = p.uniform(0, o.duration);
    const change = (p.chance(0.5) ? 1 : -1) * (light ? 500 * p.int(2, 4) : 1000 * p.int(1, 4));
    const rate = light ? p.uniform(400, 700) : p.uniform(800, 1800);
    altitudeKnots.length = 0;
    altitudeKnots.push([start, cruise], [start + (Math.abs(change) / rate) * 60, cruise + change]);
  }
  return new Flight(identity, {
    anchor: entry,
    course: initialBearing(entry.lat, entry.lon, exit.lat, exit.lon),
    anchorTime: tEntry,
    speed: Profile.constant(speedKt),
    altitude: new Profile(altitudeKnots),
    airborneFrom: -Infinity,
    airborneUntil: Infinity,
  });
}

function nearAirport(airport: Airport, p: Prng, maxMetres: number): LatLon {
  travel(airport.lat, airport.lon, p.uniform(0, 360), p.uniform(0, maxMetres), SCRATCH);
  return { lat: SCRATCH.lat, lon: SCRATCH.lon };
}

function arrival(identity: FlightIdentity, o: TrafficOptions, airport: Airport, p: Prng): Flight {
  const touchdown = nearAirport(airport, p, 600);
  const entry = edgePoint(o, p.uniform(0, 360));
  const cruiseKt = identity.category === 'A5' ? p.uniform(440, 500) : p.uniform(400, 470);
  const cruise = 1000 * p.int(24, 38);
  const e = airport.elevation;
  // Schedules relative to touchdown at 0: descend at ~2,200 ft/min to 2,800 ft above the field,
  // then a ~700 ft/min final approach; slow down through 250 kt to 140 kt at the threshold, roll
  // out and taxi clear.
  const topOfDescent = -240 - ((cruise - e - 2800) / 2200) * 60;
  const altitudeRel: Array<[number, number]> = [[topOfDescent, cruise], [-240, e + 2800], [0, e]];
  const speedRel: Array<[number, number]> = [
    [-1500, cruiseKt], [-600, 250], [-240, 170], [0, 140], [35, 20], [95, 15], [110, 0],
  ];
  const length = distanceM(entry.lat, entry.lon, touchdown.lat, touchdown.lon);
  const inbound = timeToFly(new Profile(speedRel), 0, -length);
  const margin = minimumVisible(o);
  // `inbound` is negative: the entry is that long before touchdown. Most are still inbound when
  // the run ends; the earliest land during it.
  const t0 = p.uniform(0.2 * o.duration, o.duration - inbound - margin);
  return new Flight(identity, {
    anchor: touchdown,
    // Course at touchdown: the reverse of the course from the threshold back out to the entry.
    course: initialBearing(touchdown.lat, touchdown.lon, entry.lat, entry.lon) + 180,
    anchorTime: t0,
    speed: new Profile(shifted(speedRel, t0)),
    altitude: new Profile(shifted(altitudeRel, t0)),
    airborneFrom: -Infinity,
    airborneUntil: t0,
  });
}

function departure(identity: FlightIdentity, o: TrafficOptions, airport: Airport, p: Prng): Flight {
  const start = nearAirport(airport, p, 600);
  const exit = edgePoint(o, p.uniform(0, 360));
  const cruiseKt = identity.category === 'A5' ? p.uniform(440, 500) : p.uniform(400, 470);
  const cruise = 1000 * p.int(24, 38);
  const e = airport.elevation;
  // Relative to brake release at 0: 35 s roll to 160 kt, 3,000 ft/min to 10,000 ft above the
  // field, then 1,800 ft/min to cruise while accelerating.
  const speedRel: Array<[number, number]> = [[0, 0], [35, 160], [150, 250], [400, 300], [900, cruiseKt]];
  const tenThousand = 35 + (10000 / 3000) * 60;
  const altitudeRel: Array<[number, number]> = [
    [35, e], [tenThousand, e + 10000], [tenThousand + ((cruise - e - 10000) / 1800) * 60, cruise],
  ];
  const length = distanceM(start.lat, start.lon, exit.lat, exit.lon);
  const outbound = timeToFly(new Profile(speedRel), 0, length);
  const margin = minimumVisible(o);
  // Some are already climbing out when the run starts, some are still waiting to roll.
  const t0 = p.uniform(-outbound + margin, o.duration - 30);
  return new Flight(identity, {
    anchor: start,
    course: initialBearing(start.lat, start.lon, exit.lat, exit.lon),
    anchorTime: t0,
    speed: new Profile(shifted(speedRel, t0)),
    altitude: new Profile(shifted(altitudeRel, t0)),
    airborneFrom: t0 + 35,
    airborneUntil: Infinity,
  });
}

function onGround(identity: FlightIdentity, o: TrafficOptions, airport: Airport, p: Prng): Flight {
  const spot = nearAirport(airport, p, 1500);
  let speed = Profile.constant(0);
  if (identity.kind === 'taxi') {
    const start = p.uniform(0, o.duration * 0.7);
    const taxiKt = p.uniform(8, 22);
    const moving = p.uniform(40, 180);
    speed = new Profile([[start, 0], [start + 10, taxiKt], [start + 10 + moving, taxiKt], [start + 20 + moving, 0]]);
  }
  return new Flight(identity, {
    anchor: spot,
    course: p.uniform(0, 360),
    anchorTime: 0,
    speed,
    altitude: Profile.constant(airport.elevation),
    airborneFrom: Infinity,
    airborneUntil: Infinity,
  });
}

/** Knots of a schedule relative to `t0`, moved to absolute time. */
function shifted(knots: Array<[number, number]>, t0: number): Array<[number, number]> {
  return knots.map(([t, v]) => [t + t0, v]);
}

/** Seconds from `from` until the distance flown on `speed` reaches `metres` (negative: backwards). */
function timeToFly(speed: Profile, from: number, metres: number): number {
  const base = speed.integralTo(from);
  const target = metres / (1852 / 3600);
  const dir = metres >= 0 ? 1 : -1;
  // The integral is monotonic in t; widen a bracket, then bisect.
  let lo = from;
  let hi = from + dir * 60;
  while (dir * (speed.integralTo(hi) - base - target) < 0) hi = from + (hi - from) * 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (dir * (speed.integralTo(mid) - base - target) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
