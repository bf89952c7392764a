// Bad input never throws: each parser takes over a million random chunks (random lengths, random
// bytes salted with its own format's special bytes so the deep states are reached) and its stats
// stay consistent with what it emitted and what it was fed.
import { describe, expect, it } from 'vitest';
import { AvrParser } from '../../src/wire/avr.ts';
import { BeastParser, writeBeast } from '../../src/wire/beast.ts';
import { NdjsonParser } from '../../src/wire/ndjson.ts';
import type { RawFrame } from '../../src/wire/raw-frame.ts';
import { SbsParser } from '../../src/wire/sbs.ts';
import { bytesOf, seededRandom } from './collect.ts';

const CHUNKS = 1_000_000;
const MAX_CHUNK = 24;
const POOL = 1 << 22;

/** Random bytes with format tokens spliced in at random places. */
function pool(seed: number, tokens: Uint8Array[], tokenShare: number): Uint8Array {
  const random = seededRandom(seed);
  const out = new Uint8Array(POOL);
  for (let i = 0; i < POOL; ) {
    if (random() < tokenShare) {
      const t = tokens[Math.floor(random() * tokens.length)];
      out.set(t.subarray(0, POOL - i), i);
      i += t.length;
    } else {
      out[i++] = Math.floor(random() * 256);
    }
  }
  return out;
}

/** Pushes CHUNKS consecutive slices of random lengths of `data` (wrapping) through `push`; returns what was fed. */
function feed(data: Uint8Array, seed: number, push: (chunk: Uint8Array) => void): { fed: number; newlines: number; lastChunkEndsLine: boolean } {
  const random = seededRandom(seed);
  let fed = 0;
  let newlines = 0;
  let lastByte = 0x0a;
  let at = 0;
  for (let n = 0; n < CHUNKS; n++) {
    const length = Math.floor(random() * (MAX_CHUNK + 1));
    if (at + length > data.length) at = 0;
    const chunk = data.subarray(at, at + length);
    at += length;
    push(chunk);
    fed += length;
    for (let i = 0; i < length; i++) if (chunk[i] === 0x0a) newlines++;
    if (length > 0) lastByte = chunk[length - 1];
  }
  return { fed, newlines, lastChunkEndsLine: lastByte === 0x0a };
}

function checkFrame(f: RawFrame): void {
  const n = f.bytes.length;
  if (n !== 2 && n !== 7 && n !== 14) throw new Error(`frame of ${n} bytes`);
  const t = f.timestamp12;
  if (!(Number.isNaN(t) || (Number.isInteger(t) && t >= 0 && t < 2 ** 48))) throw new Error(`timestamp ${t}`);
  if (!(Number.isInteger(f.signal) && f.signal >= -1 && f.signal <= 255)) throw new Error(`signal ${f.signal}`);
}

describe('parsers under a million random chunks', () => {
  it('AvrParser: no throw, every emitted frame well formed, counts add up', () => {
    const tokens = ['*', '@', '%', '<', ':', ';', '\n', '\r\n', '*0000;\n', '*8D4840D6202CC371C32CE0576098;\n', '@0000000183C85D4D20237A55A6;', '0123456789abcdef', '<016CE3671C7413'].map(bytesOf);
    const data = pool(1, tokens, 0.5);
    const parser = new AvrParser({ modeAC: true });
    let emitted = 0;
    const sink = (f: RawFrame): void => {
      checkFrame(f);
      emitted++;
    };
    const { fed } = feed(data, 2, (c) => parser.push(c, sink));
    const tail = parser.end(sink);
    const s = parser.stats;
    expect(s.bytes).toBe(fed);
    expect(emitted).toBe(s.frames + s.modeac);
    expect(s.frames).toBeGreaterThan(1000);
    expect(s.garbage).toBeGreaterThan(1000);
    expect(tail).toBeGreaterThanOrEqual(0);
    expect(tail).toBeLessThanOrEqual(256);
  });

  it('BeastParser: no throw, every emitted frame well formed, counts add up', () => {
    const frame = writeBeast(Uint8Array.from(Buffer.from('8D1A40D6202CC371C32CE0576098', 'hex')), 0x1a1a, 0x1a);
    const tokens = [Uint8Array.of(0x1a), Uint8Array.of(0x1a, 0x1a), Uint8Array.of(0x1a, 0x31), Uint8Array.of(0x1a, 0x32), Uint8Array.of(0x1a, 0x33), Uint8Array.of(0x1a, 0x34), Uint8Array.of(0x1a, 0x35), frame, frame.subarray(0, 9)];
    const data = pool(3, tokens, 0.3);
    const positions: number[] = [];
    const parser = new BeastParser({ modeAC: true, onReceiverPosition: (lat) => positions.push(lat) });
    let emitted = 0;
    let emittedBytes = 0;
    const sink = (f: RawFrame): void => {
      checkFrame(f);
      emitted++;
      emittedBytes += f.bytes.length;
    };
    const { fed } = feed(data, 4, (c) => parser.push(c, sink));
    const tail = parser.end(sink);
    const s = parser.stats;
    expect(s.bytes).toBe(fed);
    expect(emitted).toBe(s.frames + s.modeac);
    expect(positions).toHaveLength(s.positions);
    // every unit costs at least its 0x1a, type, counter and signal byte on the wire
    expect(emittedBytes + 9 * emitted + 23 * (s.status + s.positions + s.heartbeats)).toBeLessThanOrEqual(fed);
    expect(s.frames).toBeGreaterThan(1000);
    expect(s.garbage).toBeGreaterThan(1000);
    expect(s.truncated).toBeGreaterThan(0);
    expect(tail).toBeLessThanOrEqual(44);
  });

  it('SbsParser: no throw, every line is a message, a heartbeat or malformed', () => {
    const good = 'MSG,3,1,1,400159,1,2018/04/03,19:03:29.021,2018/04/10,21:24:39.724,,2625,,,59.74472,30.57192,,,,,,0\r\n';
    const tokens = [good, good, '\r\n', ',', ',,,,,,', 'MSG,', '-1', '\n'].map(bytesOf);
    const data = pool(5, tokens, 0.2);
    const parser = new SbsParser();
    let emitted = 0;
    const sink = (): void => {
      emitted++;
    };
    const { fed, newlines, lastChunkEndsLine } = feed(data, 6, (c) => parser.push(c, sink));
    parser.end(sink);
    const s = parser.stats;
    expect(s.bytes).toBe(fed);
    expect(emitted).toBe(s.messages);
    expect(s.byType.reduce((a, b) => a + b, 0)).toBe(s.messages);
    expect(s.messages + s.heartbeats + s.malformed).toBe(newlines + (lastChunkEndsLine ? 0 : 1));
    expect(s.messages).toBeGreaterThan(100);
  });

  it('NdjsonParser: no throw, every line is a value, blank or malformed', () => {
    const tokens = ['{"a":1}\n', '[1,2,3]\n', '\n', '{', '}', '"', '\\', '\r\n', 'null\n', 'ÄÖ✈'].map(bytesOf);
    const data = pool(7, tokens, 0.3);
    const parser = new NdjsonParser({ maxLineBytes: 4096 });
    let emitted = 0;
    const sink = (): void => {
      emitted++;
    };
    const { fed, newlines, lastChunkEndsLine } = feed(data, 8, (c) => parser.push(c, sink));
    parser.end(sink);
    const s = parser.stats;
    expect(s.bytes).toBe(fed);
    expect(emitted).toBe(s.values);
    expect(s.values + s.blank + s.malformed).toBe(newlines + (lastChunkEndsLine ? 0 : 1));
    expect(s.values).toBeGreaterThan(100);
  });
});
