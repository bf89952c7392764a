// SBS-1 / BaseStation CSV (dump1090 port 30003): one CRLF-terminated line of 22 comma-separated
// fields per decoded message. It carries what the sender decoded, not frames, so the parser yields
// observations. Only `MSG` lines with transmission types 1–8 are read; anything else is a counted
// reason. A bare line ending is the feed's heartbeat.

export interface SbsObservation {
  /** 1 identification, 2 surface position, 3 airborne position, 4 velocity, 5 surveillance altitude,
   *  6 surveillance identity, 7 air-to-air, 8 all-call. */
  transmissionType: number;
  sessionId: string;
  aircraftId: string;
  /** Six upper-case hex digits; readsb/dump1090 prefix non-ICAO addresses with `~`, kept as given. */
  icao: string;
  flightId: string;
  /** Date and time generated / logged, exactly as the sender wrote them (its local time). */
  generatedDate: string;
  generatedTime: string;
  loggedDate: string;
  loggedTime: string;
  /** Trimmed of the sender's padding; null when the field is empty. */
  callsign: string | null;
  /** Feet. */
  altitude: number | null;
  /** The altitude carried an `H` suffix (geometric, dump1090 `--gnss`). */
  altitudeGeometric: boolean;
  /** Knots. */
  groundSpeed: number | null;
  /** Degrees. */
  track: number | null;
  latitude: number | null;
  longitude: number | null;
  /** Feet per minute. */
  verticalRate: number | null;
  verticalRateGeometric: boolean;
  /** Four octal digits as written. */
  squawk: string | null;
  alert: boolean | null;
  emergency: boolean | null;
  spi: boolean | null;
  onGround: boolean | null;
}

export type SbsSink = (observation: SbsObservation) => void;

export interface SbsParserStats {
  /** MSG lines accepted. */
  messages: number;
  /** Accepted MSG lines by transmission type (index 1..8). */
  byType: number[];
  /** Bare line endings. */
  heartbeats: number;
  /** Lines that are not a well-formed MSG line (other record types included). */
  malformed: number;
  /** 1-based line number of the most recent malformed line, 0 if none. */
  lastMalformedLine: number;
  /** Input bytes consumed. */
  bytes: number;
}

export interface SbsParserOptions {
  /** Longest line kept; a longer one is malformed. Default 1024 characters. */
  maxLineLength?: number;
}

const FIELD_COUNT = 22;
const ICAO = /^~?[0-9A-Fa-f]{6}$/;
const SQUAWK = /^[0-7]{4}$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)$/;

export class SbsParser {
  readonly stats: SbsParserStats = { messages: 0, byType: new Array<number>(9).fill(0), heartbeats: 0, malformed: 0, lastMalformedLine: 0, bytes: 0 };

  private readonly decoder = new TextDecoder('utf-8');
  private readonly maxLineLength: number;
  private pending = '';
  private overLong = false;
  private lineNumber = 0;

  constructor(options: SbsParserOptions = {}) {
    this.maxLineLength = options.maxLineLength ?? 1024;
  }

  push(chunk: Uint8Array, sink: SbsSink): void {
    this.stats.bytes += chunk.length;
    const text = this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      this.finishLine(this.take(text, start, newline), sink);
      start = newline + 1;
    }
    if (start < text.length) this.keep(text, start);
  }

  /** Reads a last line without a line ending; returns the characters left over that made no observation. */
  end(sink: SbsSink): number {
    const rest = this.pending + this.decoder.decode();
    const overLong = this.overLong;
    this.pending = '';
    this.overLong = false;
    if (rest.length === 0 && !overLong) return 0;
    const before = this.stats.messages;
    this.finishLine(overLong ? null : rest, sink);
    return this.stats.messages > before ? 0 : rest.length;
  }

  /** The whole line ending at `end` (or null when it grew past the limit). */
  private take(text: string, start: number, end: number): string | null {
    if (this.overLong) {
      this.overLong = false;
      this.pending = '';
      return null;
    }
    const line = this.pending.length > 0 ? this.pending + text.slice(start, end) : text.slice(start, end);
    this.pending = '';
    return line.length > this.maxLineLength ? null : line;
  }

  private keep(text: string, start: number): void {
    if (this.overLong) return;
    this.pending += text.slice(start);
    if (this.pending.length > this.maxLineLength) {
      this.pending = '';
      this.overLong = true;
    }
  }

  private finishLine(raw: string | null, sink: SbsSink): void {
    this.lineNumber++;
    if (raw === null) {
      this.malformed();
      return;
    }
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim().length === 0) {
      this.stats.heartbeats++;
      return;
    }
    const observation = parseSbsLine(line);
    if (observation === null) {
      this.malformed();
      return;
    }
    this.stats.messages++;
    this.stats.byType[observation.transmissionType]++;
    sink(observation);
  }

  private malformed(): void {
    this.stats.malformed++;
    this.stats.lastMalformedLine = this.lineNumber;
  }
}

/** One MSG line (without its line ending) to an observation, or null when it is not well formed. */
export function parseSbsLine(line: string): SbsObservation | null {
  const f = line.split(',');
  if (f.length !== FIELD_COUNT || f[0] !== 'MSG') return null;
  const transmissionType = Number(f[1]);
  if (!Number.isInteger(transmissionType) || transmissionType < 1 || transmissionType > 8) return null;
  if (!ICAO.test(f[4])) return null;
  const altitudeGeometric = f[11].endsWith('H');
  const verticalRateGeometric = f[16].endsWith('H');
  const altitude = numberField(altitudeGeometric ? f[11].slice(0, -1) : f[11]);
  const groundSpeed = numberField(f[12]);
  const track = numberField(f[13]);
  const latitude = numberField(f[14]);
  const longitude = numberField(f[15]);
  const verticalRate = numberField(verticalRateGeometric ? f[16].slice(0, -1) : f[16]);
  const squawk = f[17].trim();
  const alert = flagField(f[18]);
  const emergency = flagField(f[19]);
  const spi = flagField(f[20]);
  const onGround = flagField(f[21]);
  if (
    altitude === undefined || groundSpeed === undefined || track === undefined || latitude === undefined ||
    longitude === undefined || verticalRate === undefined || alert === undefined || emergency === undefined ||
    spi === undefined || onGround === undefined || (squawk !== '' && !SQUAWK.test(squawk))
  ) {
    return null;
  }
  if (latitude !== null && Math.abs(latitude) > 90) return null;
  if (longitude !== null && Math.abs(longitude) > 180) return null;
  const callsign = f[10].trim();
  return {
    transmissionType,
    sessionId: f[2],
    aircraftId: f[3],
    icao: f[4].toUpperCase(),
    flightId: f[5],
    generatedDate: f[6],
    generatedTime: f[7],
    loggedDate: f[8],
    loggedTime: f[9],
    callsign: callsign === '' ? null : callsign,
    altitude,
    altitudeGeometric,
    groundSpeed,
    track,
    latitude,
    longitude,
    verticalRate,
    verticalRateGeometric,
    squawk: squawk === '' ? null : squawk,
    alert,
    emergency,
    spi,
    onGround,
  };
}

/** null for an empty field, undefined for one that is not a number. */
function numberField(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  return NUMBER.test(t) ? Number(t) : undefined;
}

/** BaseStation flags are `-1` (dump1090) or `1` for set, `0` for clear; null when empty. */
function flagField(text: string): boolean | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (t === '-1' || t === '1') return true;
  if (t === '0') return false;
  return undefined;
}

/**
 * One MSG line with its CRLF, in dump1090-fa's spelling: callsign padded to 8, latitude/longitude
 * with 5 decimals, flags as -1/0, empty fields for nulls.
 */
export function writeSbs(o: SbsObservation): string {
  const num = (v: number | null, suffix: boolean): string => (v === null ? '' : `${v}${suffix ? 'H' : ''}`);
  const deg = (v: number | null): string => (v === null ? '' : v.toFixed(5));
  const flag = (v: boolean | null): string => (v === null ? '' : v ? '-1' : '0');
  return [
    'MSG', o.transmissionType, o.sessionId, o.aircraftId, o.icao, o.flightId,
    o.generatedDate, o.generatedTime, o.loggedDate, o.loggedTime,
    o.callsign === null ? '' : o.callsign.padEnd(8, ' '),
    num(o.altitude, o.altitudeGeometric), num(o.groundSpeed, false), num(o.track, false),
    deg(o.latitude), deg(o.longitude), num(o.verticalRate, o.verticalRateGeometric),
    o.squawk ?? '', flag(o.alert), flag(o.emergency), flag(o.spi), flag(o.onGround),
  ].join(',') + '\r\n';
}
