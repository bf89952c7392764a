// Turns "this aircraft, in this state, sends this kind of message" into the frame its transponder
// would put on the air, through the project's Mode S encoder. Fields follow what a typical
// version-2 airliner transponder sends: capability 5 airborne / 4 on the ground, barometric
// position TC 11, surface TC 7, ground-speed velocity (subtype 1) with barometric climb rate,
// Comm-B replies carrying the identification register (BDS 2,0).
import {
  encodeAircraftStatus, encodeAirbornePosition, encodeAllCall, encodeIdentification, encodeSurfacePosition,
  encodeSurveillanceAltitude, encodeSurveillanceIdentity, encodeVelocity, writeBits, writeCallsign,
} from '../modes/encode/index.ts';
import { squawkString } from '../modes/identity.ts';
import type { FlightIdentity, FlightState } from './flight.ts';
import type { MessageKind } from './message-rates.ts';

const CA_AIRBORNE = 5;
const CA_GROUND = 4;
const FS_AIRBORNE = 0;
const FS_GROUND = 1;
/** ADS-B surveillance status 1: permanent alert, the emergency condition. */
const SS_EMERGENCY = 1;

/** The frame (with parity) for one message; `odd` picks the CPR format of position messages. */
export function buildFrame(kind: MessageKind, who: FlightIdentity, state: FlightState, odd: boolean): Uint8Array {
  const icao = who.icao;
  const capability = state.onGround ? CA_GROUND : CA_AIRBORNE;
  const flightStatus = state.onGround ? FS_GROUND : FS_AIRBORNE;
  switch (kind) {
    case 'identification':
      return encodeIdentification({ icao, capability, callsign: who.callsign, category: who.category });
    case 'airborne_position':
      return encodeAirbornePosition({
        icao, lat: state.lat, lon: state.lon, odd, altitude: state.altitude,
        surveillanceStatus: who.emergency === 'none' ? 0 : SS_EMERGENCY,
      });
    case 'surface_position':
      return encodeSurfacePosition({ icao, lat: state.lat, lon: state.lon, odd, groundSpeed: state.groundSpeed, track: state.track });
    case 'velocity':
      return encodeVelocity({ icao, groundSpeed: state.groundSpeed, track: state.track, verticalRate: state.verticalRate });
    case 'status':
      return encodeAircraftStatus({ icao, capability, emergency: who.emergency, squawk: squawkString(who.squawk) });
    case 'all_call':
      return encodeAllCall({ icao, capability });
    case 'altitude_reply':
      return encodeSurveillanceAltitude({ icao, df: 4, flightStatus, altitude: state.altitude });
    case 'identity_reply':
      return encodeSurveillanceIdentity({ icao, df: 5, flightStatus, squawk: squawkString(who.squawk) });
    case 'commb_altitude':
      return encodeSurveillanceAltitude({ icao, df: 20, flightStatus, altitude: state.altitude, mb: identificationRegister(who.callsign) });
    case 'commb_identity':
      return encodeSurveillanceIdentity({ icao, df: 21, flightStatus, squawk: squawkString(who.squawk), mb: identificationRegister(who.callsign) });
  }
}

/** BDS 2,0: the register number 0x20, then the callsign in the ADS-B 6-bit alphabet. */
function identificationRegister(callsign: string): Uint8Array {
  const mb = new Uint8Array(7);
  writeBits(mb, 1, 8, 0x20);
  writeCallsign(mb, 9, callsign);
  return mb;
}
