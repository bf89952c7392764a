// What every framing parser (AVR, Beast, the IQ demodulator) hands to the decoder. Parsers reuse
// one RawFrame and its byte buffers for every frame they emit: a sink that keeps a frame must copy
// `bytes` (and the numbers it needs) before returning.

export interface RawFrame {
  /** 2 bytes (Mode A/C), 7 (56-bit Mode S) or 14 (112-bit Mode S). A reused buffer. */
  bytes: Uint8Array;
  /** The 48-bit 12 MHz receiver counter, or NaN when the format carries none. */
  timestamp12: number;
  /** Signal byte 0..255 (RSSI dBFS = 20·log10(signal/255)), or -1 when unknown. */
  signal: number;
  /** True for frames carrying the magic MLAT timestamp 0xFF004D4C4154 (results, not receptions). */
  mlat: boolean;
  /** True when the format says the receiver already checked the CRC (AVR `%`). */
  crcChecked: boolean;
}

export type FrameSink = (frame: RawFrame) => void;

export interface ParserStats {
  /** Mode S frames emitted. */
  frames: number;
  /** Mode A/C frames seen (emitted only when the parser is asked to). */
  modeac: number;
  /** Heartbeats skipped (AVR `*0000;`, Beast type 1 with a zero counter and payload). */
  heartbeats: number;
  /** Malformed units skipped (bad length, bad hex, lone 0x1a, unknown Beast type). */
  garbage: number;
  /** Input bytes consumed. */
  bytes: number;
}

/** Chunk-boundary-safe streaming parser: push chunks in any split, `end()` flushes and reports truncation. */
export interface FrameParser {
  push(chunk: Uint8Array, sink: FrameSink): void;
  /** Returns the number of bytes left over that did not make a whole frame (a truncated tail). */
  end(sink: FrameSink): number;
  readonly stats: ParserStats;
}

export const MLAT_MAGIC_TIMESTAMP = 0xff004d4c4154;

export function rssiFromSignal(signal: number): number {
  return signal <= 0 ? -Infinity : 20 * Math.log10(signal / 255);
}

export function newRawFrame(): RawFrame {
  return { bytes: new Uint8Array(14), timestamp12: Number.NaN, signal: -1, mlat: false, crcChecked: false };
}
