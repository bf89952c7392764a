// An SBS-1/BaseStation feed (`sbs://HOST:30003`): what the sender decoded, not frames, so this
// source yields batches of observations parsed by the wire layer's SbsParser, one batch per
// input chunk. A line cut by a disconnect is dropped and counted (`truncated_line`).
import { SbsParser, type SbsObservation, type SbsParserStats } from '../wire/sbs.ts';
import { countReason, type ByteSource, type SourceStatus } from './source.ts';

export interface SbsSource extends AsyncIterable<SbsObservation[]> {
  readonly status: SourceStatus;
  close(): Promise<void>;
}

export class ParsedSbsSource implements SbsSource {
  private readonly bytes: ByteSource;

  constructor(bytes: ByteSource) {
    this.bytes = bytes;
  }

  get status(): SourceStatus {
    return this.bytes.status;
  }

  close(): Promise<void> {
    return this.bytes.close();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<SbsObservation[]> {
    const status = this.bytes.status;
    let parser = new SbsParser();
    let seen = { malformed: 0, heartbeats: 0 };
    let batch: SbsObservation[] = [];
    const sink = (o: SbsObservation): void => {
      batch.push(o);
    };
    for await (const chunk of this.bytes) {
      batch = [];
      if (chunk.length === 0) {
        // A partial last line is not parsed: it was cut by the disconnect, not terminated.
        if (hasPartialLine(parser)) countReason(status, 'truncated_line');
        parser = new SbsParser();
        seen = { malformed: 0, heartbeats: 0 };
        continue;
      }
      parser.push(chunk, sink);
      seen = absorb(status, parser.stats, seen);
      if (batch.length > 0) {
        status.frames += batch.length;
        yield batch;
      }
    }
  }
}

function hasPartialLine(parser: SbsParser): boolean {
  // end() parses a trailing line; with a throwaway sink, whatever it reports left over or
  // accepted is the cut line.
  const before = parser.stats.messages + parser.stats.malformed;
  const left = parser.end(() => {});
  return left > 0 || parser.stats.messages + parser.stats.malformed > before;
}

function absorb(status: SourceStatus, stats: SbsParserStats, seen: { malformed: number; heartbeats: number }): { malformed: number; heartbeats: number } {
  countReason(status, 'garbage', stats.malformed - seen.malformed);
  countReason(status, 'heartbeat', stats.heartbeats - seen.heartbeats);
  return { malformed: stats.malformed, heartbeats: stats.heartbeats };
}
