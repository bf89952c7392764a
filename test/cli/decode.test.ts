// `skyledger decode`: AVR text in (every lead character, LF and CRLF), JSON lines and a reject
// summary out. One test runs the real entry point as a process; the rest call the command's runner.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDecode } from '../../src/cli/commands/decode.ts';
import { bytesToHex } from '../../src/modes/message.ts';
import { REPO } from '../helpers/shared.ts';
import { addressParity, allCall, extendedSquitter, flipBit } from '../modes/frames.ts';
import { decodeInProcess, runSkyledger, type DecodeOutput } from './run-decode.ts';

const ICAO = 0xabc123;
const ident = extendedSquitter(ICAO, [[1, 5, 4], [6, 3, 2], [9, 6, 11], [15, 6, 12], [21, 6, 13], [27, 6, 49], [33, 6, 32], [39, 6, 32], [45, 6, 32], [51, 6, 32]]); // "KLM1    "
const velocity = extendedSquitter(ICAO, [[1, 5, 19], [6, 3, 1], [15, 10, 101], [26, 10, 101], [36, 1, 1], [38, 9, 11]]);
const df4 = addressParity(4, ICAO, [[20, 13, 0x10 | 8]]);
const hex = bytesToHex;

function sampleLines(): string[] {
  return [
    `*${hex(ident)};`,
    `@0000000C0000${hex(velocity)};`, // 12 MHz counter 0xC0000
    `%000000000001${hex(allCall(ICAO))};`,
    `<0000000000FF80${hex(df4)};`,
    `:${hex(flipBit(ident, 70))};`,
    hex(velocity), // bare hex line
    '*7700;', // Mode A/C
    `*${hex(flipBit(flipBit(flipBit(velocity, 40), 60), 80))};`, // 3 bits: CRC fails
    `*${hex(addressParity(4, 0x999999, [[20, 13, 0x18]]))};`, // unknown address
    '*ZZZZ;', // garbage
  ];
}

function decodeText(text: string): Promise<DecodeOutput> {
  return decodeInProcess([Buffer.from(text)]);
}

describe('skyledger decode', () => {
  for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n']] as const) {
    it(`given AVR lines with every lead character and ${name} endings, when decoded, then one JSON object per accepted frame`, async () => {
      const { records, stderr, code } = await decodeText(sampleLines().join(eol) + eol);
      expect(code).toBe(0);
      expect(records.map((r) => r.df)).toEqual([17, 17, 11, 4, 17, 17]);
      expect(records[0]).toMatchObject({ raw: hex(ident), df: 17, icao: 'ABC123', crc_ok: true, corrected_bits: 0, tc: 4, callsign: 'KLM1', category: 'A2' });
      expect(records[0].timestamp).toBeUndefined();
      expect(records[1]).toMatchObject({ tc: 19, vertical_rate: 640, vertical_rate_source: 'barometric', timestamp: 0xc0000 / 12e6 });
      expect(records[2]).toMatchObject({ df: 11, timestamp: 1 / 12e6 });
      expect(records[3]).toMatchObject({ df: 4, icao: 'ABC123', altitude: -800, timestamp: 0xff / 12e6 });
      expect(records[4]).toMatchObject({ raw: hex(ident), corrected_bits: 1 });
      expect(records[5].timestamp).toBeUndefined();
      expect(stderr).toContain('decoded 6 frames, rejected 3');
      expect(stderr).toMatch(/rejected mode_ac: 1\n/);
      expect(stderr).toMatch(/rejected crc_failed: 1\n/);
      expect(stderr).toMatch(/rejected unknown_icao: 1\n/);
      expect(stderr).toMatch(/corrected 1 bit: 1\n/);
      expect(stderr).toMatch(/parser garbage: 1\n/);
    });
  }

  it('given a record, when printed, then its keys come in the documented order', async () => {
    const { records } = await decodeText(`@0000000C0000${hex(velocity)};\n`);
    const keys = Object.keys(records[0]);
    const order = ['raw', 'df', 'icao', 'crc_ok', 'corrected_bits', 'tc', 'on_ground', 'ground_speed', 'heading', 'vertical_rate', 'vertical_rate_source', 'timestamp'];
    expect(keys.filter((k) => order.includes(k))).toEqual(order);
  });

  it('given the bundled fixtures/sample.avr, when decoded, then three aircraft with callsigns, global positions and the 7700 emergency', async () => {
    const { records, stderr, code } = await decodeText(readFileSync(path.join(REPO, 'fixtures/sample.avr'), 'utf8'));
    expect(code).toBe(0);
    const callsigns = new Set(records.filter((r) => r.callsign !== undefined).map((r) => `${r.icao}:${r.callsign}`));
    expect(callsigns).toEqual(new Set(['4B1A2C:SKY101', '3C6DD4:LDG42', '400A1B:MED7']));
    const positioned = records.filter((r) => r.latitude !== undefined);
    expect(positioned.length).toBeGreaterThan(100);
    for (const r of positioned) {
      expect(Math.abs((r.latitude as number) - 47.5)).toBeLessThan(1);
      expect(Math.abs((r.longitude as number) - 8.5)).toBeLessThan(1);
    }
    expect(records.some((r) => r.icao === '400A1B' && r.squawk === '7700' && r.emergency === 'general')).toBe(true);
    expect(stderr).toMatch(/rejected crc_failed: 1\n/);
    expect(stderr).toMatch(/corrected 1 bit: 1\n/);
  });

  it('given a reader that closes the output early (| head), when decoding, then it stops quietly with exit 0', async () => {
    const out = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const chunks = Array.from({ length: 50 }, () => Buffer.from(`${sampleLines().join('\n')}\n`));
    const code = await runDecode(Readable.from(chunks), out, new PassThrough(), { format: 'avr' });
    expect(code).toBe(0);
  });

  it('given an unknown format, when run, then it exits 2 and says which formats exist', async () => {
    const { code, stderr } = await decodeInProcess([], { format: 'nope' });
    expect(code).toBe(2);
    expect(stderr).toContain('unknown format "nope"');
  });

  it('given AVR on stdin, when the real skyledger entry point runs decode -, then it prints the JSON lines and the summary', async () => {
    const { code, stderr, records: lines } = await runSkyledger(['decode', '-'], sampleLines().join('\r\n'));
    expect(code).toBe(0);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatchObject({ icao: 'ABC123', callsign: 'KLM1' });
    expect(stderr).toContain('rejected mode_ac: 1');
  });

  it('given a receiver position and range on the command line, when the real entry point decodes the sample file, then single frames resolve locally too', async () => {
    const args = ['decode', 'fixtures/sample.avr', '--lat', '47.45', '--lon', '8.55', '--max-range', '200', '--fix-two-bits'];
    const { code, stderr, records } = await runSkyledger(args);
    expect(code).toBe(0);
    const first = records.find((r) => r.cpr_format !== undefined);
    expect(first).toMatchObject({ position_decoding: 'local' });
    expect(stderr).toMatch(/cpr local_ok: \d+/);
    expect(stderr).not.toContain('local_no_reference');
  });
});
