import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ParsedFrameSource } from '../../src/sources/parsed-frame-source.ts';
import type { FrameParser } from '../../src/wire/raw-frame.ts';
import { iqFileSource } from '../../src/sources/iq-file.ts';
import { describeShared, readShared, sharedPath } from '../helpers/shared.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-iq-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MODES1 = 'antirez__dump1090/testfiles/modes1.bin';

async function readAll(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const b of source) {
    expect(b.length % 2).toBe(0);
    pieces.push(Buffer.from(b));
  }
  return Buffer.concat(pieces);
}

describeShared('IQ file source on modes1.bin', [MODES1], () => {
  it('delivers the capture byte for byte in even buffers at the stated rate', async () => {
    // given antirez's 2 MS/s capture, read in odd-sized pieces
    const source = iqFileSource(sharedPath(MODES1), { sampleRate: 2_000_000, highWaterMark: 4095 });
    // when it is read to the end
    const all = await readAll(source);
    // then nothing is lost or reordered
    expect(all.equals(readShared(MODES1))).toBe(true);
    expect(source.sampleRate).toBe(2_000_000);
    expect(source.samples).toBe(356_868);
    expect(source.status.reasons.dangling_iq_byte).toBeUndefined();
  });
});

describe('IQ file source', () => {
  it('drops and counts the dangling I byte of an odd-length file, gzip’d or not', async () => {
    // given a 7-byte capture, plain and gzip'd
    const bytes = Buffer.from([127, 128, 10, 20, 30, 40, 99]);
    const plain = path.join(dir, 'odd.cu8');
    const gz = path.join(dir, 'odd.iq.gz');
    writeFileSync(plain, bytes);
    writeFileSync(gz, gzipSync(bytes));
    for (const file of [plain, gz]) {
      // when each is read
      const source = iqFileSource(file);
      const all = await readAll(source);
      // then three samples arrive and the lone byte is a counted reason
      expect([...all]).toEqual([127, 128, 10, 20, 30, 40]);
      expect(source.status.reasons.dangling_iq_byte).toBe(1);
      expect(source.sampleRate).toBe(2_400_000);
    }
  });

  it('passes each end of the stream on, so a demodulating parser starts afresh', async () => {
    // given a looped 3-sample capture under a frame source whose parser records what it is given
    const file = path.join(dir, 'loop.iq');
    writeFileSync(file, Buffer.from([1, 2, 3, 4, 5, 6]));
    const parsers: Array<{ pushed: number; ended: boolean }> = [];
    const recording = (): FrameParser => {
      const record = { pushed: 0, ended: false };
      parsers.push(record);
      return {
        stats: { frames: 0, modeac: 0, heartbeats: 0, garbage: 0, bytes: 0 },
        push(chunk) {
          record.pushed += chunk.length;
        },
        end() {
          record.ended = true;
          return 0;
        },
      };
    };
    const iq = iqFileSource(file, { loop: true });
    const frames = new ParsedFrameSource(iq, recording);
    const consumer = (async () => {
      for await (const _ of frames) void _;
    })();
    // when three passes have been read
    await vi.waitFor(() => expect(parsers.length).toBeGreaterThanOrEqual(4));
    await frames.close();
    await consumer;
    // then every pass went to its own parser, which was ended at the pass's end
    for (const p of parsers.slice(0, 3)) expect(p).toEqual({ pushed: 6, ended: true });
  });

  it('gives demodulated frames reception times from the capture, not from this machine', async () => {
    // given an IQ capture named with its UNIX time, and a stand-in demodulator that reports one
    // frame per buffer, its 12 MHz counter derived from the sample position
    const file = path.join(dir, 'rtl-1700000000.5.cu8');
    writeFileSync(file, Buffer.alloc(2 * 240_000, 127));
    const iq = iqFileSource(file, { sampleRate: 2_400_000, highWaterMark: 96_000 });
    const demodulator = (): FrameParser => {
      let samples = 0;
      const frame = { bytes: new Uint8Array(7), timestamp12: 0, signal: 10, mlat: false, crcChecked: false };
      return {
        stats: { frames: 0, modeac: 0, heartbeats: 0, garbage: 0, bytes: 0 },
        push(chunk, sink) {
          frame.timestamp12 = samples * 5; // 12 MHz / 2.4 MS/s
          samples += chunk.length / 2;
          sink(frame);
        },
        end: () => 0,
      };
    };
    // when it is demodulated through a frame source using the capture's clock
    const times: number[] = [];
    for await (const batch of new ParsedFrameSource(iq, demodulator, { clock: iq.clock })) times.push(...batch.receivedAt.subarray(0, batch.length));
    // then the frames are 20 ms apart from the time in the name
    expect(iq.startTimeOrigin).toBe('file-name');
    expect(times.map((t) => Math.round(t - 1_700_000_000_500))).toEqual([0, 20, 40, 60, 80]);
  });

  it('paces at N× real time when asked', async () => {
    // given 0.2 s of samples at 100 kS/s
    const file = path.join(dir, 'paced.iq');
    writeFileSync(file, Buffer.alloc(40_000, 127));
    const start = performance.now();
    // when replayed at speed 1 in small reads
    const all = await readAll(iqFileSource(file, { sampleRate: 100_000, speed: 1, highWaterMark: 4000 }));
    // then it takes roughly the capture's duration rather than no time at all
    expect(all.length).toBe(40_000);
    expect(performance.now() - start).toBeGreaterThan(150);
  });
});
