import { describe, expect, it } from 'vitest';
import { AvrParser, writeAvr } from '../../src/wire/avr.ts';
import { MLAT_MAGIC_TIMESTAMP } from '../../src/wire/raw-frame.ts';
import { describeShared, readShared } from '../helpers/shared.ts';
import { bytesOf, parseChunks, randomChunks, seededRandom } from './collect.ts';

const LONG = '8D4840D6202CC371C32CE0576098';
const SHORT = '5D4D20237A55A6';

function parseText(text: string, options = {}) {
  const parser = new AvrParser(options);
  const result = parseChunks(parser, [bytesOf(text)]);
  return { ...result, stats: parser.stats };
}

describe('AvrParser', () => {
  it('reads every lead form: * : @ % < and bare hex', () => {
    // given one frame in each form
    const text = [
      `*${LONG};`,
      `:${SHORT};`,
      `@0000000183C8${SHORT};`,
      `%00000000E1AE${LONG};`,
      `<016CE3671C7413${SHORT};`,
      LONG,
      '',
    ].join('\n');
    // when parsed
    const { frames, stats } = parseText(text);
    // then each carries what its lead says
    expect(frames).toEqual([
      { hex: LONG, timestamp12: NaN, signal: -1, mlat: false, crcChecked: false },
      { hex: SHORT, timestamp12: NaN, signal: -1, mlat: false, crcChecked: false },
      { hex: SHORT, timestamp12: 0x183c8, signal: -1, mlat: false, crcChecked: false },
      { hex: LONG, timestamp12: 0xe1ae, signal: -1, mlat: false, crcChecked: true },
      { hex: SHORT, timestamp12: 0x016ce3671c74, signal: 0x13, mlat: false, crcChecked: false },
      { hex: LONG, timestamp12: NaN, signal: -1, mlat: false, crcChecked: false },
    ]);
    expect(stats).toMatchObject({ frames: 6, garbage: 0, heartbeats: 0, modeac: 0, bytes: bytesOf(text).length });
  });

  it('accepts lower-case hex, CRLF, surrounding whitespace and several frames on one line', () => {
    const text = `  *${LONG.toLowerCase()};\r\n\t*${SHORT};*${SHORT};\r\n\r\n${SHORT}\r\n`;
    const { frames, stats } = parseText(text);
    expect(frames.map((f) => f.hex)).toEqual([LONG, SHORT, SHORT, SHORT]);
    expect(stats.garbage).toBe(0);
  });

  it('counts and skips the *0000; heartbeat', () => {
    const { frames, stats } = parseText(`*0000;\n*${SHORT};\n*0000;\r\n`);
    expect(frames.map((f) => f.hex)).toEqual([SHORT]);
    expect(stats).toMatchObject({ frames: 1, heartbeats: 2, modeac: 0, garbage: 0 });
  });

  it('counts Mode A/C and emits it only when asked', () => {
    const text = '*7700;\n@0000000012347700;\n';
    const quiet = parseText(text);
    expect(quiet.frames).toEqual([]);
    expect(quiet.stats).toMatchObject({ modeac: 2, frames: 0 });
    const loud = parseText(text, { modeAC: true });
    expect(loud.frames.map((f) => [f.hex, f.timestamp12])).toEqual([['7700', NaN], ['7700', 0x1234]]);
    expect(loud.stats).toMatchObject({ modeac: 2, frames: 0 });
  });

  it('counts bad lengths, bad hex, short timestamps and stray semicolons as garbage', () => {
    const text = [
      `*${LONG.slice(0, 26)};`, // 26 digits
      `*${SHORT}0;`, // 15 digits
      `*${LONG.slice(0, 27)}G;`, // not hex
      `@0000001${SHORT.slice(0, 3)};`, // lead without a whole counter
      `<0000000012ZZ${SHORT};`, // bad signal byte
      ';',
      `*${SHORT};`,
      '',
    ].join('\n');
    const { frames, stats } = parseText(text);
    expect(frames.map((f) => f.hex)).toEqual([SHORT]);
    expect(stats).toMatchObject({ frames: 1, garbage: 6 });
  });

  it('drops a cut-off unit when a new lead starts without a terminator', () => {
    const { frames, stats } = parseText(`*8D4840*${SHORT};\n`);
    expect(frames.map((f) => f.hex)).toEqual([SHORT]);
    expect(stats.garbage).toBe(1);
  });

  it('bounds a line that never ends and resumes at the next line', () => {
    const endless = 'A'.repeat(10_000);
    const { frames, stats } = parseText(`${endless}\n*${SHORT};\n`);
    expect(frames.map((f) => f.hex)).toEqual([SHORT]);
    expect(stats.garbage).toBe(1);
  });

  it('does not read a frame out of the end of an over-long unit at end()', () => {
    const parser = new AvrParser({ maxUnitLength: 32 });
    const { frames, tail } = parseChunks(parser, [bytesOf(`${'0'.repeat(40)}${LONG}`)]);
    expect(frames).toEqual([]);
    expect(tail).toBeGreaterThan(0);
    expect(parser.stats.garbage).toBe(1);
  });

  it('marks the MLAT magic counter as an MLAT result', () => {
    const { frames } = parseText(`@FF004D4C4154${LONG};\n`);
    expect(frames[0]).toMatchObject({ timestamp12: MLAT_MAGIC_TIMESTAMP, mlat: true });
  });

  it('flushes a bare last line at end() and reports a truncated tail', () => {
    const whole = parseText(SHORT);
    expect(whole.frames.map((f) => f.hex)).toEqual([SHORT]);
    expect(whole.tail).toBe(0);
    const cut = parseText(`*${SHORT};\n*8D4840D62`);
    expect(cut.frames.map((f) => f.hex)).toEqual([SHORT]);
    expect(cut.tail).toBe('*8D4840D62'.length);
    // A truncated tail is reported once, through the tail length, not also as garbage.
    expect(cut.stats.garbage).toBe(0);
  });

  it('does not mistake a long frame cut after 14 digits for a short one', () => {
    const cut = parseText(`*${LONG.slice(0, 14)}`);
    expect(cut.frames).toEqual([]);
    expect(cut.tail).toBe(15);
  });

  it('gives the same frames for any chunk split, down to 1 byte', () => {
    const text = `*${LONG};\r\n@0000000183C8${SHORT};\n<016CE3671C7413${LONG};\n*0000;\n${SHORT}\n%00000000E1AE${SHORT};`;
    const data = bytesOf(text);
    const whole = parseChunks(new AvrParser(), [data]);
    const bytewise = parseChunks(new AvrParser(), Array.from(data, (_, i) => data.subarray(i, i + 1)));
    expect(bytewise).toEqual(whole);
    const random = seededRandom(7);
    for (let round = 0; round < 50; round++) {
      expect(parseChunks(new AvrParser(), randomChunks(data, random, 9))).toEqual(whole);
    }
    expect(whole.frames).toHaveLength(5);
  });
});

describe('writeAvr', () => {
  it('writes the *, @ and < forms in upper case', () => {
    const bytes = Uint8Array.from(Buffer.from(SHORT, 'hex'));
    expect(writeAvr(bytes)).toBe(`*${SHORT};\n`);
    expect(writeAvr(bytes, { timestamp12: 0x1a2b3c4d5e6f })).toBe(`@1A2B3C4D5E6F${SHORT};\n`);
    expect(writeAvr(bytes, { timestamp12: 0x1a, signal: 0x1a })).toBe(`<00000000001A1A${SHORT};\n`);
  });

  it('round-trips through the parser, including 0x1a and 0xFF bytes and the largest counter', () => {
    const random = seededRandom(11);
    let text = '';
    const expected: { hex: string; timestamp12: number; signal: number }[] = [];
    for (let i = 0; i < 200; i++) {
      const bytes = new Uint8Array(i % 2 === 0 ? 14 : 7).map(() => (random() < 0.3 ? 0x1a : Math.floor(random() * 256)));
      const form = i % 3;
      const timestamp12 = form === 0 ? NaN : i === 1 ? 0xffffffffffff : Math.floor(random() * 2 ** 48);
      const signal = form === 2 ? Math.floor(random() * 256) : -1;
      text += writeAvr(bytes, { timestamp12, signal });
      expected.push({ hex: Buffer.from(bytes).toString('hex').toUpperCase(), timestamp12, signal });
    }
    const { frames } = parseChunks(new AvrParser(), [bytesOf(text)]);
    expect(frames.map(({ hex, timestamp12, signal }) => ({ hex, timestamp12, signal }))).toEqual(expected);
  });
});

describeShared('AvrParser on dump1090 output', ['derived/antirez__dump1090/modes1.bin.raw.avr.txt', 'derived/MalcolmRobb__dump1090/modes1.bin.mlat.avr.txt'], () => {
  it('reads all 217 lines of antirez --raw output', () => {
    const data = readShared('derived/antirez__dump1090/modes1.bin.raw.avr.txt');
    const parser = new AvrParser();
    const { frames, tail } = parseChunks(parser, [data]);
    expect(frames).toHaveLength(217);
    expect(frames[0].hex).toBe('8F4D2023587F345E35837E2218B2');
    expect(parser.stats).toMatchObject({ frames: 217, garbage: 0, heartbeats: 0, modeac: 0 });
    expect(tail).toBe(0);
  });

  it('reads every line of MalcolmRobb --mlat output with its 12 MHz counter', () => {
    const data = readShared('derived/MalcolmRobb__dump1090/modes1.bin.mlat.avr.txt');
    const lines = data.toString('latin1').split('\n').filter((l) => l.trim() !== '');
    const parser = new AvrParser();
    const { frames } = parseChunks(parser, randomChunks(data, seededRandom(3), 64));
    expect(frames).toHaveLength(lines.length);
    expect(parser.stats.garbage).toBe(0);
    frames.forEach((f, i) => {
      expect(f.timestamp12).toBe(parseInt(lines[i].slice(1, 13), 16));
      expect(f.hex).toBe(lines[i].slice(13, -1).toUpperCase());
    });
  });
});
