// The log stores `data` in a packed binary layout per event type (the first byte says which
// layout; 0 = plain JSON for types without one, or data a layout cannot hold exactly). Decoding
// rebuilds the object with the schema's key order, so what comes out equals what went in. The
// aircraft's `icao_address` is the event's subject and is not stored twice.
import {
  AIRCRAFT_IDENTIFIED, ALTITUDE_REPORTED, CLEANUP_INTERVAL_PASSED, POSITION_REPORTED, SQUAWK_RECEIVED,
  EMERGENCY_STATES, VELOCITY_REPORTED, type EmergencyState, type EventData,
} from '../events/index.ts';

const JSON_LAYOUT = 0;
const PACKED_LAYOUT = 1;
const NULL_I32 = -0x80000000;
const EMERGENCIES: readonly EmergencyState[] = EMERGENCY_STATES;

const scratch = Buffer.alloc(64);

function isI32(v: unknown): v is number {
  return typeof v === 'number' && (v | 0) === v && v !== NULL_I32;
}
function isF64(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0);
}

type Encoder = (data: never, subject: string | undefined) => number;
type Decoder = (buf: Buffer, length: number, subject: string | undefined) => unknown;

// Each encoder writes into `scratch` and returns the length, or -1 when the data cannot be packed exactly.
const ENCODERS: Record<string, Encoder> = {
  [POSITION_REPORTED]: (d: EventData<typeof POSITION_REPORTED>, subject) => {
    const cpr = d.cpr;
    if (d.icao_address !== subject || !isF64(d.latitude) || !isF64(d.longitude)) return -1;
    if (d.altitude !== null && !isI32(d.altitude)) return -1;
    if (!isU17(cpr.lat) || !isU17(cpr.lon) || Object.keys(d).length !== 8 || Object.keys(cpr).length !== 3) return -1;
    scratch[0] = PACKED_LAYOUT;
    scratch.writeDoubleLE(d.latitude, 1);
    scratch.writeDoubleLE(d.longitude, 9);
    scratch.writeInt32LE(d.altitude === null ? NULL_I32 : d.altitude, 17);
    scratch[21] = (d.altitude_type === 'geometric' ? 1 : 0) | (d.on_ground ? 2 : 0) | (cpr.format === 'odd' ? 4 : 0) | (d.decoding === 'local' ? 8 : 0);
    scratch.writeUIntLE(cpr.lat, 22, 3);
    scratch.writeUIntLE(cpr.lon, 25, 3);
    return 28;
  },
  [VELOCITY_REPORTED]: (d: EventData<typeof VELOCITY_REPORTED>, subject) => {
    if (d.icao_address !== subject) return -1;
    if ((d.ground_speed !== null && !isF64(d.ground_speed)) || (d.heading !== null && !isF64(d.heading))) return -1;
    if (d.vertical_rate !== null && !isI32(d.vertical_rate)) return -1;
    const airspeed = d.airspeed;
    if (airspeed !== undefined && (!isF64(airspeed.value) || Object.keys(airspeed).length !== 2)) return -1;
    if (Object.keys(d).length !== (airspeed === undefined ? 5 : 6)) return -1;
    scratch[0] = PACKED_LAYOUT;
    scratch.writeDoubleLE(d.ground_speed ?? Number.NaN, 1);
    scratch.writeDoubleLE(d.heading ?? Number.NaN, 9);
    scratch.writeInt32LE(d.vertical_rate ?? NULL_I32, 17);
    scratch[21] = (d.vertical_rate_source === 'geometric' ? 1 : 0) | (airspeed === undefined ? 0 : 2) | (airspeed?.type === 'tas' ? 4 : 0);
    if (airspeed === undefined) return 22;
    scratch.writeDoubleLE(airspeed.value, 22);
    return 30;
  },
  [ALTITUDE_REPORTED]: (d: EventData<typeof ALTITUDE_REPORTED>, subject) => {
    if (d.icao_address !== subject || !isI32(d.altitude) || Object.keys(d).length !== 2) return -1;
    scratch[0] = PACKED_LAYOUT;
    scratch.writeInt32LE(d.altitude, 1);
    return 5;
  },
  [AIRCRAFT_IDENTIFIED]: (d: EventData<typeof AIRCRAFT_IDENTIFIED>, subject) => {
    if (d.icao_address !== subject || Object.keys(d).length !== 3) return -1;
    const cs = d.callsign;
    if (typeof cs !== 'string' || cs.length > 8 || !/^[A-Z0-9 ]*$/.test(cs)) return -1;
    const cat = d.emitter_category;
    if (cat !== null && !/^[A-D][0-7]$/.test(cat)) return -1;
    scratch[0] = PACKED_LAYOUT;
    scratch[1] = cat === null ? 0xff : (cat.charCodeAt(0) - 65) * 8 + (cat.charCodeAt(1) - 48);
    for (let i = 0; i < cs.length; i++) scratch[2 + i] = cs.charCodeAt(i);
    return 2 + cs.length;
  },
  [SQUAWK_RECEIVED]: (d: EventData<typeof SQUAWK_RECEIVED>, subject) => {
    if (d.icao_address !== subject || !/^[0-7]{4}$/.test(d.squawk)) return -1;
    const emergency = d.emergency === undefined ? 0xff : EMERGENCIES.indexOf(d.emergency);
    if (emergency < 0 || Object.keys(d).length !== (d.emergency === undefined ? 2 : 3)) return -1;
    scratch[0] = PACKED_LAYOUT;
    scratch.writeUInt16LE(parseInt(d.squawk, 8), 1);
    scratch[3] = emergency;
    return 4;
  },
  [CLEANUP_INTERVAL_PASSED]: (d: EventData<typeof CLEANUP_INTERVAL_PASSED>) => {
    if (!Number.isInteger(d.max_age_seconds) || d.max_age_seconds < 0 || d.max_age_seconds > 0xffffffff || Object.keys(d).length !== 1) return -1;
    scratch[0] = PACKED_LAYOUT;
    scratch.writeUInt32LE(d.max_age_seconds, 1);
    return 5;
  },
};

function isU17(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 131072;
}

function nullable(x: number): number | null {
  return x === x ? x : null;
}

const DECODERS: Record<string, Decoder> = {
  [POSITION_REPORTED]: (b, _n, subject) => {
    const flags = b[21];
    const alt = b.readInt32LE(17);
    return {
      icao_address: subject,
      latitude: b.readDoubleLE(1),
      longitude: b.readDoubleLE(9),
      altitude: alt === NULL_I32 ? null : alt,
      altitude_type: flags & 1 ? 'geometric' : 'barometric',
      on_ground: (flags & 2) !== 0,
      cpr: { format: flags & 4 ? 'odd' : 'even', lat: b.readUIntLE(22, 3), lon: b.readUIntLE(25, 3) },
      decoding: flags & 8 ? 'local' : 'global',
    };
  },
  [VELOCITY_REPORTED]: (b, _n, subject) => {
    const flags = b[21];
    const vr = b.readInt32LE(17);
    const out: Record<string, unknown> = {
      icao_address: subject,
      ground_speed: nullable(b.readDoubleLE(1)),
      heading: nullable(b.readDoubleLE(9)),
      vertical_rate: vr === NULL_I32 ? null : vr,
      vertical_rate_source: flags & 1 ? 'geometric' : 'barometric',
    };
    if (flags & 2) out.airspeed = { type: flags & 4 ? 'tas' : 'ias', value: b.readDoubleLE(22) };
    return out;
  },
  [ALTITUDE_REPORTED]: (b, _n, subject) => ({ icao_address: subject, altitude: b.readInt32LE(1) }),
  [AIRCRAFT_IDENTIFIED]: (b, n, subject) => ({
    icao_address: subject,
    callsign: b.toString('latin1', 2, n),
    emitter_category: b[1] === 0xff ? null : String.fromCharCode(65 + (b[1] >> 3), 48 + (b[1] & 7)),
  }),
  [SQUAWK_RECEIVED]: (b, _n, subject) => {
    const out: Record<string, unknown> = { icao_address: subject, squawk: b.readUInt16LE(1).toString(8).padStart(4, '0') };
    if (b[3] !== 0xff) out.emergency = EMERGENCIES[b[3]];
    return out;
  },
  [CLEANUP_INTERVAL_PASSED]: (b) => ({ max_age_seconds: b.readUInt32LE(1) }),
};

// One view of `scratch` per length, made once: packDataView allocates nothing for packed layouts.
const SCRATCH_VIEWS: Buffer[] = Array.from({ length: scratch.length + 1 }, (_, n) => scratch.subarray(0, n));

/**
 * The stored form of an event's data, for the log's insert (which copies what it binds): a packed
 * layout comes back as a view of a shared scratch buffer that the next call overwrites, JSON as a
 * fresh Buffer.
 */
export function packDataView(type: string, data: unknown, subject: string | undefined): Buffer {
  const encode = ENCODERS[type];
  if (encode !== undefined && typeof data === 'object' && data !== null) {
    const n = encode(data as never, subject);
    if (n > 0) return SCRATCH_VIEWS[n];
  }
  const json = Buffer.from(`\0${JSON.stringify(data)}`, 'utf8');
  json[0] = JSON_LAYOUT;
  return json;
}

/**
 * The data back from its stored form, given as hex (what the log's reads select: strings are far
 * cheaper to hand from SQLite to JavaScript than a Buffer per row).
 */
export function unpackData(type: string, storedHex: string, subject: string | undefined): unknown {
  if (storedHex.charCodeAt(0) === 48 && storedHex.charCodeAt(1) === 48) return JSON.parse(Buffer.from(storedHex, 'hex').toString('utf8', 1));
  const decode = DECODERS[type];
  if (decode === undefined) throw new Error(`no packed layout for ${type}`);
  const n = storedHex.length >> 1;
  const b = readScratch;
  for (let i = 0, j = 0; i < n; i++, j += 2) b[i] = (HEX_VALUE[storedHex.charCodeAt(j)] << 4) | HEX_VALUE[storedHex.charCodeAt(j + 1)];
  return decode(b, n, subject);
}

const readScratch = Buffer.alloc(256);
const HEX_VALUE = new Uint8Array(128);
for (let i = 0; i < 10; i++) HEX_VALUE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX_VALUE[65 + i] = 10 + i;
  HEX_VALUE[97 + i] = 10 + i;
}
