// AVR raw text framing (dump1090 ports 30001/30002, microADSB/GNS serial): one hex frame per unit,
// `*`/`:` plain, `@` 12-hex 12 MHz counter, `%` counter + "CRC already checked", `<` counter + a
// 2-hex signal byte, or bare hex on its own line. A unit ends at `;` or at the end of a line, so
// feeds that put several frames on one line and feeds that omit the `;` both parse.
import { HEX_BYTE, HEX_NIBBLE, timestamp12ToHex } from './hex.ts';
import { MLAT_MAGIC_TIMESTAMP, newRawFrame, type FrameParser, type FrameSink, type ParserStats, type RawFrame } from './raw-frame.ts';

export interface AvrParserOptions {
  /** Emit 4-hex Mode A/C units as 2-byte frames (they are always counted in `stats.modeac`). */
  modeAC?: boolean;
  /** Longest unit kept before it is declared garbage (a line that never ends). Default 256. */
  maxUnitLength?: number;
}

const SEMICOLON = 0x3b;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const STAR = 0x2a;
const COLON = 0x3a;
const AT = 0x40;
const PERCENT = 0x25;
const LESS = 0x3c;

const DATA = 0;
const TERMINATOR = 1;
const WHITESPACE = 2;
const LEAD = 3;
/** What each byte does to the unit in progress, so the loop makes one lookup instead of ten compares. */
const BYTE_KIND = buildByteKinds();

function buildByteKinds(): Uint8Array {
  const kinds = new Uint8Array(256).fill(DATA);
  for (const c of [SEMICOLON, LF, CR]) kinds[c] = TERMINATOR;
  for (const c of [SPACE, TAB]) kinds[c] = WHITESPACE;
  for (const c of [STAR, COLON, AT, PERCENT, LESS]) kinds[c] = LEAD;
  return kinds;
}

const enum Outcome {
  Garbage,
  Accepted,
}

export class AvrParser implements FrameParser {
  readonly stats: ParserStats = { frames: 0, modeac: 0, heartbeats: 0, garbage: 0, bytes: 0 };

  private readonly emitModeAC: boolean;
  private readonly unit: Uint8Array;
  private unitLength = 0;
  /** Inside an over-long unit: what is collected is dropped at the next terminator or lead character. */
  private discarding = false;
  private readonly frame: RawFrame = newRawFrame();
  private readonly modeAC = new Uint8Array(2);
  private readonly short = new Uint8Array(7);
  private readonly long = new Uint8Array(14);

  constructor(options: AvrParserOptions = {}) {
    this.emitModeAC = options.modeAC ?? false;
    this.unit = new Uint8Array(Math.max(32, options.maxUnitLength ?? 256));
  }

  push(chunk: Uint8Array, sink: FrameSink): void {
    this.stats.bytes += chunk.length;
    const unit = this.unit;
    const capacity = unit.length;
    let length = this.unitLength;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      const kind = BYTE_KIND[c];
      if (kind === DATA) {
        if (length < capacity) {
          unit[length++] = c;
        } else if (!this.discarding) {
          this.stats.garbage++;
          this.discarding = true;
          length = 0;
        }
      } else if (kind === TERMINATOR) {
        if (this.discarding) this.discarding = false;
        else if (length > 0) this.finishUnit(length, sink);
        else if (c === SEMICOLON) this.stats.garbage++;
        length = 0;
      } else if (kind === LEAD) {
        // A lead always starts a unit: whatever came before it without a terminator was cut off.
        if (length > 0) this.stats.garbage++;
        this.discarding = false;
        unit[0] = c;
        length = 1;
      }
    }
    this.unitLength = length;
  }

  end(sink: FrameSink): number {
    const length = this.unitLength;
    const discarding = this.discarding;
    this.unitLength = 0;
    this.discarding = false;
    // The rest of an over-long unit was counted as garbage when it overflowed.
    if (length === 0 || discarding) return length;
    // A led unit still open at the end was cut off before its `;` or newline (a dropped feed can
    // cut a long frame right after 14 digits, which would pass for a short one); only a bare-hex
    // last line without a newline is whole.
    if (BYTE_KIND[this.unit[0]] === LEAD) return length;
    return this.finishUnit(length, sink) === Outcome.Accepted ? 0 : length;
  }

  private finishUnit(length: number, sink: FrameSink): Outcome {
    const unit = this.unit;
    const frame = this.frame;
    let start = 0;
    let timestamp = Number.NaN;
    let signal = -1;
    let crcChecked = false;
    switch (unit[0]) {
      case STAR:
      case COLON:
        start = 1;
        break;
      case AT:
      case PERCENT:
        if (length < 13) return this.garbage();
        timestamp = readTimestamp(unit, 1);
        crcChecked = unit[0] === PERCENT;
        start = 13;
        break;
      case LESS: {
        if (length < 15) return this.garbage();
        timestamp = readTimestamp(unit, 1);
        const hi = HEX_NIBBLE[unit[13]];
        const lo = HEX_NIBBLE[unit[14]];
        if (hi < 0 || lo < 0) return this.garbage();
        signal = (hi << 4) | lo;
        start = 15;
        break;
      }
      default:
        break;
    }
    if (timestamp < 0) return this.garbage();
    const digits = length - start;
    let bytes: Uint8Array;
    if (digits === 28) bytes = this.long;
    else if (digits === 14) bytes = this.short;
    else if (digits === 4) bytes = this.modeAC;
    else return this.garbage();
    let bad = 0;
    for (let k = 0, j = start; k < bytes.length; k++, j += 2) {
      const hi = HEX_NIBBLE[unit[j]];
      const lo = HEX_NIBBLE[unit[j + 1]];
      bad |= hi | lo;
      bytes[k] = (hi << 4) | lo;
    }
    if (bad < 0) return this.garbage();
    if (digits === 4) {
      if (bytes[0] === 0 && bytes[1] === 0 && !(timestamp > 0)) {
        this.stats.heartbeats++;
        return Outcome.Accepted;
      }
      this.stats.modeac++;
      if (!this.emitModeAC) return Outcome.Accepted;
    } else {
      this.stats.frames++;
    }
    frame.bytes = bytes;
    frame.timestamp12 = timestamp;
    frame.signal = signal;
    frame.mlat = timestamp === MLAT_MAGIC_TIMESTAMP;
    frame.crcChecked = crcChecked;
    sink(frame);
    return Outcome.Accepted;
  }

  private garbage(): Outcome {
    this.stats.garbage++;
    return Outcome.Garbage;
  }
}

/** The 48-bit counter from 12 hex digits at `offset`, or -1 if any digit is not hex. */
function readTimestamp(unit: Uint8Array, offset: number): number {
  let hi = 0;
  let lo = 0;
  let bad = 0;
  for (let k = 0; k < 6; k++) {
    const a = HEX_NIBBLE[unit[offset + k]];
    const b = HEX_NIBBLE[unit[offset + 6 + k]];
    bad |= a | b;
    hi = (hi << 4) | a;
    lo = (lo << 4) | b;
  }
  return bad < 0 ? -1 : hi * 0x1000000 + lo;
}

export interface AvrWriteOptions {
  /** 48-bit 12 MHz counter; selects the `@` form (or `<` with a signal). */
  timestamp12?: number;
  /** Signal byte 0..255; selects the `<` form (counter 0 when none is given). */
  signal?: number;
}

/**
 * One AVR line (with its `\n`) for a 2-, 7- or 14-byte frame: `*hex;`, `@ts hex;` or `<ts sig hex;`.
 * A length other than 2/7/14 is a caller bug, hence the throw.
 */
export function writeAvr(bytes: Uint8Array, options: AvrWriteOptions = {}): string {
  if (bytes.length !== 2 && bytes.length !== 7 && bytes.length !== 14) {
    throw new RangeError(`AVR frames are 2, 7 or 14 bytes, not ${bytes.length}`);
  }
  const hasTimestamp = options.timestamp12 !== undefined && Number.isFinite(options.timestamp12);
  const hasSignal = options.signal !== undefined && options.signal >= 0;
  let line: string;
  if (hasSignal) {
    const signal = Math.min(255, Math.round(options.signal as number));
    line = `<${timestamp12ToHex(hasTimestamp ? (options.timestamp12 as number) : 0)}${HEX_BYTE[signal]}`;
  } else if (hasTimestamp) {
    line = `@${timestamp12ToHex(options.timestamp12 as number)}`;
  } else {
    line = '*';
  }
  for (let i = 0; i < bytes.length; i++) line += HEX_BYTE[bytes[i]];
  return `${line};\n`;
}
