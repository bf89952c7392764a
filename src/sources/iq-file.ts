// `file://capture.iq?rate=2400000` (also `.bin`, `.cu8`, gzip'd): a recorded RTL-SDR capture of
// interleaved u8 I/Q. The rate is not in the file, so it comes from the URI (default 2.4 MS/s,
// what dump1090-fa/readsb demodulate; antirez's modes1.bin is 2.0 MS/s). `clock` gives the
// frames a demodulator finds in it their reception time from the capture — start time (option,
// file name, mtime) plus the demodulator's sample-derived 12 MHz counter — for use as
// `new ParsedFrameSource(iq, newDemodulator, { clock: iq.clock })`.
import { AlignedIqSource } from './aligned-iq-source.ts';
import { captureStartTime, type StartTimeOrigin } from './capture-start-time.ts';
import { CaptureClock } from './capture-clock.ts';
import { FileByteSource } from './file-bytes.ts';
import type { CommonSourceOptions } from './source.ts';

export const DEFAULT_SAMPLE_RATE = 2_400_000;

export interface IqFileOptions extends CommonSourceOptions {
  sampleRate?: number;
  /** 'max' (default) or N× real time. */
  speed?: 'max' | number;
  loop?: boolean;
  highWaterMark?: number;
  /** Milliseconds since the epoch of the first sample; overrides the name and mtime. */
  startTime?: number;
}

export class IqFileSource extends AlignedIqSource {
  readonly path: string;
  readonly clock = new CaptureClock(0);
  startTimeOrigin: StartTimeOrigin | undefined;
  private readonly startTime: number | undefined;

  constructor(path: string, options: IqFileOptions = {}, uri = `file://${path}`) {
    const speed = options.speed === undefined || options.speed === 'max' ? 0 : options.speed;
    super(new FileByteSource(path, options, uri), options.sampleRate ?? DEFAULT_SAMPLE_RATE, { speed });
    this.path = path;
    this.startTime = options.startTime;
  }

  override async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    try {
      const start = await captureStartTime(this.path, this.startTime);
      this.clock.startMs = start.ms;
      this.startTimeOrigin = start.origin;
    } catch {
      // an unreadable file: the byte source reports it when it tries to open it
    }
    yield* super[Symbol.asyncIterator]();
  }
}

export function iqFileSource(path: string, options: IqFileOptions = {}, uri = `file://${path}`): IqFileSource {
  return new IqFileSource(path, options, uri);
}
