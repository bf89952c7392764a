// Source URIs (DESIGN.md §4) to typed configs, with errors that name the part that is wrong:
//   rtlsdr://INDEX?gain=&ppm=&rate=          rtltcp://HOST:PORT?gain=&ppm=&rate=&agc=
//   beast://HOST:30005   avr://HOST:30002    sbs://HOST:30003
//   serial:///dev/ttyUSB0?baud=3000000&format=beast|avr&modeac=1&adsbpic=02&rtscts=0
//   file://PATH?speed=max|1|N&format=beast|avr|ndjson|iq&rate=&start=&loop=1
//   demo
// `file://` and `serial://` take the rest of the URI up to `?` as a path (`file:///abs`,
// `file://relative`); percent-escapes in it are decoded.
import { formatFromName } from '../wire/detect-format.ts';
import { isFrameFormat, type FrameFormat } from './frame-format.ts';
import { DEFAULT_SAMPLE_RATE } from './iq-file.ts';
import { defaultBaudRate } from './serial.ts';

export type Gain = number | 'auto';

export type SourceConfig =
  | { kind: 'rtlsdr'; uri: string; index: number; gain: Gain; ppm: number; sampleRate: number }
  | { kind: 'rtltcp'; uri: string; host: string; port: number; gain: Gain; ppm: number; sampleRate: number; agc: boolean }
  | { kind: 'tcp'; uri: string; format: 'beast' | 'avr' | 'sbs'; host: string; port: number }
  | { kind: 'serial'; uri: string; path: string; format: 'beast' | 'avr'; baudRate: number; modeAC: boolean; adsbPicMode?: string; rtscts?: boolean }
  | { kind: 'file'; uri: string; path: string; format?: FrameFormat; speed: 'max' | number; startTime?: number; loop: boolean }
  | { kind: 'iq-file'; uri: string; path: string; sampleRate: number; speed: 'max' | number; loop: boolean; /** Only the extension said IQ: openSource checks the content. */ byName?: boolean }
  | { kind: 'demo'; uri: string; speed: 'max' | number };

export class SourceUriError extends Error {
  readonly uri: string;
  constructor(uri: string, problem: string) {
    super(`bad source URI "${uri}": ${problem}`);
    this.name = 'SourceUriError';
    this.uri = uri;
  }
}

const DEFAULT_PORTS = { beast: 30005, avr: 30002, sbs: 30003, rtltcp: 1234 } as const;

/** The largest gain an R820T offers; `gain=max` means this. */
const MAX_GAIN_DB = 49.6;

export function parseSourceUri(uri: string): SourceConfig {
  const trimmed = uri.trim();
  if (trimmed === 'demo' || /^demo[:?]/.test(trimmed)) {
    const q = query(uri, trimmed.includes('?') ? trimmed.slice(trimmed.indexOf('?') + 1) : '', ['speed']);
    return { kind: 'demo', uri, speed: speedOf(uri, q.get('speed') ?? '1') };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  if (!scheme) throw new SourceUriError(uri, 'expected SCHEME://… (rtlsdr, rtltcp, beast, avr, sbs, serial, file) or demo');
  const rest = trimmed.slice(scheme.length + 3);
  const at = rest.indexOf('?');
  const body = at < 0 ? rest : rest.slice(0, at);
  const search = at < 0 ? '' : rest.slice(at + 1);
  switch (scheme) {
    case 'rtlsdr': {
      const q = query(uri, search, ['gain', 'ppm', 'rate']);
      const index = body === '' ? 0 : integer(uri, 'device index', body, 0, 255);
      return { kind: 'rtlsdr', uri, index, gain: gainOf(uri, q.get('gain')), ppm: ppmOf(uri, q.get('ppm')), sampleRate: rateOf(uri, q.get('rate')) };
    }
    case 'rtltcp': {
      const q = query(uri, search, ['gain', 'ppm', 'rate', 'agc']);
      const { host, port } = hostPort(uri, body, DEFAULT_PORTS.rtltcp);
      return { kind: 'rtltcp', uri, host, port, gain: gainOf(uri, q.get('gain')), ppm: ppmOf(uri, q.get('ppm')), sampleRate: rateOf(uri, q.get('rate')), agc: flag(uri, 'agc', q.get('agc')) };
    }
    case 'beast':
    case 'avr':
    case 'sbs': {
      query(uri, search, []);
      const { host, port } = hostPort(uri, body, DEFAULT_PORTS[scheme]);
      return { kind: 'tcp', uri, format: scheme, host, port };
    }
    case 'serial': {
      const q = query(uri, search, ['baud', 'format', 'modeac', 'adsbpic', 'rtscts']);
      const path = pathOf(uri, body);
      const format = q.get('format') ?? 'beast';
      if (format !== 'beast' && format !== 'avr') throw new SourceUriError(uri, `format must be beast or avr, not "${format}"`);
      const baud = q.get('baud');
      const adsbPic = q.get('adsbpic');
      if (adsbPic !== undefined && !/^[0-9a-f]{2}$/i.test(adsbPic)) throw new SourceUriError(uri, `adsbpic must be two hex digits (e.g. 02), not "${adsbPic}"`);
      if (adsbPic !== undefined && format !== 'avr') throw new SourceUriError(uri, 'adsbpic applies to format=avr receivers');
      const rtscts = q.get('rtscts');
      return {
        kind: 'serial', uri, path, format,
        baudRate: baud === undefined ? defaultBaudRate(format) : integer(uri, 'baud', baud, 300, 12_000_000),
        modeAC: flag(uri, 'modeac', q.get('modeac')),
        ...(adsbPic === undefined ? {} : { adsbPicMode: adsbPic.toUpperCase() }),
        ...(rtscts === undefined ? {} : { rtscts: flag(uri, 'rtscts', rtscts) }),
      };
    }
    case 'file': {
      const q = query(uri, search, ['speed', 'format', 'rate', 'start', 'loop']);
      const path = pathOf(uri, body);
      const format = q.get('format');
      const speed = speedOf(uri, q.get('speed') ?? 'max');
      const loop = flag(uri, 'loop', q.get('loop'));
      const rate = q.get('rate');
      if (format === 'iq' || (format === undefined && (rate !== undefined || formatFromName(path) === 'iq'))) {
        if (q.get('start') !== undefined) throw new SourceUriError(uri, 'start applies to frame captures, not IQ');
        const byName = format === undefined && rate === undefined;
        return { kind: 'iq-file', uri, path, sampleRate: rateOf(uri, rate), speed, loop, ...(byName ? { byName } : {}) };
      }
      if (format !== undefined && !isFrameFormat(format)) throw new SourceUriError(uri, `format must be beast, avr, ndjson or iq, not "${format}"`);
      if (rate !== undefined) throw new SourceUriError(uri, 'rate applies to IQ captures (format=iq)');
      const start = q.get('start');
      return {
        kind: 'file', uri, path, speed, loop,
        ...(format === undefined ? {} : { format }),
        ...(start === undefined ? {} : { startTime: startOf(uri, start) }),
      };
    }
    default:
      throw new SourceUriError(uri, `unknown scheme "${scheme}" (rtlsdr, rtltcp, beast, avr, sbs, serial, file, demo)`);
  }
}

function query(uri: string, search: string, allowed: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(search)) {
    const k = key.toLowerCase();
    if (!allowed.includes(k)) {
      throw new SourceUriError(uri, allowed.length === 0 ? `takes no options (got "${key}")` : `unknown option "${key}" (allowed: ${allowed.join(', ')})`);
    }
    if (out.has(k)) throw new SourceUriError(uri, `option "${key}" given twice`);
    out.set(k, value);
  }
  return out;
}

function hostPort(uri: string, body: string, defaultPort: number): { host: string; port: number } {
  const m = /^(\[[0-9a-f:.]+\]|[^:/[\]]+)(?::([^/]*))?\/?$/i.exec(body);
  if (!m) throw new SourceUriError(uri, 'expected HOST or HOST:PORT');
  const host = m[1].startsWith('[') ? m[1].slice(1, -1) : m[1];
  const port = m[2] === undefined || m[2] === '' ? defaultPort : integer(uri, 'port', m[2], 1, 65_535);
  return { host, port };
}

function pathOf(uri: string, body: string): string {
  if (body === '') throw new SourceUriError(uri, 'missing path');
  try {
    return decodeURIComponent(body);
  } catch {
    throw new SourceUriError(uri, 'bad percent-escape in the path');
  }
}

function integer(uri: string, what: string, text: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(text)) throw new SourceUriError(uri, `${what} must be an integer, not "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw new SourceUriError(uri, `${what} must be between ${min} and ${max}, not ${n}`);
  return n;
}

function gainOf(uri: string, text: string | undefined): Gain {
  if (text === undefined || text === 'auto') return 'auto';
  if (text === 'max') return MAX_GAIN_DB;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 60) throw new SourceUriError(uri, `gain must be auto, max or 0–60 dB, not "${text}"`);
  return n;
}

function ppmOf(uri: string, text: string | undefined): number {
  return text === undefined ? 0 : integer(uri, 'ppm', text, -1000, 1000);
}

function rateOf(uri: string, text: string | undefined): number {
  // The RTL2832U's usable rates: 225,001–300,000 and 900,001–3,200,000 samples/s.
  if (text === undefined) return DEFAULT_SAMPLE_RATE;
  const n = integer(uri, 'rate', text, 225_001, 3_200_000);
  if (n > 300_000 && n <= 900_000) throw new SourceUriError(uri, `rate ${n} is in the RTL2832U's unusable 300k–900k band`);
  return n;
}

function speedOf(uri: string, text: string): 'max' | number {
  if (text === 'max') return 'max';
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw new SourceUriError(uri, `speed must be max or a positive number, not "${text}"`);
  return n;
}

function flag(uri: string, what: string, text: string | undefined): boolean {
  if (text === undefined || text === '0' || text === 'false' || text === 'off') return false;
  if (text === '' || text === '1' || text === 'true' || text === 'on') return true;
  throw new SourceUriError(uri, `${what} must be 1 or 0, not "${text}"`);
}

/** UNIX seconds (fractional allowed) or an ISO 8601 time with a zone. */
function startOf(uri: string, text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  if (/\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return ms;
  }
  throw new SourceUriError(uri, `start must be UNIX seconds or an ISO time with a zone, not "${text}"`);
}
