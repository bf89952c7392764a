// The three shapes a source takes. All are pull-based async iterables: a source reads from its
// socket, device, process or file only when the consumer asks for the next item, so a slow
// consumer leaves the bytes in the kernel (TCP window, pipe, file) instead of in our heap.
// Every source carries a live status object and ends cleanly on `close()` or its AbortSignal;
// failures become counted reasons and a `lastError`, never an exception out of the iterator.
import type { FrameBatch } from './frame-batch.ts';

export type SourceState = 'connecting' | 'connected' | 'backoff' | 'closed';

export interface SourceStatus {
  /** The URI (or a description) of what is being read. */
  readonly uri: string;
  state: SourceState;
  /** Input bytes received over the source's whole life. */
  bytes: number;
  /** Frames handed to the consumer (for an IQ source: by the frame source demodulating it). */
  frames: number;
  /** Connection/open/read failures. */
  errors: number;
  lastError: string | null;
  /** Successful connections after the first one. */
  reconnects: number;
  /** Milliseconds of the backoff currently being waited (0 when not in backoff). */
  backoffMs: number;
  /** Counted reasons: `truncated_frame`, `garbage`, `dangling_iq_byte`, `truncated_gzip`, … */
  readonly reasons: Record<string, number>;
}

/**
 * Bytes from the outside world. A zero-length chunk (`STREAM_BREAK`) marks the end of one
 * connection or file pass: a framing parser must drop (and count) any partial frame it holds,
 * because the next chunk comes from a new stream.
 */
export interface ByteSource extends AsyncIterable<Uint8Array> {
  readonly status: SourceStatus;
  close(): Promise<void>;
}

/** Mode S frames, in batches of copies (one batch per input chunk, or per paced slice of one). */
export interface FrameSource extends AsyncIterable<FrameBatch> {
  readonly status: SourceStatus;
  close(): Promise<void>;
}

/**
 * Interleaved unsigned 8-bit I/Q samples (I0 Q0 I1 Q1 …, 127.5 ≈ zero). Every buffer has an even
 * length and starts on an I byte; the consumer owns it (nothing reuses it). A zero-length buffer
 * (STREAM_BREAK) marks a discontinuity — reconnect, restarted rtl_sdr, next pass of a file — so an
 * IQ source is also a ByteSource a demodulating FrameParser can be composed with.
 */
export interface IqSource extends AsyncIterable<Uint8Array> {
  readonly status: SourceStatus;
  /** Complex samples per second. */
  readonly sampleRate: number;
  close(): Promise<void>;
}

export const STREAM_BREAK = new Uint8Array(0);

/** Anything with pino's call shape (`logger.info({ obj }, 'message')`). Sources log state changes. */
export interface SourceLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface CommonSourceOptions {
  logger?: SourceLogger;
  signal?: AbortSignal;
}

/** Adds `n` (when positive) to the status's count of `reason`. */
export function countReason(status: SourceStatus, reason: string, n = 1): void {
  if (n > 0) status.reasons[reason] = (status.reasons[reason] ?? 0) + n;
}

export function newStatus(uri: string): SourceStatus {
  return { uri, state: 'connecting', bytes: 0, frames: 0, errors: 0, lastError: null, reconnects: 0, backoffMs: 0, reasons: {} };
}
