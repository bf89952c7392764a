import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
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
