// An IQ source over any byte source: every buffer handed on has an even length and starts on an
// I byte, whatever sizes the socket, pipe or file delivered. An odd chunk's last byte is carried
// into the next one; a byte still dangling when its stream breaks (disconnect, end of file) has
// no Q partner and is dropped and counted (`dangling_iq_byte`). The break itself is passed on as
// STREAM_BREAK (a zero-length buffer): samples on either side of it are not contiguous, so a
// demodulator must drop its state there (ParsedFrameSource does, when it wraps this source).
import { delay } from './delay.ts';
import { countReason, STREAM_BREAK, type ByteSource, type IqSource, type SourceStatus } from './source.ts';

export interface AlignedIqOptions {
  /** Deliver at most N× the sample rate (1 = real time). Default: as fast as the consumer pulls. */
  speed?: number;
  /** Monotonic milliseconds for pacing. */
  now?: () => number;
}

export class AlignedIqSource implements IqSource {
  readonly sampleRate: number;
  /** Complex samples delivered. */
  samples = 0;
  private readonly bytes: ByteSource;
  private readonly speed: number;
  private readonly now: () => number;
  private readonly stop = new AbortController();

  constructor(bytes: ByteSource, sampleRate: number, options: AlignedIqOptions = {}) {
    this.bytes = bytes;
    this.sampleRate = sampleRate;
    this.speed = options.speed ?? 0;
    this.now = options.now ?? performance.now.bind(performance);
  }

  get status(): SourceStatus {
    return this.bytes.status;
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.bytes.close();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    const status = this.bytes.status;
    let carry = -1;
    const wallStart = this.now();
    for await (const chunk of this.bytes) {
      if (chunk === STREAM_BREAK || chunk.length === 0) {
        if (carry >= 0) {
          countReason(status, 'dangling_iq_byte');
          carry = -1;
        }
        yield STREAM_BREAK;
        continue;
      }
      let out: Uint8Array;
      if (carry >= 0) {
        const usable = (chunk.length + 1) & ~1;
        out = new Uint8Array(usable);
        out[0] = carry;
        out.set(chunk.subarray(0, usable - 1), 1);
        carry = usable - 1 < chunk.length ? chunk[chunk.length - 1] : -1;
      } else if (chunk.length & 1) {
        out = chunk.subarray(0, chunk.length - 1);
        carry = chunk[chunk.length - 1];
      } else {
        out = chunk;
      }
      if (out.length === 0) continue;
      this.samples += out.length >> 1;
      yield out;
      if (this.speed > 0) {
        const due = wallStart + ((this.samples / this.sampleRate) * 1000) / this.speed;
        const wait = due - this.now();
        if (wait > 2 && !(await delay(wait, this.stop.signal))) return;
      }
    }
  }
}
