import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { fileFrameSource } from '../../src/sources/file.ts';
import type { FrameBatch } from '../../src/sources/frame-batch.ts';
import { writeAvr } from '../../src/wire/avr.ts';
import { writeBeast } from '../../src/wire/beast.ts';
import { describeShared, sharedPath } from '../helpers/shared.ts';
import { df17Frames, hex } from './frames.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-file-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Seen {
  hexes: string[];
  times: number[];
  timestamps: number[];
}

async function readAll(source: AsyncIterable<FrameBatch>): Promise<Seen> {
  const seen: Seen = { hexes: [], times: [], timestamps: [] };
  for await (const batch of source) {
    for (let i = 0; i < batch.length; i++) {
      seen.hexes.push(hex(batch.bytesOf(i)));
      seen.times.push(batch.receivedAt[i]);
      seen.timestamps.push(batch.timestamp12[i]);
    }
  }
  return seen;
}

function beastFile(name: string, frames: Uint8Array[], timestamps: number[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.concat(frames.map((f, i) => writeBeast(f, timestamps[i], 100))));
  return file;
}

const CAPTURE = 'denzen84__beastblackbox/example/ulss7-beast-bin-utc--1522782148.136310917--.log';

describeShared('file source on the beastblackbox capture', [CAPTURE], () => {
  it('reads every Mode S frame, stamped from the name and the 12 MHz counter', async () => {
    // given the real capture (13,954 frames, 5,026 of them Mode A/C) with its UNIX time in the name
    const source = fileFrameSource(sharedPath(CAPTURE));
    // when it is read as fast as possible
    const seen = await readAll(source);
    // then the 8,928 Mode S frames arrive, sniffed as Beast, times anchored at the name's time
    expect(source.format).toBe('beast');
    expect(source.startTimeOrigin).toBe('file-name');
    expect(seen.hexes.length).toBe(4942 + 3986);
    expect(source.status.reasons.modeac).toBe(5026);
    expect(seen.times[0]).toBeCloseTo(1522782148136.31, 1);
    for (let i = 1; i < seen.times.length; i++) expect(seen.times[i]).toBeGreaterThanOrEqual(seen.times[i - 1]);
    // the capture repeats every block, so its counter goes backwards; time does not
    expect(source.status.reasons.timestamp_backwards).toBeGreaterThan(0);
    expect(source.status.reasons.truncated_frame).toBeUndefined();
    expect(source.status.state).toBe('closed');
  });

  it('reads the gzip’d capture to the same frames, whatever its name', async () => {
    // given the capture gzip'd under a name without .gz
    const plain = await readAll(fileFrameSource(sharedPath(CAPTURE)));
    const gz = path.join(dir, 'capture-1522782148.bin.log');
    writeFileSync(gz, gzipSync(readFileSync(sharedPath(CAPTURE))));
    // when it is read
    const source = fileFrameSource(gz);
    const seen = await readAll(source);
    // then the magic bytes were noticed and the frames and times are identical
    expect(source.bytes.gzip).toBe(true);
    expect(seen.hexes).toEqual(plain.hexes);
    expect(seen.timestamps).toEqual(plain.timestamps);
  });
});

describe('file source', () => {
  it('reads an AVR file with counters, format from the extension', async () => {
    // given an .avr file with @-timestamped lines, 1 s apart, and an explicit start time
    const frames = df17Frames(5);
    const file = path.join(dir, 'five.avr');
    writeFileSync(file, frames.map((f, i) => writeAvr(f, { timestamp12: 1000 + i * 12e6 })).join(''));
    // when it is read
    const source = fileFrameSource(file, { startTime: Date.UTC(2024, 0, 1) });
    const seen = await readAll(source);
    // then every frame arrives with its time = start + counter delta
    expect(source.format).toBe('avr');
    expect(seen.hexes).toEqual(frames.map(hex));
    expect(seen.times).toEqual([0, 1, 2, 3, 4].map((s) => Date.UTC(2024, 0, 1) + s * 1000));
  });

  it('reads NDJSON frame lines, gzip’d, skipping lines that carry no frame', async () => {
    // given a gzip'd .ndjson file: 3 frame objects with counters, one CloudEvent, one broken line
    const frames = df17Frames(3);
    const lines = [
      JSON.stringify({ raw: hex(frames[0]), timestamp12: 0, signal: 90 }),
      JSON.stringify({ specversion: '1.0', type: 'org.skyledger.position_reported.v1' }),
      JSON.stringify({ raw: hex(frames[1]), timestamp12: 12e6 }),
      '{"raw": "8D',
      JSON.stringify({ hex: `*${hex(frames[2])};`, timestamp12: 24e6 }),
    ];
    const file = path.join(dir, 'frames.ndjson.gz');
    writeFileSync(file, gzipSync(Buffer.from(lines.join('\n') + '\n')));
    // when it is read
    const source = fileFrameSource(file, { startTime: 0 });
    const seen = await readAll(source);
    // then the three frames arrive with their times and the two other lines are counted garbage
    expect(source.format).toBe('ndjson');
    expect(seen.hexes).toEqual(frames.map(hex));
    expect(seen.times).toEqual([0, 1000, 2000]);
    expect(source.status.reasons.garbage).toBe(2);
  });

  it('falls back to the file’s modification time for the start', async () => {
    // given a capture whose name has no time
    const file = beastFile('nameless.beast', df17Frames(2), [5, 5 + 6e6]);
    const mtime = new Date(Date.UTC(2023, 5, 1, 12));
    utimesSync(file, mtime, mtime);
    // when it is read
    const source = fileFrameSource(file);
    const seen = await readAll(source);
    // then the times hang off the mtime
    expect(source.startTimeOrigin).toBe('mtime');
    expect(seen.times).toEqual([mtime.getTime(), mtime.getTime() + 500]);
  });

  it('handles a counter wrap, a backwards step and a long jump without stalling', async () => {
    // given counters: near 2^48, wrapped (+1 s), back 0.5 s, +1 s, then a one-hour jump
    const wrap = 2 ** 48;
    const ts = [wrap - 6e6, 6e6, 0, 18e6, 18e6 + 3600 * 12e6];
    const file = beastFile('wrap.beast', df17Frames(5), ts);
    // when it is read
    const source = fileFrameSource(file, { startTime: 0 });
    const seen = await readAll(source);
    // then time advances 1 s over the wrap, holds on the backwards frame, and the jump counts 5 s at most
    expect(seen.times).toEqual([0, 1000, 1000, 2000, 7000]);
    expect(source.status.reasons.timestamp_backwards).toBe(1);
    expect(source.status.reasons.timestamp_jump).toBe(1);
  });

  it('paces speed=1 by the capture counter, and speed=N faster', async () => {
    // given a capture of 4 frames 100 ms apart
    const file = beastFile('paced.beast', df17Frames(4), [0, 1.2e6, 2.4e6, 3.6e6].map((t) => t + 12));
    const timed = async (speed: number): Promise<{ elapsed: number; arrivals: number[]; hexes: string[] }> => {
      const start = performance.now();
      const arrivals: number[] = [];
      const hexes: string[] = [];
      for await (const batch of fileFrameSource(file, { speed, startTime: 0 })) {
        for (let i = 0; i < batch.length; i++) {
          arrivals.push(performance.now() - start);
          hexes.push(hex(batch.bytesOf(i)));
        }
      }
      return { elapsed: performance.now() - start, arrivals, hexes };
    };
    // when it is replayed at speed 1 and at speed 10
    const real = await timed(1);
    const fast = await timed(10);
    // then both deliver all frames in order; real time takes about the capture's 300 ms, not zero
    expect(real.hexes).toEqual(df17Frames(4).map(hex));
    expect(fast.hexes).toEqual(real.hexes);
    expect(real.elapsed).toBeGreaterThan(250);
    expect(real.arrivals[3] - real.arrivals[0]).toBeGreaterThan(250);
    expect(fast.elapsed).toBeLessThan(real.elapsed);
  });

  it('reports a file that ends inside a frame', async () => {
    // given a Beast file whose last frame is cut in half
    const frames = df17Frames(3);
    const bytes = Buffer.concat(frames.map((f) => writeBeast(f, 1, 100)));
    const file = path.join(dir, 'cut.beast');
    writeFileSync(file, bytes.subarray(0, bytes.length - 10));
    // when it is read
    const source = fileFrameSource(file);
    const seen = await readAll(source);
    // then the whole frames arrive and the truncation is a counted reason with a message
    expect(seen.hexes).toEqual(frames.slice(0, 2).map(hex));
    expect(source.status.reasons.truncated_frame).toBe(1);
    expect(source.status.lastError).toMatch(/inside a frame/);
  });

  it('reports a truncated gzip stream', async () => {
    // given a gzip'd AVR file cut short
    const text = df17Frames(200).map((f) => writeAvr(f)).join('');
    const gz = gzipSync(Buffer.from(text));
    const file = path.join(dir, 'cut.avr.gz');
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length / 2)));
    // when it is read
    const source = fileFrameSource(file);
    const seen = await readAll(source);
    // then the frames before the cut arrive and the truncation is reported
    expect(seen.hexes.length).toBeGreaterThan(0);
    expect(seen.hexes.length).toBeLessThan(200);
    expect(source.status.reasons.truncated_gzip).toBe(1);
    expect(source.status.errors).toBe(1);
  });

  it('reports a missing file as an error, not an exception', async () => {
    const source = fileFrameSource(path.join(dir, 'no-such-file.beast'), { startTime: 0 });
    const seen = await readAll(source);
    expect(seen.hexes).toEqual([]);
    expect(source.status.reasons.open_failed).toBe(1);
    expect(source.status.lastError).toMatch(/ENOENT/);
    expect(source.status.state).toBe('closed');
  });

  it('loops a file when asked, with time continuing across passes', async () => {
    // given a 2-frame capture 1 s long, looped
    const file = beastFile('loop.beast', df17Frames(2), [0, 12e6]);
    const source = fileFrameSource(file, { loop: true, startTime: 0 });
    const times: number[] = [];
    for await (const batch of source) {
      for (let i = 0; i < batch.length; i++) times.push(batch.receivedAt[i]);
      if (times.length >= 6) break;
    }
    // then it keeps coming, and time never runs backwards
    expect(times.length).toBe(6);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
    expect(source.status.state).toBe('closed');
  });
});
