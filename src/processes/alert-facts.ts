// The watch process manager's commands become facts here. Ids are derived from the watch and the
// triggering event (plus the aircraft for a loss), so running the process manager over the same
// log again mints the same ids and the log appends nothing new.
import { buildEvent, FLIGHT_LOST, FLIGHT_SPOTTED, parseMicros, type AlertEvent } from '../events/index.ts';
import type { WatchProcessCommand } from './watch.ts';

const encoder = new TextEncoder();

/** The alert's source: the user whose watch it is (DESIGN §3: the principal that caused it). */
function sourceOf(user: string): string {
  return `/users/${user}`;
}

export function alertFact(command: WatchProcessCommand): AlertEvent {
  const micros = parseMicros(command.time);
  switch (command.type) {
    case 'record_flight_spotted':
      return buildEvent(FLIGHT_SPOTTED, sourceOf(command.user), command.watchId, micros, encoder.encode(`${command.watchId}\n${command.trigger.event_id}`), {
        watch_id: command.watchId, user_id: command.user, icao: command.icao, callsign: command.callsign, squawk: command.squawk,
        emergency: command.emergency, latitude: command.latitude, longitude: command.longitude, altitude: command.altitude, trigger: command.trigger,
      });
    case 'record_flight_lost':
      return buildEvent(FLIGHT_LOST, sourceOf(command.user), command.watchId, micros, encoder.encode(`${command.watchId}\n${command.trigger.event_id}\n${command.icao}`), {
        watch_id: command.watchId, user_id: command.user, icao: command.icao, last_seen: command.lastSeen, trigger: command.trigger,
      });
  }
}
