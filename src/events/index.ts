// The event catalog's public surface.
export * from './types.ts';
export type { CloudEventOf } from './cloud-event-of.ts';
export { isObservation } from './is-observation.ts';
export { EVENT_SCHEMAS, ICAO_PATTERN, TIME_PATTERN, UUID_PATTERN, type JsonSchema } from './schemas.ts';
export { EVENT_CATALOG, catalogEntry, type CatalogEntry } from './catalog.ts';
export { eventId, uuidFromBytes, uuidToBytes } from './event-id.ts';
export { formatMicros, parseMicros, secondsToMicros } from './event-time.ts';
export { validateEvent, isKnownType, type Validation } from './validate-event.ts';
export { structuredJson } from './structured-json.ts';
export { asyncApiDocument } from './asyncapi.ts';
export { generatedEventDocs } from './generated-docs.ts';
export { buildEvent, receiverSource } from './build-event.ts';
