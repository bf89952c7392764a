// Which framing parser reads a frame stream: by name, or detected from the first bytes and the
// file name (the wire layer's detectFormat; content wins over the name). Needed for captures like
// `ulss7-beast-bin-utc--1522782148.136310917--.log` whose name says nothing.
import { AvrParser } from '../wire/avr.ts';
import { BeastParser } from '../wire/beast.ts';
import { detectFormat } from '../wire/detect-format.ts';
import type { FrameParser, FrameSink, ParserStats } from '../wire/raw-frame.ts';
import { NdjsonFrameParser } from './ndjson-frame-parser.ts';

export type FrameFormat = 'beast' | 'avr' | 'ndjson';

export const FRAME_FORMATS: readonly FrameFormat[] = ['beast', 'avr', 'ndjson'];

export function isFrameFormat(s: string): s is FrameFormat {
  return (FRAME_FORMATS as readonly string[]).includes(s);
}

export function newFrameParser(format: FrameFormat): FrameParser {
  return format === 'beast' ? new BeastParser() : format === 'avr' ? new AvrParser() : new NdjsonFrameParser();
}

/**
 * A parser that picks its format from the first chunk it sees (unless told), so a file source
 * need not read ahead. A stream that is not a frame format (SBS, IQ, unknown) is read as Beast,
 * whose resync counts everything that is not a frame as garbage, and `notFrames` says so.
 */
export class SniffingParser implements FrameParser {
  format: FrameFormat | undefined;
  /** What detection found when it was not a frame format. */
  notFrames: string | undefined;
  private inner: FrameParser | undefined;
  private readonly name: string | undefined;

  constructor(format?: FrameFormat, name?: string) {
    this.name = name;
    if (format) {
      this.format = format;
      this.inner = newFrameParser(format);
    }
  }

  get stats(): ParserStats {
    return (this.inner ?? EMPTY).stats;
  }

  push(chunk: Uint8Array, sink: FrameSink): void {
    if (!this.inner) {
      if (chunk.length === 0) return;
      const detected = detectFormat(chunk, this.name);
      if (detected !== undefined && isFrameFormat(detected)) {
        this.format = detected;
      } else {
        this.format = 'beast';
        this.notFrames = detected ?? 'unknown';
      }
      this.inner = newFrameParser(this.format);
    }
    this.inner.push(chunk, sink);
  }

  end(sink: FrameSink): number {
    return this.inner ? this.inner.end(sink) : 0;
  }
}

const EMPTY: Pick<FrameParser, 'stats'> = { stats: { frames: 0, modeac: 0, heartbeats: 0, garbage: 0, bytes: 0 } };
