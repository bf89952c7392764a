import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AIRCRAFT_IDENTIFIED, CLEANUP_INTERVAL_PASSED, EVENT_CATALOG, POSITION_REPORTED, buildEvent, eventId, formatMicros,
  generatedEventDocs, parseMicros, receiverSource, structuredJson, uuidFromBytes, uuidToBytes, validateEvent,
} from '../../src/events/index.ts';
import { fromCloudEvent, toCloudEvent } from '../../src/events/to-cloud-event.ts';
import { REPO } from '../helpers/shared.ts';

const SOURCE = receiverSource('home');
const T0 = 1522782148136310;

function position(icao = '4CAAAE', time = T0) {
  return buildEvent(POSITION_REPORTED, SOURCE, icao, time, Uint8Array.of(0x8d, 1, 2, 3), {
    icao_address: icao, latitude: 59.73459, longitude: 31.99796, altitude: 35000, altitude_type: 'barometric',
    on_ground: false, cpr: { format: 'even', lat: 93000, lon: 51372 }, decoding: 'global',
  });
}

describe('event times', () => {
  it('formats microseconds as RFC 3339 UTC with six fraction digits and parses them back', () => {
    expect(formatMicros(T0)).toBe('2018-04-03T19:02:28.136310Z');
    expect(formatMicros(T0 - 136310 + 7)).toBe('2018-04-03T19:02:28.000007Z');
    for (const t of [0, T0, T0 + 999_999, 1_700_000_000_000_001]) expect(parseMicros(formatMicros(t))).toBe(t);
  });

  it('gives NaN for any other spelling rather than a silently different time', () => {
    for (const s of ['2018-04-03T19:02:28.136Z', '2018-04-03T19:02:28.136310+00:00', '2018-02-30T19:02:28.136310Z', 'x']) {
      expect(parseMicros(s)).toBeNaN();
    }
  });
});

describe('event ids', () => {
  it('given the same source, time, frame and type, when minted twice, then the ids are equal', () => {
    const frame = Uint8Array.of(0x8d, 0x4c, 0xaa, 0xae);
    expect(eventId(SOURCE, T0, frame, POSITION_REPORTED)).toBe(eventId(SOURCE, T0, frame.slice(), POSITION_REPORTED));
  });

  it('given any input differing, then the id differs, and it has the UUID v5 layout', () => {
    const frame = Uint8Array.of(0x8d, 0x4c, 0xaa, 0xae);
    const ids = new Set([
      eventId(SOURCE, T0, frame, POSITION_REPORTED),
      eventId('/receivers/other', T0, frame, POSITION_REPORTED),
      eventId(SOURCE, T0 + 1, frame, POSITION_REPORTED),
      eventId(SOURCE, T0, Uint8Array.of(0x8d, 0x4c, 0xaa, 0xaf), POSITION_REPORTED),
      eventId(SOURCE, T0, frame, AIRCRAFT_IDENTIFIED),
    ]);
    expect(ids.size).toBe(5);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('round-trips a UUID through its 16 bytes and rejects non-UUIDs', () => {
    const id = eventId(SOURCE, T0, new Uint8Array(0), CLEANUP_INTERVAL_PASSED);
    const bytes = new Uint8Array(16);
    expect(uuidToBytes(id, bytes)).toBe(true);
    expect(uuidFromBytes(bytes)).toBe(id);
    expect(uuidToBytes('not-a-uuid', bytes)).toBe(false);
    expect(uuidToBytes(id.toUpperCase(), bytes)).toBe(false);
  });
});

describe('validation', () => {
  it('accepts what the injectors build', () => {
    expect(validateEvent(position()).ok).toBe(true);
    expect(validateEvent(buildEvent(CLEANUP_INTERVAL_PASSED, SOURCE, undefined, T0, null, { max_age_seconds: 300 })).ok).toBe(true);
  });

  it('names what is wrong instead of throwing', () => {
    const bad = [
      { ...position(), data: { ...position().data, latitude: 91 } },
      { ...position(), subject: '4caaae' },
      { ...position(), data: { ...position().data, icao_address: '400159' } },
      { ...position(), time: '2018-04-03T19:02:28Z' },
      { ...position(), type: 'org.skyledger.unknown.v1' },
      { ...position(), extra: 1 },
      42,
      null,
    ];
    for (const candidate of bad) {
      const v = validateEvent(candidate);
      expect(v.ok).toBe(false);
      if (!v.ok) expect(v.reason.length).toBeGreaterThan(0);
    }
  });

  it('converts through the cloudevents SDK at the edges and back without losing microseconds', () => {
    const e = position();
    const sdk = toCloudEvent(e);
    expect(sdk.type).toBe(POSITION_REPORTED);
    const back = fromCloudEvent(JSON.parse(structuredJson(e)));
    expect(back.ok && back.event).toEqual(e);
    expect(fromCloudEvent({ id: 'x', type: 't' }).ok).toBe(false);
  });
});

describe('generated docs', () => {
  it('has one JSON Schema per catalog type and an AsyncAPI 3 document, all up to date (npm run docs:events)', () => {
    const files = generatedEventDocs();
    expect(files.size).toBe(EVENT_CATALOG.length + 2);
    expect(files.get('README.md')).toContain(EVENT_CATALOG[0].type);
    for (const [relative, content] of files) {
      const onDisk = path.join(REPO, 'docs/events', relative);
      expect(existsSync(onDisk), `${relative} missing: run npm run docs:events`).toBe(true);
      expect(readFileSync(onDisk, 'utf8'), `${relative} is stale: run npm run docs:events`).toBe(content);
    }
    const asyncapi = JSON.parse(files.get('asyncapi.json')!);
    expect(asyncapi.asyncapi).toBe('3.0.0');
    expect(Object.keys(asyncapi.channels)).toHaveLength(EVENT_CATALOG.length);
  });
});
