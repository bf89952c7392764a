// `file://PATH?speed=max|1|N&format=beast|avr|ndjson`: a recorded capture as a frame source, plain or
// gzip'd. Reception times come from the capture (CaptureClock anchored at captureStartTime),
// never from the replaying machine's clock. `speed=1` honours the capture's 12 MHz spacing,
// `speed=N` runs N× faster, `max` goes as fast as the consumer pulls. A file that ends inside a
// frame is reported: `reasons.truncated_frame` and `lastError`.
import { captureStartTime, type StartTimeOrigin } from './capture-start-time.ts';
import { CaptureClock } from './capture-clock.ts';
import { FileByteSource } from './file-bytes.ts';
import type { FrameBatch } from './frame-batch.ts';
import { SniffingParser, type FrameFormat } from './frame-format.ts';
import { paceFrames } from './paced-frames.ts';
import { ParsedFrameSource } from './parsed-frame-source.ts';
import type { CommonSourceOptions, FrameSource, SourceStatus } from './source.ts';

export type ReplaySpeed = 'max' | number;

export interface FileSourceOptions extends CommonSourceOptions {
  /** Default: from the extension, else sniffed from the first bytes. */
  format?: FrameFormat;
  /** Default 'max'. */
  speed?: ReplaySpeed;
  /** Milliseconds since the epoch of the capture's first frame; overrides the name and mtime. */
  startTime?: number;
  /** Largest counter step taken at face value (see CaptureClock). Default 5 s. */
  maxGapSeconds?: number;
  /** Read the file again from the start when it ends (the demo capture). */
  loop?: boolean;
  highWaterMark?: number;
}

export class FileFrameSource implements FrameSource {
  readonly path: string;
  readonly bytes: FileByteSource;
  readonly clock: CaptureClock;
  /** Where the start time came from, once known. */
  startTimeOrigin: StartTimeOrigin | undefined;
  private readonly options: FileSourceOptions;
  private readonly frames: ParsedFrameSource;
  private parser: SniffingParser | undefined;

  constructor(path: string, options: FileSourceOptions = {}, uri = `file://${path}`) {
    this.path = path;
    this.options = options;
    this.bytes = new FileByteSource(path, options, uri);
    this.clock = new CaptureClock(0, options.maxGapSeconds ?? 5);
    // Every pass of a looped file is read in the format the first pass found.
    this.frames = new ParsedFrameSource(this.bytes, () => (this.parser = new SniffingParser(this.parser?.format ?? options.format, path)), { clock: this.clock });
  }

  get status(): SourceStatus {
    return this.bytes.status;
  }

  /** The format in use (known after the first chunk when it is sniffed). */
  get format(): FrameFormat | undefined {
    return this.parser?.format;
  }

  async close(): Promise<void> {
    await this.bytes.close();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<FrameBatch> {
    try {
      const start = await captureStartTime(this.path, this.options.startTime);
      this.clock.startMs = start.ms;
      this.startTimeOrigin = start.origin;
    } catch (err) {
      this.bytes.life.fail('open_failed', err);
      this.bytes.life.close();
      return;
    }
    const speed = this.options.speed ?? 'max';
    const frames = speed === 'max' || !(speed > 0) ? this.frames : paceFrames(this.frames, speed, this.bytes.life.signal);
    try {
      for await (const batch of frames) {
        this.noteReasons();
        yield batch;
      }
    } finally {
      this.noteReasons();
    }
  }

  /** Copies the clock's counts into the status, and says once if the file is not frames. */
  private noteReasons(): void {
    const status = this.bytes.status;
    const reasons = status.reasons;
    if (this.clock.backwards > 0) reasons.timestamp_backwards = this.clock.backwards;
    if (this.clock.jumps > 0) reasons.timestamp_jump = this.clock.jumps;
    const notFrames = this.parser?.notFrames;
    if (notFrames && !reasons.not_a_frame_format) {
      reasons.not_a_frame_format = 1;
      status.lastError = `${this.path} does not look like Beast, AVR or NDJSON frames (${notFrames})`;
    }
  }
}

export function fileFrameSource(path: string, options: FileSourceOptions = {}): FileFrameSource {
  return new FileFrameSource(path, options);
}
