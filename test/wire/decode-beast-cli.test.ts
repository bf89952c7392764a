// `skyledger decode` on the real Beast capture: the format is detected from the bytes (the file's
// `.log` name says nothing), every accepted frame matches the published dump1090 decode, and the
// RSSI and 12 MHz timestamp the Beast stream carries are printed.
import { expect, it } from 'vitest';
import { decodeInProcess, runSkyledger } from '../cli/run-decode.ts';
import { describeShared, readShared, sharedPath } from '../helpers/shared.ts';

const CAPTURE = 'denzen84__beastblackbox/example/ulss7-beast-bin-utc--1522782148.136310917--.log';
const EXTRACT = 'denzen84__beastblackbox/example/beast_extract_71be34.log';
const PUBLISHED = 'derived/denzen84__beastblackbox/beast_decoded_dump1090.jsonl';
const ICAOS = 'denzen84__beastblackbox/example/ICAOs.txt';

interface Published {
  raw: string;
  rssi_dbfs: number;
  time_us: number;
  norm: { icao?: string; callsign?: string };
}

describeShared('skyledger decode on the beastblackbox Beast capture', [CAPTURE, EXTRACT, PUBLISHED, ICAOS], () => {
  it('given the capture without --format, when decoded, then every published frame comes out with its RSSI and timestamp', async () => {
    const { records, stderr, code } = await runSkyledger(['decode', sharedPath(CAPTURE)]);
    expect(code).toBe(0);
    const published = readShared(PUBLISHED).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as Published);
    // 13,954 Beast frames: 5,026 Mode A/C and the 6 unvalidated replies dump1090 warned about are rejected
    expect(stderr).toContain(`decoded ${published.length} frames, rejected 5032`);
    expect(stderr).toMatch(/rejected mode_ac: 5026\n/);
    expect(stderr).toMatch(/parser garbage: 0\n/);
    expect(records).toHaveLength(published.length);
    records.forEach((r, i) => {
      expect(r.raw).toBe(published[i].raw);
      expect(Math.abs((r.rssi as number) - published[i].rssi_dbfs)).toBeLessThanOrEqual(0.1);
      expect(Math.abs((r.timestamp as number) * 1e6 - published[i].time_us)).toBeLessThan(0.01);
    });
    // the ICAOs of --only-find-icaos, and the callsigns the published decode printed
    const icaos = readShared(ICAOS).toString('latin1').match(/\b[0-9A-F]{6}\b/g) ?? [];
    expect(icaos).toHaveLength(11);
    expect(new Set(records.map((r) => r.icao))).toEqual(new Set(icaos));
    const callsigns = (list: { icao?: unknown; callsign?: unknown }[]) =>
      [...new Set(list.filter((x) => typeof x.callsign === 'string').map((x) => `${String(x.icao)} ${String(x.callsign).trim()}`))].sort();
    const printed = callsigns(published.map((p) => p.norm));
    expect(printed).toContain('71BE34 AAR542');
    expect(callsigns(records)).toEqual(printed);
  });

  it('given the 71BE34 extract and --format beast, when decoded, then all 1,004 frames belong to 71BE34', async () => {
    const { records, stderr, code } = await decodeInProcess([readShared(EXTRACT)], { format: 'beast' });
    expect(code).toBe(0);
    expect(records.length + Number(/rejected (\d+)/.exec(stderr)?.[1])).toBe(1_004);
    expect(records.length).toBeGreaterThan(990);
    expect(new Set(records.map((r) => r.icao))).toEqual(new Set(['71BE34']));
    expect(records.every((r) => typeof r.rssi === 'number' && typeof r.timestamp === 'number')).toBe(true);
  });
});

it('skyledger decode refuses input whose format it cannot tell', async () => {
  const { code, stderr } = await decodeInProcess([Buffer.from('hello world\n')]);
  expect(code).toBe(2);
  expect(stderr).toContain('--format');
});
