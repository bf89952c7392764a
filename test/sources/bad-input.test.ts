// Random bytes through every source's framing path: nothing throws out of an iterator, nothing is
// left unhandled (vitest fails a run on an unhandled rejection), and the junk shows up as counted
// reasons in the status.
import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openSource } from '../../src/sources/open-source.ts';
import type { FrameBatch } from '../../src/sources/frame-batch.ts';
import type { SourceStatus } from '../../src/sources/source.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Deterministic junk (xorshift32), with extra 0x1a, '*', ';' and newlines so framers get exercised. */
function junk(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  const specials = [0x1a, 0x31, 0x32, 0x33, 0x2a, 0x3b, 0x0a, 0x40, 0x2c];
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = (x & 7) === 0 ? specials[(x >>> 3) % specials.length] : (x >>> 8) & 0xff;
  }
  return out;
}

async function drain(source: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const item of source) {
    if (item instanceof Uint8Array) n += item.length;
    else if (Array.isArray(item)) n += item.length;
    else n += (item as FrameBatch).length;
  }
  return n;
}

function serveOnce(bytes: Buffer): Promise<{ port: number; server: net.Server }> {
  return new Promise((resolve) => {
    const server = net.createServer((s) => {
      s.on('error', () => {});
      // pieces of awkward sizes, then hang up; no second helping
      for (let at = 0; at < bytes.length; at += 777) s.write(bytes.subarray(at, at + 777));
      s.end();
      server.close();
    });
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, server }));
  });
}

function junkCount(status: SourceStatus): number {
  return Object.entries(status.reasons)
    .filter(([reason]) => ['garbage', 'truncated_frame', 'truncated_line', 'not_a_frame_format', 'heartbeat', 'modeac'].includes(reason))
    .reduce((sum, [, n]) => sum + n, 0);
}

describe('sources fed random bytes', () => {
  for (const scheme of ['beast', 'avr', 'sbs']) {
    it(`${scheme}:// survives junk from the server and counts it`, async () => {
      // given a server that sends 200 KB of junk and hangs up
      const { port } = await serveOnce(junk(200_000, scheme.length * 7919));
      const opened = openSource(`${scheme}://127.0.0.1:${port}`, { backoff: { initialMs: 5, maxMs: 10 } });
      // when the source reads it until the reconnects start failing
      const consumer = drain(opened.source as AsyncIterable<unknown>);
      await vi.waitFor(() => expect(opened.source.status.reasons.connect_failed).toBeGreaterThanOrEqual(1));
      await opened.source.close();
      await consumer;
      // then the junk is counted and the source closed cleanly
      expect(opened.source.status.bytes).toBe(200_000);
      expect(junkCount(opened.source.status)).toBeGreaterThan(0);
      expect(opened.source.status.state).toBe('closed');
    });
  }

  for (const format of ['beast', 'avr', 'ndjson', undefined]) {
    it(`file:// with format=${format ?? 'sniffed'} survives junk, plain and gzip'd`, async () => {
      for (const gz of [false, true]) {
        // given a file of junk
        const file = path.join(dir, `junk-${format ?? 'sniffed'}${gz ? '.gz' : ''}`);
        const bytes = junk(100_000, 1234 + (gz ? 1 : 0));
        writeFileSync(file, gz ? gzipSync(bytes) : bytes);
        // when read to the end
        const opened = openSource(`file://${file}?start=0${format ? `&format=${format}` : ''}`);
        await drain(opened.source as AsyncIterable<unknown>);
        // then it ends closed with the junk counted
        expect(opened.source.status.state).toBe('closed');
        expect(junkCount(opened.source.status)).toBeGreaterThan(0);
      }
    });
  }

  it('file:// IQ accepts any bytes as samples, dropping only a dangling byte', async () => {
    const file = path.join(dir, 'junk.cu8');
    writeFileSync(file, junk(10_001, 99));
    const opened = openSource(`file://${file}`);
    expect(opened.kind).toBe('iq');
    expect(await drain(opened.source as AsyncIterable<unknown>)).toBe(10_000);
    expect(opened.source.status.reasons.dangling_iq_byte).toBe(1);
  });

  it('rtltcp:// survives junk instead of a header, and junk after a good one', async () => {
    for (const withHeader of [false, true]) {
      const header = Buffer.from('52544c30000000050000001d', 'hex');
      const body = junk(50_001, withHeader ? 5 : 6);
      const { port } = await serveOnce(withHeader ? Buffer.concat([header, body]) : body);
      const opened = openSource(`rtltcp://127.0.0.1:${port}`, { backoff: { initialMs: 5, maxMs: 10 } });
      const consumer = drain(opened.source as AsyncIterable<unknown>);
      await vi.waitFor(() => expect(opened.source.status.reasons.connect_failed).toBeGreaterThanOrEqual(1));
      await opened.source.close();
      const delivered = await consumer;
      if (withHeader) {
        expect(delivered).toBe(50_000);
        expect(opened.source.status.reasons.dangling_iq_byte).toBe(1);
      } else {
        expect(delivered).toBe(0);
        expect(opened.source.status.lastError).toMatch(/not an rtl_tcp server|connect ECONNREFUSED/);
      }
    }
  });
});
