import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openSource } from '../../src/sources/open-source.ts';
import { SourceUriError } from '../../src/sources/uri.ts';
import { writeBeast } from '../../src/wire/beast.ts';
import { parseSbsLine } from '../../src/wire/sbs.ts';
import type { SbsObservation } from '../../src/wire/sbs.ts';
import type { FrameBatch } from '../../src/sources/frame-batch.ts';
import { df17Frames, hex } from './frames.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-open-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SBS_LINES = [
  'MSG,1,1,1,4CA2D6,1,2018/04/03,10:00:00.000,2018/04/03,10:00:00.000,RYR1AB  ,,,,,,,,,,,0\r\n',
  'MSG,3,1,1,4CA2D6,1,2018/04/03,10:00:00.100,2018/04/03,10:00:00.100,,37000,,,53.12345,-6.54321,,,0,0,0,0\r\n',
  'MSG,4,1,1,4CA2D6,1,2018/04/03,10:00:00.200,2018/04/03,10:00:00.200,,,450,271,,,-64,,0,0,0,0\r\n',
];

describe('openSource', () => {
  it('opens a file URI as a frame source', async () => {
    // given a Beast capture
    const frames = df17Frames(3);
    const file = path.join(dir, 'three.beast');
    writeFileSync(file, Buffer.concat(frames.map((f, i) => writeBeast(f, i * 12e6, 50))));
    // when opened by URI with an explicit start
    const opened = openSource(`file://${file}?start=1700000000`);
    expect(opened.kind).toBe('frames');
    const seen: string[] = [];
    const times: number[] = [];
    for await (const batch of opened.source as AsyncIterable<FrameBatch>) {
      for (let i = 0; i < batch.length; i++) {
        seen.push(hex(batch.bytesOf(i)));
        times.push(batch.receivedAt[i]);
      }
    }
    // then the frames and capture-derived times come through
    expect(seen).toEqual(frames.map(hex));
    expect(times).toEqual([1700000000000, 1700000001000, 1700000002000]);
    expect(opened.source.status.uri).toBe(`file://${file}?start=1700000000`);
  });

  it('opens a .bin file as frames when its content is Beast, and as IQ otherwise', () => {
    // given a Beast capture and an IQ capture, both named .bin
    const beastBin = path.join(dir, 'beast-capture.bin');
    writeFileSync(beastBin, Buffer.concat(df17Frames(5).map((f) => writeBeast(f, 1, 50))));
    const iqBin = path.join(dir, 'iq-capture.bin');
    writeFileSync(iqBin, Buffer.from([127, 128, 126, 129, 0, 255, 127, 127]));
    // when opened by URI without a format
    const beast = openSource(`file://${beastBin}`);
    const iq = openSource(`file://${iqBin}`);
    // then the content decides; an explicit rate keeps a file IQ regardless
    expect(beast.kind).toBe('frames');
    expect(iq.kind).toBe('iq');
    expect(openSource(`file://${beastBin}?rate=2000000`).kind).toBe('iq');
    void beast.source.close();
    void iq.source.close();
  });

  it('loops the bundled demo capture, stamped from now', async () => {
    // given the repository's demo capture
    const before = Date.now();
    const opened = openSource('demo?speed=max');
    expect(opened.kind).toBe('frames');
    let n = 0;
    let first = 0;
    for await (const batch of opened.source as AsyncIterable<FrameBatch>) {
      if (n === 0) first = batch.receivedAt[0];
      n += batch.length;
      if (n > 1000) break;
    }
    // then it keeps producing beyond one pass, with reception times from now on
    expect(n).toBeGreaterThan(1000);
    expect(first).toBeGreaterThanOrEqual(before);
    expect(opened.source.status.state).toBe('closed');
  });

  it('throws a URI error for a bad URI before opening anything', () => {
    expect(() => openSource('beast://host:0')).toThrow(SourceUriError);
  });

  it('opens sbs:// as a stream of SBS observations from a TCP server', async () => {
    // given a server speaking port-30003 CSV, the last line cut short
    const server = net.createServer((s) => {
      s.on('error', () => {});
      s.end(SBS_LINES.join('') + '\r\n' + 'MSG,3,1,1,4CA2');
      server.close();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const opened = openSource(`sbs://127.0.0.1:${port}`);
      expect(opened.kind).toBe('sbs');
      const seen: SbsObservation[] = [];
      const consumer = (async () => {
        for await (const batch of opened.source as AsyncIterable<SbsObservation[]>) seen.push(...batch);
      })();
      await vi.waitFor(() => expect(opened.source.status.reasons.truncated_line).toBe(1));
      await opened.source.close();
      await consumer;
      // then the three observations arrive parsed, the heartbeat and the cut line are counted
      expect(seen).toEqual(SBS_LINES.map((l) => parseSbsLine(l.trimEnd())));
      expect(opened.source.status.reasons.heartbeat).toBe(1);
    } finally {
      server.close();
    }
  });
});
