// Test-side sink: copies each emitted frame (parsers reuse theirs) into plain values to compare.
import type { FrameParser, RawFrame } from '../../src/wire/raw-frame.ts';

// The project's one seeded generator, so a failing split can be reproduced from its seed.
export { seededRandom } from '../../src/demod/seeded-random.ts';

export interface CopiedFrame {
  hex: string;
  timestamp12: number;
  signal: number;
  mlat: boolean;
  crcChecked: boolean;
}

export function copyFrame(frame: RawFrame): CopiedFrame {
  return {
    hex: Buffer.from(frame.bytes).toString('hex').toUpperCase(),
    timestamp12: frame.timestamp12,
    signal: frame.signal,
    mlat: frame.mlat,
    crcChecked: frame.crcChecked,
  };
}

/** Feeds `chunks` in order, then `end()`; returns the copied frames and the truncated tail. */
export function parseChunks(parser: FrameParser, chunks: Iterable<Uint8Array>): { frames: CopiedFrame[]; tail: number } {
  const frames: CopiedFrame[] = [];
  const sink = (f: RawFrame): void => {
    frames.push(copyFrame(f));
  };
  for (const chunk of chunks) parser.push(chunk, sink);
  const tail = parser.end(sink);
  return { frames, tail };
}

/** Splits `data` into chunks whose sizes are drawn from 1..maxChunk (views, no copies). */
export function randomChunks(data: Uint8Array, random: () => number, maxChunk: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < data.length; ) {
    const size = 1 + Math.floor(random() * maxChunk);
    out.push(data.subarray(at, at + size));
    at += size;
  }
  return out;
}

export function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
