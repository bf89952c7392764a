// Which events are observations of an aircraft (its subject is the ICAO address).
import type { ObservationEvent, SkyledgerEvent } from './types.ts';

export function isObservation(e: SkyledgerEvent): e is ObservationEvent {
  switch (e.type) {
    case 'org.skyledger.aircraft_identified.v1':
    case 'org.skyledger.squawk_received.v1':
    case 'org.skyledger.position_reported.v1':
    case 'org.skyledger.velocity_reported.v1':
    case 'org.skyledger.altitude_reported.v1':
      return true;
    default:
      return false;
  }
}
