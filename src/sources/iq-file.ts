// `file://capture.iq?rate=2400000` (also `.bin`, `.cu8`, gzip'd): a recorded RTL-SDR capture of
// interleaved u8 I/Q. The rate is not in the file, so it comes from the URI (default 2.4 MS/s,
// what dump1090-fa/readsb demodulate; antirez's modes1.bin is 2.0 MS/s).
import { AlignedIqSource } from './aligned-iq-source.ts';
import { FileByteSource } from './file-bytes.ts';
import type { CommonSourceOptions } from './source.ts';

export const DEFAULT_SAMPLE_RATE = 2_400_000;

export interface IqFileOptions extends CommonSourceOptions {
  sampleRate?: number;
  /** 'max' (default) or N× real time. */
  speed?: 'max' | number;
  loop?: boolean;
  highWaterMark?: number;
}

export function iqFileSource(path: string, options: IqFileOptions = {}, uri = `file://${path}`): AlignedIqSource {
  const bytes = new FileByteSource(path, options, uri);
  const speed = options.speed === undefined || options.speed === 'max' ? 0 : options.speed;
  return new AlignedIqSource(bytes, options.sampleRate ?? DEFAULT_SAMPLE_RATE, { speed });
}
