// One JSON Schema (draft 2020-12 subset that ajv validates) per event type: the whole structured-mode
// envelope with the type's `data`. These objects are the source the docs are generated from.
import {
  AIRCRAFT_IDENTIFIED, ALTITUDE_REPORTED, CLEANUP_INTERVAL_PASSED, POSITION_REPORTED, SQUAWK_RECEIVED,
  EMERGENCY_STATES, VELOCITY_REPORTED, WATCH_STARTED, WATCH_STOPPED, FLIGHT_SPOTTED, FLIGHT_LOST, type SkyledgerEventType,
} from './types.ts';

export type JsonSchema = Record<string, unknown>;

export const ICAO_PATTERN = '^[0-9A-F]{6}$';
/** RFC 3339, UTC, exactly microsecond precision: the one spelling the log stores and gives back. */
export const TIME_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}Z$';
export const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

const icao = { type: 'string', pattern: ICAO_PATTERN, description: 'ICAO 24-bit address, 6 upper-case hex digits; equals the subject.' };
const altitudeType = { enum: ['barometric', 'geometric'] };

function envelope(type: string, title: string, description: string, data: JsonSchema, subject: JsonSchema | null): JsonSchema {
  const required = ['specversion', 'id', 'source', 'type', 'time', 'datacontenttype', 'data'];
  if (subject !== null) required.push('subject');
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://skyledger.org/schemas/${type}.json`,
    title,
    description,
    type: 'object',
    additionalProperties: false,
    required,
    properties: {
      specversion: { const: '1.0' },
      id: { type: 'string', pattern: UUID_PATTERN, description: 'Deterministic UUID (v5 layout) of source, time, frame bytes and type.' },
      source: { type: 'string', pattern: '^/(receivers|users)/[^/\\s]+$' },
      type: { const: type },
      ...(subject === null ? {} : { subject }),
      time: { type: 'string', pattern: TIME_PATTERN, description: 'Reception time, RFC 3339 UTC with microseconds.' },
      datacontenttype: { const: 'application/json' },
      data,
    },
  };
}

function object(properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    properties,
  };
}

const nullableNumber = { type: ['number', 'null'] };

// Watch and alert events: the subject is the watch id (a UUID the service minted), the source the user.
const watchId = { type: 'string', pattern: UUID_PATTERN, description: 'The watch id; equals the subject.' };
const userId = { type: 'string', pattern: '^[A-Za-z0-9._@-]{1,64}$', description: 'The user the watch belongs to (the source is /users/<user_id>).' };
const base64url = { type: 'string', pattern: '^[A-Za-z0-9_-]*$' };
const sealed = {
  ...object({
    alg: { const: 'A256GCM' },
    kid: { type: 'string', minLength: 1, maxLength: 64 },
    iv: base64url,
    ct: base64url,
    tag: base64url,
  }),
  description: 'Personal data sealed with the user\'s key (AES-256-GCM); unreadable once the key is forgotten.',
};
const criteria = {
  description: 'What the watch matches: exactly one kind.',
  oneOf: [
    object({ kind: { const: 'callsign' }, callsign: { type: 'string', pattern: '^[A-Z0-9]{1,8}$' } }),
    object({ kind: { const: 'icao' }, icao: { type: 'string', pattern: ICAO_PATTERN } }),
    object({ kind: { const: 'squawk' }, squawk: { type: 'string', pattern: '^[0-7]{4}$' } }),
    object({ kind: { const: 'emergency' } }),
    object({
      kind: { const: 'area' },
      latitude: { type: 'number', minimum: -90, maximum: 90 },
      longitude: { type: 'number', minimum: -180, maximum: 180 },
      radius_nm: { type: 'number', exclusiveMinimum: 0, maximum: 500 },
      max_altitude_ft: { type: ['number', 'null'] },
    }),
  ],
};
const trigger = object({
  event_id: { type: 'string', pattern: UUID_PATTERN },
  position: { type: 'integer', minimum: 1, description: 'Log position of the triggering event.' },
  type: { type: 'string' },
});
const watchSubject = { type: 'string', pattern: UUID_PATTERN, description: 'The watch id.' };

export const EVENT_SCHEMAS: Record<SkyledgerEventType, JsonSchema> = {
  [AIRCRAFT_IDENTIFIED]: envelope(AIRCRAFT_IDENTIFIED, 'aircraft_identified.v1',
    'An aircraft broadcast its callsign and emitter category (ADS-B TC 1–4).',
    object({
      icao_address: icao,
      callsign: { type: 'string', pattern: '^[A-Z0-9 ]{1,8}$' },
      emitter_category: { type: ['string', 'null'], pattern: '^[A-D][0-7]$' },
    }), icao),
  [SQUAWK_RECEIVED]: envelope(SQUAWK_RECEIVED, 'squawk_received.v1',
    'An aircraft replied with its Mode A code (DF5/21) or broadcast it with an emergency state (TC 28).',
    object({
      icao_address: icao,
      squawk: { type: 'string', pattern: '^[0-7]{4}$' },
      emergency: { enum: [...EMERGENCY_STATES] },
    }, ['emergency']), icao),
  [POSITION_REPORTED]: envelope(POSITION_REPORTED, 'position_reported.v1',
    'An airborne or surface position (ADS-B TC 5–18, 20–22) resolved from CPR.',
    object({
      icao_address: icao,
      latitude: { type: 'number', minimum: -90, maximum: 90 },
      longitude: { type: 'number', minimum: -180, maximum: 180 },
      altitude: { type: ['integer', 'null'], description: 'ft' },
      altitude_type: altitudeType,
      on_ground: { type: 'boolean' },
      cpr: object({
        format: { enum: ['even', 'odd'] },
        lat: { type: 'integer', minimum: 0, maximum: 131071 },
        lon: { type: 'integer', minimum: 0, maximum: 131071 },
      }),
      decoding: { enum: ['global', 'local'] },
    }), icao),
  [VELOCITY_REPORTED]: envelope(VELOCITY_REPORTED, 'velocity_reported.v1',
    'Airborne velocity (ADS-B TC 19): ground speed and track, or airspeed and heading, and vertical rate.',
    object({
      icao_address: icao,
      ground_speed: { ...nullableNumber, minimum: 0, description: 'kt' },
      heading: { ...nullableNumber, minimum: 0, maximum: 360, description: 'degrees' },
      vertical_rate: { type: ['integer', 'null'], description: 'ft/min' },
      vertical_rate_source: altitudeType,
      airspeed: object({ type: { enum: ['ias', 'tas'] }, value: { type: 'number', minimum: 0 } }),
    }, ['airspeed']), icao),
  [ALTITUDE_REPORTED]: envelope(ALTITUDE_REPORTED, 'altitude_reported.v1',
    'A surveillance reply (DF0/4/16/20) carried a barometric altitude.',
    object({ icao_address: icao, altitude: { type: 'integer', description: 'ft' } }), icao),
  [CLEANUP_INTERVAL_PASSED]: envelope(CLEANUP_INTERVAL_PASSED, 'cleanup_interval_passed.v1',
    'A cleanup tick: read models forget aircraft not seen for max_age_seconds before the tick time.',
    object({ max_age_seconds: { type: 'integer', minimum: 1 } }), null),
  [WATCH_STARTED]: envelope(WATCH_STARTED, 'watch_started.v1',
    'A user started a watch (POST /api/watches): what it matches, an optional label and the sealed webhook URL.',
    object({
      watch_id: watchId,
      user_id: userId,
      criteria,
      label: { type: ['string', 'null'], maxLength: 100 },
      webhook: { anyOf: [sealed, { type: 'null' }] },
    }), watchSubject),
  [WATCH_STOPPED]: envelope(WATCH_STOPPED, 'watch_stopped.v1',
    'The owner stopped a watch (DELETE /api/watches/:id); its process manager falls silent.',
    object({ watch_id: watchId, user_id: userId }), watchSubject),
  [FLIGHT_SPOTTED]: envelope(FLIGHT_SPOTTED, 'flight_spotted.v1',
    'A watch matched an aircraft for the first time (again after it was lost): what was known of it and the observation that matched.',
    object({
      watch_id: watchId,
      user_id: userId,
      icao: { type: 'string', pattern: ICAO_PATTERN },
      callsign: { type: ['string', 'null'] },
      squawk: { type: ['string', 'null'], pattern: '^[0-7]{4}$' },
      emergency: { enum: [...EMERGENCY_STATES, null] },
      latitude: nullableNumber,
      longitude: nullableNumber,
      altitude: nullableNumber,
      trigger,
    }), watchSubject),
  [FLIGHT_LOST]: envelope(FLIGHT_LOST, 'flight_lost.v1',
    'A spotted aircraft was not heard for the cleanup tick\'s max_age_seconds; the watch may spot it again.',
    object({
      watch_id: watchId,
      user_id: userId,
      icao: { type: 'string', pattern: ICAO_PATTERN },
      last_seen: { type: 'string', pattern: TIME_PATTERN },
      trigger,
    }), watchSubject),
};
