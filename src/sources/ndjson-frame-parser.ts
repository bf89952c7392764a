// Frames from NDJSON lines, one object per frame: a hex frame in `raw` (also `hex`, `msg` or
// `frame`; an AVR `*…;` wrapping is accepted), the 12 MHz counter in `timestamp12`, the signal
// byte in `signal`. This is the shape of per-frame exports like the beastblackbox JSONL. Lines
// that carry no frame (CloudEvents, other JSON) are garbage here: events are imported, not replayed.
import { NdjsonParser } from '../wire/ndjson.ts';
import { HEX_NIBBLE } from '../wire/hex.ts';
import { MLAT_MAGIC_TIMESTAMP, newRawFrame, type FrameParser, type FrameSink, type ParserStats, type RawFrame } from '../wire/raw-frame.ts';

export class NdjsonFrameParser implements FrameParser {
  readonly stats: ParserStats = { frames: 0, modeac: 0, heartbeats: 0, garbage: 0, bytes: 0 };
  private readonly lines: NdjsonParser;
  private readonly frame: RawFrame = newRawFrame();
  private readonly short = new Uint8Array(7);
  private readonly long = new Uint8Array(14);
  private sink: FrameSink = () => {};
  private readonly onValue = (value: unknown): void => this.accept(value);

  constructor() {
    this.lines = new NdjsonParser({ onMalformed: () => this.stats.garbage++ });
  }

  push(chunk: Uint8Array, sink: FrameSink): void {
    this.stats.bytes += chunk.length;
    this.sink = sink;
    this.lines.push(chunk, this.onValue);
  }

  end(sink: FrameSink): number {
    this.sink = sink;
    return this.lines.end(this.onValue);
  }

  private accept(value: unknown): void {
    if (typeof value !== 'object' || value === null) {
      this.stats.garbage++;
      return;
    }
    const o = value as Record<string, unknown>;
    const text = o.raw ?? o.hex ?? o.msg ?? o.frame;
    if (typeof text !== 'string') {
      this.stats.garbage++;
      return;
    }
    const digits = text.replace(/^[*:]/, '').replace(/;$/, '');
    if (digits.length === 4) {
      this.stats.modeac++;
      return;
    }
    const bytes = digits.length === 14 ? this.short : digits.length === 28 ? this.long : undefined;
    if (!bytes || !fillHex(digits, bytes)) {
      this.stats.garbage++;
      return;
    }
    const ts = o.timestamp12;
    const signal = o.signal;
    const frame = this.frame;
    frame.bytes = bytes;
    frame.timestamp12 = typeof ts === 'number' && ts >= 0 && ts < 2 ** 48 ? ts : Number.NaN;
    frame.signal = typeof signal === 'number' && signal >= 0 && signal <= 255 ? signal : -1;
    frame.mlat = frame.timestamp12 === MLAT_MAGIC_TIMESTAMP || o.mlat === true;
    frame.crcChecked = false;
    this.stats.frames++;
    this.sink(frame);
  }
}

function fillHex(digits: string, into: Uint8Array): boolean {
  for (let i = 0; i < into.length; i++) {
    const hi = HEX_NIBBLE[digits.charCodeAt(2 * i) & 0xff];
    const lo = HEX_NIBBLE[digits.charCodeAt(2 * i + 1) & 0xff];
    if (hi < 0 || lo < 0 || digits.charCodeAt(2 * i) > 0xff || digits.charCodeAt(2 * i + 1) > 0xff) return false;
    into[i] = (hi << 4) | lo;
  }
  return true;
}
