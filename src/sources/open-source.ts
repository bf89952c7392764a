// From a source URI (or its parsed config) to a running source of the right shape: frames,
// IQ samples, or SBS observations.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileFrameSource } from './file.ts';
import { hasGzipMagic } from './file-bytes.ts';
import { isFrameFormat, newFrameParser, type FrameFormat } from './frame-format.ts';
import { detectFormat, DETECT_HEAD_BYTES } from '../wire/detect-format.ts';
import { iqFileSource } from './iq-file.ts';
import { ParsedFrameSource } from './parsed-frame-source.ts';
import { rtlSdrSource } from './rtlsdr-process.ts';
import { rtlTcpSource } from './rtltcp.ts';
import { ParsedSbsSource, type SbsSource } from './sbs-source.ts';
import { serialByteSource } from './serial.ts';
import type { BackoffOptions } from './backoff.ts';
import type { FrameSource, IqSource, SourceLogger } from './source.ts';
import { parseSourceUri, SourceUriError, type SourceConfig } from './uri.ts';
import { tcpByteSource } from './tcp.ts';

export type OpenedSource =
  | { kind: 'frames'; config: SourceConfig; source: FrameSource }
  | { kind: 'iq'; config: SourceConfig; source: IqSource }
  | { kind: 'sbs'; config: SourceConfig; source: SbsSource };

export interface OpenSourceOptions {
  logger?: SourceLogger;
  signal?: AbortSignal;
  backoff?: BackoffOptions;
  /** The capture `demo` loops; default the first of DEMO_CAPTURES that exists. */
  demoPath?: string;
  /** Overrides a file capture's start time (ms since the epoch), like `--start-time`. */
  startTime?: number;
}

/** Beast, AVR or NDJSON when a file's first bytes are those frames (unreadable: undefined, let the source report it). */
function frameFormatOf(file: string): FrameFormat | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(DETECT_HEAD_BYTES);
    const n = readSync(fd, head, 0, head.length, 0);
    const first = head.subarray(0, n);
    const detected = hasGzipMagic(first) ? undefined : detectFormat(first);
    return detected !== undefined && isFrameFormat(detected) ? detected : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const DEMO_CAPTURES = ['fixtures/demo.beast.gz', 'fixtures/demo.beast', 'fixtures/demo.avr', 'fixtures/sample.avr'].map((p) => path.join(REPO, p));

export function openSource(uriOrConfig: string | SourceConfig, options: OpenSourceOptions = {}): OpenedSource {
  const config = typeof uriOrConfig === 'string' ? parseSourceUri(uriOrConfig) : uriOrConfig;
  const common = { logger: options.logger, signal: options.signal, backoff: options.backoff };
  switch (config.kind) {
    case 'tcp': {
      const bytes = tcpByteSource(config.host, config.port, common, config.uri);
      if (config.format === 'sbs') return { kind: 'sbs', config, source: new ParsedSbsSource(bytes) };
      const format = config.format;
      return { kind: 'frames', config, source: new ParsedFrameSource(bytes, () => newFrameParser(format)) };
    }
    case 'serial': {
      const bytes = serialByteSource(config.path, { ...common, format: config.format, baudRate: config.baudRate, modeAC: config.modeAC, adsbPicMode: config.adsbPicMode, rtscts: config.rtscts }, config.uri);
      const format = config.format;
      return { kind: 'frames', config, source: new ParsedFrameSource(bytes, () => newFrameParser(format)) };
    }
    case 'file':
      return {
        kind: 'frames', config,
        source: new FileFrameSource(config.path, { ...common, format: config.format, speed: config.speed, startTime: options.startTime ?? config.startTime, loop: config.loop }, config.uri),
      };
    case 'iq-file': {
      // `.bin` is IQ by convention, but plenty of Beast captures are called .bin too.
      const format = config.byName ? frameFormatOf(config.path) : undefined;
      if (format) {
        return { kind: 'frames', config, source: new FileFrameSource(config.path, { ...common, format, speed: config.speed, startTime: options.startTime, loop: config.loop }, config.uri) };
      }
      return { kind: 'iq', config, source: iqFileSource(config.path, { ...common, sampleRate: config.sampleRate, speed: config.speed, loop: config.loop, startTime: options.startTime }, config.uri) };
    }
    case 'rtltcp':
      return { kind: 'iq', config, source: rtlTcpSource(config.host, config.port, { ...common, gain: config.gain, ppm: config.ppm, sampleRate: config.sampleRate, agc: config.agc }, config.uri) };
    case 'rtlsdr':
      return { kind: 'iq', config, source: rtlSdrSource({ ...common, index: config.index, gain: config.gain, ppm: config.ppm, sampleRate: config.sampleRate }, config.uri) };
    case 'demo': {
      const capture = options.demoPath ?? DEMO_CAPTURES.find((p) => existsSync(p));
      if (!capture) throw new SourceUriError(config.uri, `no demo capture found (looked for ${DEMO_CAPTURES.join(', ')})`);
      // A demo should look live: its frames are stamped from now on, not from when it was recorded.
      return { kind: 'frames', config, source: new FileFrameSource(capture, { ...common, speed: config.speed, loop: true, startTime: options.startTime ?? Date.now() }, config.uri) };
    }
  }
}
