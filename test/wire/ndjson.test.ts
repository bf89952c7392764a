import { describe, expect, it } from 'vitest';
import { NdjsonParser, writeNdjson, type NdjsonMalformedReason } from '../../src/wire/ndjson.ts';
import { describeShared, readShared } from '../helpers/shared.ts';
import { bytesOf, randomChunks, seededRandom } from './collect.ts';

function parseAll(chunks: Uint8Array[], maxLineBytes?: number) {
  const problems: [number, NdjsonMalformedReason][] = [];
  const parser = new NdjsonParser({ maxLineBytes, onMalformed: (line, reason) => problems.push([line, reason]) });
  const values: [unknown, number][] = [];
  const sink = (v: unknown, line: number): void => {
    values.push([v, line]);
  };
  for (const c of chunks) parser.push(c, sink);
  const tail = parser.end(sink);
  return { values, problems, stats: parser.stats, tail };
}

const EVENT = {
  specversion: '1.0', type: 'org.skyledger.aircraft_identified.v1', source: '/receivers/home', subject: '4D2023',
  id: '3f1b9c2e-0000-5000-8000-000000000000', time: '2026-11-26T04:00:00.000000Z', datacontenttype: 'application/json',
  data: { icao_address: '4D2023', callsign: 'AMC421 ✈', emitter_category: 'A3' },
};

describe('NdjsonParser', () => {
  it('yields one value per line with its line number, skipping blank lines and CRLF', () => {
    const text = `${writeNdjson(EVENT)}\r\n${writeNdjson([1, 2])}  \n${writeNdjson('x').trimEnd()}\r\n`;
    const { values, stats } = parseAll([bytesOf(text)]);
    expect(values).toEqual([[EVENT, 1], [[1, 2], 3], ['x', 5]]);
    expect(stats).toMatchObject({ values: 3, blank: 2, malformed: 0, lines: 5 });
  });

  it('counts malformed JSON, bad UTF-8 and over-long lines with their line numbers and carries on', () => {
    const parts = [bytesOf('{"a":1}\n{"a":\n'), Uint8Array.of(0x22, 0xc3, 0x28, 0x22, 0x0a), bytesOf(`"${'y'.repeat(200)}"\n[true]\n`)];
    const { values, problems, stats } = parseAll(parts, 100);
    expect(values).toEqual([[{ a: 1 }, 1], [[true], 5]]);
    expect(problems).toEqual([[2, 'json'], [3, 'encoding'], [4, 'too-long']]);
    expect(stats).toMatchObject({ malformed: 3, lastMalformedLine: 4 });
  });

  it('bounds a line that never ends', () => {
    const parser = new NdjsonParser({ maxLineBytes: 1000 });
    const chunk = bytesOf('9'.repeat(4096));
    for (let i = 0; i < 1000; i++) parser.push(chunk, () => undefined);
    parser.push(bytesOf('\n{"ok":true}\n'), () => undefined);
    expect(parser.stats).toMatchObject({ values: 1, malformed: 1, lastMalformedLine: 1 });
  });

  it('parses a last line without a newline at end(), and reports an unusable tail', () => {
    expect(parseAll([bytesOf('1\n2')]).values).toEqual([[1, 1], [2, 2]]);
    const cut = parseAll([bytesOf('1\n{"a":')]);
    expect(cut.tail).toBe(5);
    expect(cut.stats.malformed).toBe(1);
  });

  it('gives the same values in any split, including inside multi-byte characters', () => {
    const data = bytesOf(Array.from({ length: 50 }, (_, i) => writeNdjson({ ...EVENT, n: i, note: 'ÄÖÜ ✈ 𝄞' })).join(''));
    const whole = parseAll([data]);
    expect(whole.values).toHaveLength(50);
    expect(parseAll(randomChunks(data, seededRandom(1), 1)).values).toEqual(whole.values);
    expect(parseAll(randomChunks(data, seededRandom(2), 40)).values).toEqual(whole.values);
  });
});

describeShared('NdjsonParser on a real JSONL file', ['derived/denzen84__beastblackbox/beast_decoded_dump1090.jsonl'], () => {
  it('reads all 8,922 published decode blocks in 4 KiB chunks', () => {
    const data = readShared('derived/denzen84__beastblackbox/beast_decoded_dump1090.jsonl');
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < data.length; at += 4096) chunks.push(data.subarray(at, at + 4096));
    const { values, stats } = parseAll(chunks);
    expect(values).toHaveLength(8_922);
    expect((values[8_921][0] as { frame_index: number }).frame_index).toBeGreaterThan(13_000);
    expect(stats.malformed).toBe(0);
  });
});
