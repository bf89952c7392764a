// `skyledger decode --format iq --rate R FILE`: the demodulator is the framing, the decoder does the rest.
import { describe, expect, it } from 'vitest';
import { decodeInProcess } from '../cli/run-decode.ts';
import { describeShared, readShared } from '../helpers/shared.ts';
import { makeCapture } from './capture.ts';

async function decode(bytes: Uint8Array, rate: number): Promise<{ code: number | null; records: Array<Record<string, unknown>>; err: string }> {
  const chunks = [];
  for (let at = 0; at < bytes.length; at += 65_537) chunks.push(Buffer.from(bytes.subarray(at, at + 65_537)));
  const { code, records, stderr } = await decodeInProcess(chunks, { format: 'iq', rate });
  return { code, records, err: stderr };
}

describeShared('skyledger decode --format iq --rate 2000000 modes1.bin', ['antirez__dump1090/testfiles/modes1.bin'], () => {
  it('prints the frames of AMC421 / 4D2023 and says which demodulator ran', async () => {
    const { code, records, err } = await decode(readShared('antirez__dump1090/testfiles/modes1.bin'), 2_000_000);
    expect(code).toBe(0);
    expect(err).toMatch(/IQ demodulator: (native|typescript)/);
    expect(err).toMatch(/iq samples: 356868/);
    expect(records.length).toBeGreaterThanOrEqual(217);
    expect(records.every((r) => r.icao === '4D2023')).toBe(true);
    expect(records.some((r) => r.callsign === 'AMC421')).toBe(true);
    expect(records.every((r) => typeof r.rssi === 'number' && typeof r.timestamp === 'number')).toBe(true);
  });
});

describe('skyledger decode --format iq on the modulator’s 2.4 MSPS capture', () => {
  it('decodes the frames at 2400000 and refuses an unsupported rate with a clear message', async () => {
    const capture = makeCapture(2_400_000, 25, 31, 60);
    const good = await decode(capture.iq, 2_400_000);
    expect(good.code).toBe(0);
    expect(good.records.length).toBeGreaterThanOrEqual(58);
    const bad = await decode(capture.iq, 1_000_000);
    expect(bad.code).toBe(2);
    expect(bad.records).toEqual([]);
    expect(bad.err).toContain('unsupported IQ sample rate 1000000; use --rate 2400000 or --rate 2000000');
  });

  it('reports an odd trailing byte instead of failing', async () => {
    const capture = makeCapture(2_400_000, 25, 32, 10);
    const odd = new Uint8Array(capture.iq.length + 1);
    odd.set(capture.iq);
    const { code, err } = await decode(odd, 2_400_000);
    expect(code).toBe(0);
    expect(err).toContain('iq odd trailing byte: 1');
  });
});
