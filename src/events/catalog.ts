// Who produces and who consumes each event type. Adding a type = a union member in types.ts, a
// schema in schemas.ts and an entry here; the docs (`npm run docs:events`) follow from these.
import { EVENT_SCHEMAS, type JsonSchema } from './schemas.ts';
import {
  AIRCRAFT_IDENTIFIED, ALTITUDE_REPORTED, CLEANUP_INTERVAL_PASSED, POSITION_REPORTED, SQUAWK_RECEIVED,
  VELOCITY_REPORTED, type SkyledgerEventType,
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

function entry(type: SkyledgerEventType, producers: string[], consumers: string[]): CatalogEntry {
  return { type, name: type.slice('org.skyledger.'.length), schema: EVENT_SCHEMAS[type], producers, consumers };
}

export const EVENT_CATALOG: readonly CatalogEntry[] = [
  entry(AIRCRAFT_IDENTIFIED, [OBSERVATION_INJECTOR], ['projectors/aircraft', 'projectors/stats']),
  entry(SQUAWK_RECEIVED, [OBSERVATION_INJECTOR], ['projectors/aircraft', 'projectors/stats']),
  entry(POSITION_REPORTED, [OBSERVATION_INJECTOR], ['projectors/aircraft', 'projectors/tracks', 'projectors/stats']),
  entry(VELOCITY_REPORTED, [OBSERVATION_INJECTOR], ['projectors/aircraft', 'projectors/stats']),
  entry(ALTITUDE_REPORTED, [OBSERVATION_INJECTOR], ['projectors/aircraft', 'projectors/stats']),
  entry(CLEANUP_INTERVAL_PASSED, [TICK_INJECTOR], ['projectors/aircraft', 'projectors/tracks', 'projectors/stats']),
];

export function catalogEntry(type: string): CatalogEntry | undefined {
  return EVENT_CATALOG.find((e) => e.type === type);
}
