// One simulated aircraft: who it is (address, callsign, squawk) and how it moves. Motion is a
// single great circle through an anchor point, a speed schedule that says how far along it the
// aircraft is, and an altitude schedule. Taxiing, take-off roll, climb, cruise, descent and
// roll-out are all just shapes of those two schedules.
import type { Emergency } from '../modes/message.ts';
import { MPS_PER_KNOT, travel, type LatLon } from './great-circle.ts';
import type { Profile } from './profile.ts';

export type FlightKind = 'overflight' | 'arrival' | 'departure' | 'taxi' | 'parked';

export interface FlightIdentity {
  icao: number;
  callsign: string;
  /** Mode A code; its octal digits are the squawk (0o7700 for "7700"). */
  squawk: number;
  emergency: Emergency;
  /** Emitter category set A–D and number 0–7, e.g. "A3". */
  category: string;
  kind: FlightKind;
  /** Transmitter strength relative to the typical, in dB (installations differ). */
  txOffsetDb: number;
}

export interface FlightMotion {
  /** Where the aircraft is at `anchorTime`, and its course there. */
  anchor: LatLon;
  course: number;
  anchorTime: number;
  /** Ground speed (kt) against simulation time (s). */
  speed: Profile;
  /** Barometric altitude (ft) against simulation time (s). */
  altitude: Profile;
  /** The aircraft is airborne for airborneFrom ≤ t < airborneUntil and on the ground otherwise. */
  airborneFrom: number;
  airborneUntil: number;
}

export interface FlightState extends LatLon {
  track: number;
  /** ft */
  altitude: number;
  /** kt */
  groundSpeed: number;
  /** ft/min */
  verticalRate: number;
  onGround: boolean;
}

export function newFlightState(): FlightState {
  return { lat: 0, lon: 0, track: 0, altitude: 0, groundSpeed: 0, verticalRate: 0, onGround: false };
}

export class Flight {
  readonly identity: FlightIdentity;
  readonly motion: FlightMotion;
  private readonly anchorIntegral: number;

  constructor(identity: FlightIdentity, motion: FlightMotion) {
    this.identity = identity;
    this.motion = motion;
    this.anchorIntegral = motion.speed.integralTo(motion.anchorTime);
  }

  /** Metres flown along the great circle from the anchor at time t (negative before it). */
  distanceAlong(t: number): number {
    return (this.motion.speed.integralTo(t) - this.anchorIntegral) * MPS_PER_KNOT;
  }

  isAirborne(t: number): boolean {
    return t >= this.motion.airborneFrom && t < this.motion.airborneUntil;
  }

  /** The true state at simulation time t, written into `out`. */
  stateAt(t: number, out: FlightState): FlightState {
    const m = this.motion;
    travel(m.anchor.lat, m.anchor.lon, m.course, this.distanceAlong(t), out);
    out.groundSpeed = m.speed.valueAt(t);
    out.altitude = m.altitude.valueAt(t);
    out.onGround = !this.isAirborne(t);
    out.verticalRate = out.onGround ? 0 : m.altitude.slopeAt(t) * 60;
    return out;
  }
}
