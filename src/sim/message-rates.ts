// What each simulated transponder sends and how often, per second, while it can be heard. The
// squitter rates follow the ADS-B schedule (positions and velocity twice a second, identification
// every five seconds, acquisition squitter once a second; surface positions drop to one in five
// seconds when the aircraft stands still); the surveillance replies stand for a radar's
// interrogations and come less often. Each interval is jittered ±20% around the mean, as
// transponders do to avoid synchronous garbling.
import type { FlightIdentity, FlightState } from './flight.ts';

export const MESSAGE_KINDS = [
  'identification', 'airborne_position', 'surface_position', 'velocity', 'status', 'all_call',
  'altitude_reply', 'identity_reply', 'commb_altitude', 'commb_identity',
] as const;

export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface MessageRates {
  identification: number;
  airborne_position: number;
  velocity: number;
  /** Surface position while moving. */
  surface_position: number;
  surface_position_still: number;
  /** TC 28 aircraft status (squawk), and its faster rate during an emergency. */
  status: number;
  status_emergency: number;
  /** DF11 acquisition squitter. */
  all_call: number;
  /** DF4 altitude reply. */
  altitude_reply: number;
  /** DF5 identity reply. */
  identity_reply: number;
  /** DF20 Comm-B altitude reply. */
  commb_altitude: number;
  /** DF21 Comm-B identity reply. */
  commb_identity: number;
}

export const DEFAULT_RATES: Readonly<MessageRates> = {
  identification: 0.2,
  airborne_position: 2,
  velocity: 2,
  surface_position: 2,
  surface_position_still: 0.2,
  status: 0.2,
  status_emergency: 1,
  all_call: 1,
  altitude_reply: 0.4,
  identity_reply: 0.2,
  commb_altitude: 0.2,
  commb_identity: 0.1,
};

export const INTERVAL_JITTER = 0.2;

/** Ground speed below which a surface target counts as standing still, kt. */
const STILL_KT = 1;

/** Messages per second of this kind for an aircraft in this state (0: it does not send it now). */
export function rateOf(kind: MessageKind, rates: Readonly<MessageRates>, who: FlightIdentity, state: FlightState): number {
  switch (kind) {
    case 'identification': return rates.identification;
    case 'airborne_position': return state.onGround ? 0 : rates.airborne_position;
    case 'velocity': return state.onGround ? 0 : rates.velocity;
    case 'surface_position':
      if (!state.onGround) return 0;
      return state.groundSpeed < STILL_KT ? rates.surface_position_still : rates.surface_position;
    case 'status': return who.emergency === 'none' ? rates.status : rates.status_emergency;
    case 'all_call': return rates.all_call;
    case 'altitude_reply': return rates.altitude_reply;
    case 'identity_reply': return rates.identity_reply;
    case 'commb_altitude': return rates.commb_altitude;
    case 'commb_identity': return rates.commb_identity;
  }
}
