import { describe, expect, it } from 'vitest';
import { detectFormat, formatFromName } from '../../src/wire/detect-format.ts';
import { writeBeast } from '../../src/wire/beast.ts';
import { describeShared, readShared } from '../helpers/shared.ts';
import { bytesOf, seededRandom } from './collect.ts';

const SHORT = Uint8Array.from(Buffer.from('5D4D20237A55A6', 'hex'));

describe('detectFormat', () => {
  it('recognises each format from its first bytes', () => {
    expect(detectFormat(writeBeast(SHORT, 12345, 40))).toBe('beast');
    expect(detectFormat(bytesOf('*5D4D20237A55A6;\n'))).toBe('avr');
    expect(detectFormat(bytesOf('\r\n@0000000183C85D4D20237A55A6;\n'))).toBe('avr');
    expect(detectFormat(bytesOf('5d4d20237a55a6\n8D4840D6202CC371C32CE0576098\n'))).toBe('avr');
    expect(detectFormat(bytesOf('{"specversion":"1.0","type":"org.skyledger.aircraft_identified.v1"}\n'))).toBe('ndjson');
    expect(detectFormat(bytesOf('\uFEFF{"a":1}\n'))).toBe('ndjson');
    expect(detectFormat(bytesOf('MSG,8,1,1,400159,1,2018/04/03,19:02:28.136,2018/04/10,21:24:39.436,,,,,,,,,,,,\r\n'))).toBe('sbs');
  });

  it('finds Beast in a stream joined mid-frame', () => {
    const stream = Buffer.concat([writeBeast(SHORT, 1, 2).subarray(5), writeBeast(SHORT, 3, 4), writeBeast(SHORT, 5, 6)]);
    expect(detectFormat(stream)).toBe('beast');
  });

  it('falls back to the file name when the content does not settle it', () => {
    const random = seededRandom(9);
    const iq = new Uint8Array(512).map(() => 127 + Math.round((random() - 0.5) * 20));
    expect(detectFormat(iq)).toBeUndefined();
    expect(detectFormat(iq, '/captures/modes1.bin')).toBe('iq');
    expect(detectFormat(new Uint8Array(0), 'feed.sbs')).toBe('sbs');
    expect(detectFormat(bytesOf('hello world\n'), 'x.txt')).toBeUndefined();
    // content wins over a misleading name
    expect(detectFormat(bytesOf('*5D4D20237A55A6;\n'), 'capture.beast')).toBe('avr');
  });

  it('reads compound names from the last dotted part back', () => {
    expect(formatFromName('derived/modes1.bin.raw.avr.txt')).toBe('avr');
    expect(formatFromName('log.JSONL')).toBe('ndjson');
    expect(formatFromName('C:\\caps\\a.cu8')).toBe('iq');
    expect(formatFromName('capture.log')).toBeUndefined();
  });
});

describeShared('detectFormat on real files', [
  'denzen84__beastblackbox/example/ulss7-beast-bin-utc--1522782148.136310917--.log',
  'denzen84__beastblackbox/example/beast_decoded_sbs.txt',
  'derived/MalcolmRobb__dump1090/modes1.bin.mlat.avr.txt',
  'derived/denzen84__beastblackbox/beast_decoded_dump1090.jsonl',
], () => {
  it('tells them apart by content alone', () => {
    const head = (p: string) => readShared(p).subarray(0, 512);
    expect(detectFormat(head('denzen84__beastblackbox/example/ulss7-beast-bin-utc--1522782148.136310917--.log'))).toBe('beast');
    expect(detectFormat(head('denzen84__beastblackbox/example/beast_decoded_sbs.txt'))).toBe('sbs');
    expect(detectFormat(head('derived/MalcolmRobb__dump1090/modes1.bin.mlat.avr.txt'))).toBe('avr');
    expect(detectFormat(head('derived/denzen84__beastblackbox/beast_decoded_dump1090.jsonl'))).toBe('ndjson');
  });
});
