// Who produces and who consumes each event type. Adding a type = a union member in types.ts, a
// schema in schemas.ts and an entry here; the docs (`npm run docs:events`) follow from these.
import { EVENT_SCHEMAS, type JsonSchema } from './schemas.ts';
import {
  AIRCRAFT_IDENTIFIED, ALTITUDE_REPORTED, CLEANUP_INTERVAL_PASSED, POSITION_REPORTED, SQUAWK_RECEIVED,
  VELOCITY_REPORTED, WATCH_STARTED, WATCH_STOPPED, FLIGHT_SPOTTED, FLIGHT_LOST, type SkyledgerEventType,
} from './types.ts';

export interface CatalogEntry {
  type: SkyledgerEventType;
  /** Short name, e.g. `position_reported.v1`. */
  name: string;
  schema: JsonSchema;
  producers: string[];
  consumers: string[];
}

const OBSERVATION_INJECTOR = 'injectors/observations';
const TICK_INJECTOR = 'injectors/cleanup-ticks';
// Watches: the aggregate decides on user commands; the process manager (one instance per watch,
// run by app/watch-process-runner) follows observations and records alerts; notifiers push them.
const WATCH_AGGREGATE = 'aggregates/watch';
const WATCH_PROCESS = 'processes/watch';
const WATCH_PROJECTOR = 'projectors/watches';
const ALERT_NOTIFIERS = ['notifiers/webhook', 'notifiers/websocket'];

function entry(type: SkyledgerEventType, producers: string[], consumers: string[]): CatalogEntry {
  return { type, name: type.slice('org.skyledger.'.length), schema: EVENT_SCHEMAS[type], producers, consumers };
}

export const EVENT_CATALOG: readonly CatalogEntry[] = [
  entry(AIRCRAFT_IDENTIFIED, [OBSERVATION_INJECTOR], ['projectors/aircraft', 'projectors/stats', WATCH_PROCESS]),
  entry(SQUAWK_RECEIVED, [OBSERVATION_INJECTOR], ['projectors/aircraft', 'projectors/stats', WATCH_PROCESS]),
  entry(POSITION_REPORTED, [OBSERVATION_INJECTOR], ['projectors/aircraft', 'projectors/tracks', 'projectors/stats', WATCH_PROCESS]),
  entry(VELOCITY_REPORTED, [OBSERVATION_INJECTOR], ['projectors/aircraft', 'projectors/stats', WATCH_PROCESS]),
  entry(ALTITUDE_REPORTED, [OBSERVATION_INJECTOR], ['projectors/aircraft', 'projectors/stats', WATCH_PROCESS]),
  entry(CLEANUP_INTERVAL_PASSED, [TICK_INJECTOR], ['projectors/aircraft', 'projectors/tracks', 'projectors/stats', WATCH_PROCESS]),
  entry(WATCH_STARTED, [WATCH_AGGREGATE], [WATCH_PROCESS, WATCH_PROJECTOR, ...ALERT_NOTIFIERS]),
  entry(WATCH_STOPPED, [WATCH_AGGREGATE], [WATCH_PROCESS, WATCH_PROJECTOR, 'notifiers/webhook']),
  entry(FLIGHT_SPOTTED, [WATCH_PROCESS], [WATCH_PROJECTOR, ...ALERT_NOTIFIERS]),
  entry(FLIGHT_LOST, [WATCH_PROCESS], [WATCH_PROJECTOR, ...ALERT_NOTIFIERS]),
];

export function catalogEntry(type: string): CatalogEntry | undefined {
  return EVENT_CATALOG.find((e) => e.type === type);
}
