import { describe, expect, it } from 'vitest';
import { BeastParser, rssiToSignal, writeBeast } from '../../src/wire/beast.ts';
import { MLAT_MAGIC_TIMESTAMP, rssiFromSignal } from '../../src/wire/raw-frame.ts';
import { describeShared, readShared } from '../helpers/shared.ts';
import { parseChunks, randomChunks, seededRandom, type CopiedFrame } from './collect.ts';

const CAPTURE = 'denzen84__beastblackbox/example/ulss7-beast-bin-utc--1522782148.136310917--.log';
const EXTRACT = 'denzen84__beastblackbox/example/beast_extract_71be34.log';
const PUBLISHED = 'derived/denzen84__beastblackbox/beast_decoded_dump1090.jsonl';

const hexBytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
const LONG = hexBytes('8D4840D6202CC371C32CE0576098');
const SHORT = hexBytes('5D4D20237A55A6');

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

function parse(data: Uint8Array, options = {}) {
  const parser = new BeastParser(options);
  const result = parseChunks(parser, [data]);
  return { ...result, stats: parser.stats };
}

describe('BeastParser', () => {
  it('reads short and long frames with their counter and signal byte', () => {
    // given a hand-built stream: 1a '2' ts(6) sig short, 1a '3' ts(6) sig long
    const data = concat(hexBytes('1a32 030bf18cc2ab 13'), SHORT, hexBytes('1a33 000000000001 ff'), LONG);
    // when parsed
    const { frames, stats, tail } = parse(data);
    // then
    expect(frames).toEqual([
      { hex: '5D4D20237A55A6', timestamp12: 0x030bf18cc2ab, signal: 0x13, mlat: false, crcChecked: false },
      { hex: '8D4840D6202CC371C32CE0576098', timestamp12: 1, signal: 0xff, mlat: false, crcChecked: false },
    ]);
    expect(stats).toMatchObject({ frames: 2, garbage: 0, bytes: data.length });
    expect(tail).toBe(0);
  });

  it('unescapes doubled 0x1a in counter, signal and payload, also when the pair is split across chunks', () => {
    const data = hexBytes('1a32 1a1a00001a1a0000 1a1a 8d1a1a00001a1a1a1a00');
    const whole = parse(data);
    expect(whole.frames.map((f) => [f.hex, f.timestamp12, f.signal])).toEqual([['8D1A00001A1A00', 0x1a00001a0000, 0x1a]]);
    // every split point, including between the two bytes of each escape pair
    for (let cut = 1; cut < data.length; cut++) {
      const split = parseChunks(new BeastParser(), [data.subarray(0, cut), data.subarray(cut)]);
      expect(split.frames).toEqual(whole.frames);
    }
  });

  it('counts Mode A/C, emits it only when asked, and skips the all-zero heartbeat', () => {
    const data = hexBytes('1a31 000000000000 00 0000  1a31 000000000010 20 7700  1a31 000000000000 00 0000');
    const quiet = parse(data);
    expect(quiet.frames).toEqual([]);
    expect(quiet.stats).toMatchObject({ modeac: 1, heartbeats: 2, frames: 0, garbage: 0 });
    const loud = parse(data, { modeAC: true });
    expect(loud.frames.map((f) => [f.hex, f.timestamp12, f.signal])).toEqual([['7700', 0x10, 0x20]]);
  });

  it('marks the MLAT magic counter', () => {
    const { frames } = parse(concat(hexBytes('1a33 ff004d4c4154 00'), LONG));
    expect(frames[0]).toMatchObject({ timestamp12: MLAT_MAGIC_TIMESTAMP, mlat: true });
  });

  it('skips status messages, surfaces the receiver position and skips unknown types', () => {
    const position = new Uint8Array(21);
    const view = new DataView(position.buffer);
    view.setFloat32(4, 59.75, true);
    view.setFloat32(8, 30.5, true);
    view.setFloat32(12, 120, true);
    const data = concat(
      hexBytes('1a34'), new Uint8Array(21),
      hexBytes('1a35'), position,
      hexBytes('1ae3 0102030405060708'), // readsb receiver-id extension: not understood here
      hexBytes('1a32 000000000005 10'), SHORT,
    );
    const seen: number[][] = [];
    const { frames, stats } = parse(data, { onReceiverPosition: (lat: number, lon: number, alt: number) => seen.push([lat, lon, alt]) });
    expect(seen).toEqual([[59.75, 30.5, 120]]);
    expect(frames.map((f) => f.hex)).toEqual(['5D4D20237A55A6']);
    expect(stats).toMatchObject({ frames: 1, status: 1, positions: 1, unknownTypes: 1, garbage: 1 });
  });

  it('resynchronises after junk and after a frame cut short by the next one', () => {
    const data = concat(
      hexBytes('00ff1a1a 7e 1a'), // junk, an escaped pair with no frame, a lone 0x1a before the frame
      hexBytes('1a32 000000000001 10'), SHORT,
      hexBytes('1a33 000000000002 10 8d4840'), // long frame cut after 3 payload bytes
      hexBytes('1a32 000000000003 10'), SHORT,
    );
    const { frames, stats } = parse(data);
    expect(frames.map((f) => f.timestamp12)).toEqual([1, 3]);
    expect(stats.truncated).toBe(1);
    expect(stats.garbage).toBeGreaterThanOrEqual(2);
  });

  it('reports a truncated tail at end()', () => {
    const data = concat(hexBytes('1a32 000000000001 10'), SHORT, hexBytes('1a33 0000001a1a'));
    const { frames, tail, stats } = parse(data);
    expect(frames).toHaveLength(1);
    expect(tail).toBe(7);
    expect(stats.truncated).toBe(1);
  });
});

describe('writeBeast and rssiToSignal', () => {
  it('escapes 0x1a and round-trips through the parser in any split', () => {
    const random = seededRandom(5);
    const parts: Uint8Array[] = [];
    const expected: CopiedFrame[] = [];
    for (let i = 0; i < 300; i++) {
      const length = [2, 7, 14][i % 3];
      const bytes = new Uint8Array(length).map(() => (random() < 0.25 ? 0x1a : Math.floor(random() * 256)));
      if (length === 2) bytes[0] |= 1; // not a heartbeat
      const timestamp12 = i === 0 ? 0x1a1a1a1a1a1a : i === 1 ? MLAT_MAGIC_TIMESTAMP : Math.floor(random() * 2 ** 48);
      const signal = random() < 0.3 ? 0x1a : Math.floor(random() * 256);
      parts.push(writeBeast(bytes, timestamp12, signal));
      expected.push({ hex: Buffer.from(bytes).toString('hex').toUpperCase(), timestamp12, signal, mlat: i === 1, crcChecked: false });
    }
    expect(Buffer.from(parts[0].subarray(0, 14)).toString('hex')).toBe('1a311a1a1a1a1a1a1a1a1a1a1a1a');
    const data = concat(...parts);
    const whole = parseChunks(new BeastParser({ modeAC: true }), [data]);
    expect(whole.frames).toEqual(expected);
    const bytewise = parseChunks(new BeastParser({ modeAC: true }), randomChunks(data, seededRandom(6), 1));
    expect(bytewise.frames).toEqual(expected);
  });

  it('maps RSSI to the signal byte and back within half a step', () => {
    expect(rssiToSignal(-22.6)).toBe(19);
    expect(rssiToSignal(0)).toBe(255);
    expect(rssiToSignal(-200)).toBe(1);
    for (let signal = 1; signal <= 255; signal++) expect(rssiToSignal(rssiFromSignal(signal))).toBe(signal);
  });
});

interface Published {
  raw: string;
  rssi_dbfs: number;
  frame_index: number;
  beast_mlat: number;
}

describeShared('BeastParser on the beastblackbox capture', [CAPTURE, EXTRACT, PUBLISHED], () => {
  const capture = readShared(CAPTURE);

  it('finds all 13,954 frames: 5,026 Mode A/C, 4,942 short, 3,986 long', () => {
    const parser = new BeastParser({ modeAC: true });
    const { frames, tail } = parseChunks(parser, [capture]);
    expect(frames).toHaveLength(13_954);
    const byLength = { 2: 0, 7: 0, 14: 0 } as Record<number, number>;
    for (const f of frames) byLength[f.hex.length / 2]++;
    expect(byLength).toEqual({ 2: 5_026, 7: 4_942, 14: 3_986 });
    expect(parser.stats).toMatchObject({ frames: 8_928, modeac: 5_026, heartbeats: 0, garbage: 0, truncated: 0, bytes: capture.length });
    expect(tail).toBe(0);
  });

  it('matches every published frame: bytes, 12 MHz counter and RSSI within 0.1 dB', () => {
    const { frames } = parseChunks(new BeastParser({ modeAC: true }), [capture]);
    const published = readShared(PUBLISHED).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as Published);
    expect(published).toHaveLength(8_922);
    // The capture repeats every chunk of frames (README: 6,977 unique, the counter goes backwards
    // 1,355 times); the parser passes all of it on and leaves de-duplication to later stages.
    let backwards = 0;
    for (let i = 1; i < frames.length; i++) if (frames[i].timestamp12 < frames[i - 1].timestamp12) backwards++;
    expect(backwards).toBe(1_355);
    expect(new Set(frames.map((f) => `${f.timestamp12} ${f.signal} ${f.hex}`)).size).toBe(6_977);
    for (const p of published) {
      const f = frames[p.frame_index];
      expect(f.hex).toBe(p.raw);
      expect(f.timestamp12).toBe(p.beast_mlat);
      expect(Math.abs(rssiFromSignal(f.signal) - p.rssi_dbfs)).toBeLessThanOrEqual(0.1);
    }
  });

  it('gives identical output for random chunk sizes, including 1-byte chunks', () => {
    const whole = parseChunks(new BeastParser({ modeAC: true }), [capture]);
    const random = seededRandom(2026);
    for (const max of [1, 3, 17, 700, 65_536]) {
      expect(parseChunks(new BeastParser({ modeAC: true }), randomChunks(capture, random, max))).toEqual(whole);
    }
  });

  it('reads the 71BE34 extract: 1,004 frames, 608 short and 396 long', () => {
    const parser = new BeastParser({ modeAC: true });
    const { frames } = parseChunks(parser, [readShared(EXTRACT)]);
    expect(frames).toHaveLength(1_004);
    expect(frames.filter((f) => f.hex.length === 14)).toHaveLength(608);
    expect(frames.filter((f) => f.hex.length === 28)).toHaveLength(396);
    expect(parser.stats.garbage).toBe(0);
  });
});
