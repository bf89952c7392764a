// A frame source built from a byte source and a framing parser. Each input chunk becomes one
// batch of copied frames. At a stream break the parser is ended (a partial frame it still holds
// is counted as `truncated_frame`) and replaced, so bytes of the next connection never glue
// onto the tail of the last one.
import type { FrameParser, ParserStats, RawFrame } from '../wire/raw-frame.ts';
import { FrameBatch } from './frame-batch.ts';
import { LiveClock, type ReceptionClock } from './reception-clock.ts';
import { countReason, type ByteSource, type FrameSource, type SourceStatus } from './source.ts';

export interface ParsedFrameSourceOptions {
  clock?: ReceptionClock;
}

export class ParsedFrameSource implements FrameSource {
  readonly clock: ReceptionClock;
  private readonly bytes: ByteSource;
  private readonly newParser: () => FrameParser;

  constructor(bytes: ByteSource, newParser: () => FrameParser, options: ParsedFrameSourceOptions = {}) {
    this.bytes = bytes;
    this.newParser = newParser;
    this.clock = options.clock ?? new LiveClock();
  }

  /** The byte source's status, with frames and parser reasons added. */
  get status(): SourceStatus {
    return this.bytes.status;
  }

  close(): Promise<void> {
    return this.bytes.close();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<FrameBatch> {
    const status = this.bytes.status;
    const clock = this.clock;
    let parser = this.newParser();
    const seen: ParserStats = { frames: 0, modeac: 0, heartbeats: 0, garbage: 0, bytes: 0 };
    let batch = new FrameBatch(1);
    const sink = (frame: RawFrame): void => batch.push(frame, clock.stamp(frame));
    for await (const chunk of this.bytes) {
      if (chunk.length === 0) {
        batch = new FrameBatch(4);
        const left = parser.end(sink);
        if (left > 0) {
          countReason(status, 'truncated_frame');
          status.lastError = `stream ended inside a frame (${left} bytes dropped)`;
        }
        absorb(status, parser.stats, seen);
        parser = this.newParser();
        resetSeen(seen);
        clock.restart();
      } else {
        clock.chunk();
        batch = new FrameBatch(Math.min(4096, Math.max(16, chunk.length >> 4)));
        parser.push(chunk, sink);
        absorb(status, parser.stats, seen);
      }
      if (batch.length > 0) {
        status.frames += batch.length;
        yield batch;
      }
    }
  }
}

function absorb(status: SourceStatus, stats: ParserStats, seen: ParserStats): void {
  countReason(status, 'garbage', stats.garbage - seen.garbage);
  countReason(status, 'heartbeat', stats.heartbeats - seen.heartbeats);
  countReason(status, 'modeac', stats.modeac - seen.modeac);
  seen.garbage = stats.garbage;
  seen.heartbeats = stats.heartbeats;
  seen.modeac = stats.modeac;
}

function resetSeen(seen: ParserStats): void {
  seen.garbage = 0;
  seen.heartbeats = 0;
  seen.modeac = 0;
}
