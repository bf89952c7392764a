// Beast binary framing (dump1090 ports 30004/30005, Mode-S Beast and Radarcape serial): 0x1a, a type
// byte, a 6-byte big-endian 12 MHz counter, a signal byte and the payload, with every 0x1a after the
// type doubled. The stream has no length field and no checksum, so the parser is a byte-at-a-time
// state machine that keeps its place across chunks and resynchronises on `0x1a` + a known type.
import { MLAT_MAGIC_TIMESTAMP, newRawFrame, type FrameParser, type FrameSink, type ParserStats, type RawFrame } from './raw-frame.ts';

export const BEAST_ESCAPE = 0x1a;
export const BEAST_MODE_AC = 0x31;
export const BEAST_SHORT = 0x32;
export const BEAST_LONG = 0x33;
export const BEAST_STATUS = 0x34;
export const BEAST_POSITION = 0x35;

/** Unescaped bytes after the type byte: counter (6) + signal (1) + payload. */
const BODY_LENGTH = new Int8Array(256).fill(-1);
BODY_LENGTH[BEAST_MODE_AC] = 9;
BODY_LENGTH[BEAST_SHORT] = 14;
BODY_LENGTH[BEAST_LONG] = 21;
// Radarcape status and receiver position: FA's replay tool and readsb read both as 21 bytes.
BODY_LENGTH[BEAST_STATUS] = 21;
BODY_LENGTH[BEAST_POSITION] = 21;

export interface BeastParserStats extends ParserStats {
  /** `0x1a` + a type byte this parser does not know (readsb extensions, noise); also in `garbage`. */
  unknownTypes: number;
  /** Frames cut short by a new `0x1a` + type before their body was complete; also in `garbage`. */
  truncated: number;
  /** Radarcape status messages (type '4'), skipped. */
  status: number;
  /** Radarcape receiver-position messages (type '5'). */
  positions: number;
}

export type ReceiverPositionSink = (latitude: number, longitude: number, altitude: number) => void;

export interface BeastParserOptions {
  /** Emit Mode A/C (type '1') frames as 2-byte frames (they are always counted in `stats.modeac`). */
  modeAC?: boolean;
  /** Receives the receiver position from Radarcape type '5' messages (float32 LE at body 4/8/12). */
  onReceiverPosition?: ReceiverPositionSink;
}

const enum State {
  /** Between frames: waiting for 0x1a. */
  Sync,
  /** After 0x1a: the next byte is the type. */
  Type,
  /** Inside a body. */
  Body,
  /** Inside a body right after a 0x1a: a second 0x1a is data, anything else starts a new frame. */
  Escape,
}

export class BeastParser implements FrameParser {
  readonly stats: BeastParserStats = {
    frames: 0, modeac: 0, heartbeats: 0, garbage: 0, bytes: 0, unknownTypes: 0, truncated: 0, status: 0, positions: 0,
  };

  private readonly emitModeAC: boolean;
  private readonly onReceiverPosition: ReceiverPositionSink | undefined;
  private state = State.Sync;
  /** Set while skipping bytes that belong to no frame, so one run of junk counts once. */
  private inJunk = false;
  private type = 0;
  private bodyLength = 0;
  private filled = 0;
  /** Raw (escaped) bytes of the frame in progress, for `end()`'s truncation report. */
  private pendingRaw = 0;
  private readonly body = new Uint8Array(21);
  private readonly bodyView = new DataView(this.body.buffer);
  // Payload views into `body`: emitting a frame copies nothing.
  private readonly modeACPayload = this.body.subarray(7, 9);
  private readonly shortPayload = this.body.subarray(7, 14);
  private readonly longPayload = this.body.subarray(7, 21);
  private readonly frame: RawFrame = newRawFrame();

  constructor(options: BeastParserOptions = {}) {
    this.emitModeAC = options.modeAC ?? false;
    this.onReceiverPosition = options.onReceiverPosition;
  }

  push(chunk: Uint8Array, sink: FrameSink): void {
    const stats = this.stats;
    stats.bytes += chunk.length;
    const body = this.body;
    let state = this.state;
    let filled = this.filled;
    let bodyLength = this.bodyLength;
    let pendingRaw = this.pendingRaw;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = chunk[i];
      switch (state) {
        case State.Body: {
          // Most body bytes are plain: copy the run up to the next 0x1a or the end of the body.
          let j = i;
          let b = c;
          while (b !== BEAST_ESCAPE && filled < bodyLength) {
            body[filled++] = b;
            if (++j === n) break;
            b = chunk[j];
          }
          if (filled === bodyLength) {
            // j is the first byte after the body (or n)
            pendingRaw += j - i;
            i = j - 1;
            this.complete(sink);
            state = State.Sync;
          } else if (j === n) {
            pendingRaw += j - i;
            i = n;
          } else {
            // chunk[j] is 0x1a
            pendingRaw += j - i + 1;
            i = j;
            state = State.Escape;
          }
          break;
        }
        case State.Sync:
          if (c === BEAST_ESCAPE) {
            state = State.Type;
          } else if (!this.inJunk) {
            this.inJunk = true;
            stats.garbage++;
          }
          break;
        case State.Escape:
          pendingRaw++;
          if (c === BEAST_ESCAPE) {
            body[filled++] = c;
            if (filled === bodyLength) {
              this.complete(sink);
              state = State.Sync;
            } else {
              state = State.Body;
            }
            break;
          }
          // A lone 0x1a inside a body: the frame was cut short and this byte is the next one's type.
          stats.truncated++;
          stats.garbage++;
          this.inJunk = false;
          bodyLength = this.beginFrame(c);
          filled = 0;
          pendingRaw = 2;
          state = bodyLength > 0 ? State.Body : State.Sync;
          break;
        case State.Type:
          bodyLength = this.beginFrame(c);
          filled = 0;
          pendingRaw = 2;
          // Of several 0x1a in a row outside a frame, the last one before a type byte starts the frame.
          state = bodyLength > 0 ? State.Body : c === BEAST_ESCAPE ? State.Type : State.Sync;
          break;
      }
    }
    this.state = state;
    this.filled = filled;
    this.bodyLength = bodyLength;
    this.pendingRaw = pendingRaw;
  }

  end(_sink: FrameSink): number {
    const state = this.state;
    const pending = state === State.Body || state === State.Escape ? this.pendingRaw : state === State.Type ? 1 : 0;
    if (pending > 0) {
      this.stats.garbage++;
      if (state !== State.Type) this.stats.truncated++;
    }
    this.state = State.Sync;
    this.inJunk = false;
    this.filled = 0;
    this.pendingRaw = 0;
    return pending;
  }

  /** Reads a type byte: the body length to collect, or 0 (counted) when it starts no known frame. */
  private beginFrame(c: number): number {
    const length = BODY_LENGTH[c];
    if (length > 0) {
      this.inJunk = false;
      this.type = c;
      return length;
    }
    if (c !== BEAST_ESCAPE) this.stats.unknownTypes++;
    if (!this.inJunk) {
      this.inJunk = true;
      this.stats.garbage++;
    }
    return 0;
  }

  private complete(sink: FrameSink): void {
    const body = this.body;
    const stats = this.stats;
    const type = this.type;
    const hi = (body[0] << 16) | (body[1] << 8) | body[2];
    const lo = (body[3] << 16) | (body[4] << 8) | body[5];
    let bytes: Uint8Array;
    if (type === BEAST_LONG) {
      bytes = this.longPayload;
      stats.frames++;
    } else if (type === BEAST_SHORT) {
      bytes = this.shortPayload;
      stats.frames++;
    } else if (type === BEAST_MODE_AC) {
      if ((hi | lo | body[7] | body[8]) === 0) {
        stats.heartbeats++;
        return;
      }
      stats.modeac++;
      if (!this.emitModeAC) return;
      bytes = this.modeACPayload;
    } else if (type === BEAST_POSITION) {
      stats.positions++;
      const view = this.bodyView;
      this.onReceiverPosition?.(view.getFloat32(4, true), view.getFloat32(8, true), view.getFloat32(12, true));
      return;
    } else {
      stats.status++;
      return;
    }
    const frame = this.frame;
    const timestamp = hi * 0x1000000 + lo;
    frame.bytes = bytes;
    frame.timestamp12 = timestamp;
    frame.signal = body[6];
    frame.mlat = timestamp === MLAT_MAGIC_TIMESTAMP;
    frame.crcChecked = false;
    sink(frame);
  }
}

/** Signal byte for an RSSI in dBFS (the inverse of `rssiFromSignal`), clamped to 1..255 as dump1090 does. */
export function rssiToSignal(rssiDbfs: number): number {
  if (Number.isNaN(rssiDbfs)) return 1;
  const signal = Math.round(255 * 10 ** (rssiDbfs / 20));
  return signal < 1 ? 1 : signal > 255 ? 255 : signal;
}

/**
 * One escaped Beast frame for a 2-, 7- or 14-byte payload. `timestamp12` is the 48-bit counter
 * (MLAT_MAGIC_TIMESTAMP marks an MLAT result); `signal` the byte 0..255. A payload of another
 * length is a caller bug, hence the throw.
 */
export function writeBeast(bytes: Uint8Array, timestamp12: number, signal: number): Uint8Array {
  const type = bytes.length === 14 ? BEAST_LONG : bytes.length === 7 ? BEAST_SHORT : bytes.length === 2 ? BEAST_MODE_AC : 0;
  if (type === 0) throw new RangeError(`Beast payloads are 2, 7 or 14 bytes, not ${bytes.length}`);
  const counter = Number.isFinite(timestamp12) && timestamp12 > 0 ? Math.floor(timestamp12) % 2 ** 48 : 0;
  const hi = Math.floor(counter / 0x1000000);
  const lo = counter - hi * 0x1000000;
  const raw = [
    (hi >>> 16) & 0xff, (hi >>> 8) & 0xff, hi & 0xff, (lo >>> 16) & 0xff, (lo >>> 8) & 0xff, lo & 0xff,
    Math.max(0, Math.min(255, Math.round(signal))),
  ];
  let escapes = 0;
  for (const b of raw) if (b === BEAST_ESCAPE) escapes++;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === BEAST_ESCAPE) escapes++;
  const out = new Uint8Array(2 + raw.length + bytes.length + escapes);
  out[0] = BEAST_ESCAPE;
  out[1] = type;
  let at = 2;
  const put = (b: number): void => {
    out[at++] = b;
    if (b === BEAST_ESCAPE) out[at++] = b;
  };
  for (const b of raw) put(b);
  for (let i = 0; i < bytes.length; i++) put(bytes[i]);
  return out;
}
