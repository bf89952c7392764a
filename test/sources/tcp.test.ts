import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AvrParser } from '../../src/wire/avr.ts';
import { writeAvr } from '../../src/wire/avr.ts';
import { BeastParser, writeBeast } from '../../src/wire/beast.ts';
import { ParsedFrameSource } from '../../src/sources/parsed-frame-source.ts';
import { tcpByteSource } from '../../src/sources/tcp.ts';
import type { FrameBatch } from '../../src/sources/frame-batch.ts';
import { df17Frames, hex } from './frames.ts';

interface TestServer {
  server: net.Server;
  port: number;
  sockets: net.Socket[];
}

function listen(onConnection: (socket: net.Socket) => void, port = 0): Promise<TestServer> {
  return new Promise((resolve, reject) => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => {
      sockets.push(socket);
      socket.on('error', () => {});
      onConnection(socket);
    });
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, port: (server.address() as net.AddressInfo).port, sockets }));
  });
}

function stop(t: TestServer): Promise<void> {
  for (const s of t.sockets) s.destroy();
  return new Promise((resolve) => t.server.close(() => resolve()));
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(stop));
});

async function collect(source: AsyncIterable<FrameBatch>, until: (hexes: string[]) => boolean): Promise<string[]> {
  const seen: string[] = [];
  for await (const batch of source) {
    for (let i = 0; i < batch.length; i++) seen.push(hex(batch.bytesOf(i)));
    if (until(seen)) break;
  }
  return seen;
}

describe('TCP frame source', () => {
  it('delivers every AVR frame a server sends, in order, with a reception time', async () => {
    // given a server that sends 50 frames, one write per frame
    const frames = df17Frames(50);
    const t = await listen((s) => {
      for (const f of frames) s.write(writeAvr(f));
    });
    servers.push(t);
    // when a source reads them
    const bytes = tcpByteSource('127.0.0.1', t.port);
    const source = new ParsedFrameSource(bytes, () => new AvrParser());
    const before = Date.now();
    const received: number[] = [];
    const seen: string[] = [];
    for await (const batch of source) {
      for (let i = 0; i < batch.length; i++) {
        seen.push(hex(batch.bytesOf(i)));
        received.push(batch.receivedAt[i]);
      }
      if (seen.length >= 50) break;
    }
    // then they all arrive in order, stamped with the time they arrived, and the socket is closed
    expect(seen).toEqual(frames.map(hex));
    expect(Math.min(...received)).toBeGreaterThanOrEqual(before);
    expect(source.status.frames).toBe(50);
    expect(source.status.state).toBe('closed');
    await vi.waitFor(() => expect(t.sockets[0].destroyed || t.sockets[0].readableEnded).toBe(true));
  });

  it('stops reading when the consumer does not pull, so the server is pushed back', async () => {
    // given a server that writes as fast as the socket accepts, until write() says stop
    const line = Buffer.from(df17Frames(4000).map((f) => writeAvr(f)).join('')); // ~125 KB
    let written = 0;
    let blocked = false;
    const t = await listen((s) => {
      const pump = (): void => {
        while (written < 256 * 1024 * 1024) {
          written += line.length;
          if (!s.write(line)) {
            blocked = true;
            s.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    servers.push(t);
    // when the consumer takes one batch and then does nothing
    const bytes = tcpByteSource('127.0.0.1', t.port);
    const source = new ParsedFrameSource(bytes, () => new AvrParser());
    const iterator = source[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    await vi.waitFor(() => expect(blocked).toBe(true), { timeout: 5000 });
    const readWhenBlocked = bytes.status.bytes;
    await new Promise((r) => setTimeout(r, 200));
    // then the server stays blocked, and what we read is bounded by socket buffers, not by what it wanted to send
    expect(written).toBeLessThan(64 * 1024 * 1024);
    expect(bytes.status.bytes).toBe(readWhenBlocked);
    expect(bytes.status.bytes).toBeLessThan(2 * 1024 * 1024);
    await iterator.return?.(undefined);
    expect(bytes.status.state).toBe('closed');
  });

  const encodings = {
    avr: { parser: () => new AvrParser(), encode: (f: Uint8Array): Buffer => Buffer.from(writeAvr(f)), cut: 20 },
    // signal 0x1a is escaped on the wire, so the cut lands among escapes too
    beast: { parser: () => new BeastParser(), encode: (f: Uint8Array): Buffer => Buffer.from(writeBeast(f, 0x1a1a1a, 0x1a)), cut: 14 },
  };
  for (const [format, { parser, encode, cut }] of Object.entries(encodings)) {
    it(`reconnects with backoff after the server drops mid-frame, and resumes cleanly (${format})`, async () => {
      // given a server that sends 10 frames and part of an 11th, then goes away
      // (it stops listening after the first connection, so reconnects are refused until it is back)
      const frames = df17Frames(30);
      const first = Buffer.concat([...frames.slice(0, 10).map(encode), encode(frames[10]).subarray(0, cut)]);
      let t: TestServer = await listen((s) => {
        s.end(first);
        t.server.close();
      });
      const port = t.port;
      const states: string[] = [];
      const log = (obj: object): void => {
        const state = (obj as { state?: string }).state;
        if (state) states.push(state);
      };
      const bytes = tcpByteSource('127.0.0.1', port, { backoff: { initialMs: 100, maxMs: 400 }, logger: { debug: log, info: log, warn: log, error: log } });
      const source = new ParsedFrameSource(bytes, parser);
      const seen: string[] = [];
      const done = (async () => {
        for await (const batch of source) {
          for (let i = 0; i < batch.length; i++) seen.push(hex(batch.bytesOf(i)));
          if (seen.length >= 30) break;
        }
      })();
      await vi.waitFor(() => expect(seen.length).toBe(10));
      await vi.waitFor(() => expect(bytes.status.reasons.connect_failed).toBeGreaterThanOrEqual(1));
      expect(bytes.status.reasons.truncated_frame).toBe(1);
      expect(bytes.status.state).toBe('backoff');
      expect(bytes.status.backoffMs).toBeGreaterThan(0);
      await stop(t);
      // when the server comes back on the same port with the rest (starting with the cut frame whole)
      t = await listen((s) => s.write(Buffer.concat(frames.slice(10).map(encode))), port);
      servers.push(t);
      await done;
      // then the 30 frames arrive whole, the cut one counted once, the reconnect counted
      expect(seen).toEqual(frames.map(hex));
      expect(bytes.status.reasons.truncated_frame).toBe(1);
      // (the parser may also count the cut tail among its garbage, but nothing after the reconnect is)
      expect(bytes.status.reasons.garbage ?? 0).toBeLessThanOrEqual(1);
      expect(bytes.status.reconnects).toBe(1);
      expect(states.slice(0, 3)).toEqual(['connected', 'backoff', 'connecting']);
      expect(states.filter((s) => s === 'connected').length).toBe(2);
      expect(states.at(-1)).toBe('closed');
    });
  }

  it('close() ends a waiting consumer and closes the socket', async () => {
    // given a connected source whose server sent half a frame and then nothing
    const t = await listen((s) => s.write('*8DA00000'));
    servers.push(t);
    const source = new ParsedFrameSource(tcpByteSource('127.0.0.1', t.port), () => new AvrParser());
    const consumer = collect(source, () => false);
    await vi.waitFor(() => expect(source.status.bytes).toBe(9));
    const serverSideClosed = new Promise<void>((r) => t.sockets[0].once('close', () => r()));
    // when it is closed
    await source.close();
    // then the consumer finishes without an error and the server sees the socket close
    await expect(consumer).resolves.toEqual([]);
    await serverSideClosed;
    expect(source.status.state).toBe('closed');
    // and closing on purpose is not reported as a cut frame or an error
    expect(source.status.reasons.truncated_frame).toBeUndefined();
    expect(source.status.lastError).toBeNull();
  });

  it('logs one line per state change to the logger it is given', async () => {
    // given a logger that records, and a server that sends one frame and hangs up for good
    const lines: Array<{ state?: string; msg?: string }> = [];
    const log = (obj: object, msg?: string): void => {
      lines.push({ ...(obj as { state?: string }), msg });
    };
    const logger = { debug: log, info: log, warn: log, error: log };
    const t: TestServer = await listen((s) => {
      s.end(writeAvr(df17Frames(1)[0]));
      t.server.close();
    });
    const source = new ParsedFrameSource(tcpByteSource('127.0.0.1', t.port, { logger, backoff: { initialMs: 10, maxMs: 20 } }), () => new AvrParser());
    const consumer = collect(source, () => false);
    // when it connects, loses the feed and retries
    await vi.waitFor(() => expect(source.status.reasons.connect_failed).toBeGreaterThanOrEqual(2));
    await source.close();
    await consumer;
    // then the states appear in order, each once per change, and failures are logged with their reason
    const states = lines.filter((l) => l.state).map((l) => l.state);
    expect(states.slice(0, 4)).toEqual(['connected', 'backoff', 'connecting', 'backoff']);
    expect(states.at(-1)).toBe('closed');
    expect(lines.some((l) => l.msg === 'source connect_failed')).toBe(true);
  });

  it('keeps retrying a port nobody listens on, counting errors, until closed', async () => {
    // given a free port with no server
    const t = await listen(() => {});
    const port = t.port;
    await stop(t);
    const source = new ParsedFrameSource(tcpByteSource('127.0.0.1', port, { backoff: { initialMs: 20, maxMs: 50 } }), () => new AvrParser());
    const consumer = collect(source, () => false);
    // when it has tried a few times
    await vi.waitFor(() => expect(source.status.errors).toBeGreaterThanOrEqual(3));
    // then the failure is a status, not an exception
    expect(source.status.lastError).toMatch(/ECONNREFUSED/);
    expect(source.status.reasons.connect_failed).toBeGreaterThanOrEqual(3);
    await source.close();
    await expect(consumer).resolves.toEqual([]);
  });
});
