import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseRtlTcpHeader, rtlTcpSource, tuningCommands } from '../../src/sources/rtltcp.ts';
import { describeShared, readShared } from '../helpers/shared.ts';

const MODES1 = 'antirez__dump1090/testfiles/modes1.bin';

interface Received {
  commands: Array<{ command: number; value: number }>;
}

/** A test stand-in for rtl_tcp: header, then whatever `serve` writes; it decodes the commands it gets. */
function fakeRtlTcp(serve: (socket: net.Socket, connection: number) => void): Promise<{ server: net.Server; port: number; connections: Received[] }> {
  const connections: Received[] = [];
  return new Promise((resolve) => {
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      const received: Received = { commands: [] };
      connections.push(received);
      let pending = Buffer.alloc(0);
      socket.on('data', (data) => {
        pending = Buffer.concat([pending, data]);
        while (pending.length >= 5) {
          received.commands.push({ command: pending[0], value: pending.readInt32BE(1) });
          pending = pending.subarray(5);
        }
      });
      const header = Buffer.alloc(12);
      header.write('RTL0', 0, 'latin1');
      header.writeUInt32BE(5, 4); // R820T
      header.writeUInt32BE(29, 8);
      socket.write(header);
      serve(socket, connections.length - 1);
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as net.AddressInfo).port, connections }));
  });
}

const closers: Array<() => void> = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

describe('rtl_tcp protocol pieces', () => {
  it('parses the header and rejects anything else', () => {
    const header = Buffer.from('52544c30000000050000001d', 'hex');
    expect(parseRtlTcpHeader(header)).toEqual({ tunerType: 5, tunerName: 'R820T', gainCount: 29 });
    expect(parseRtlTcpHeader(Buffer.from('HTTP/1.1 200 OK', 'latin1'))).toBeUndefined();
  });

  it('encodes tuning as 5-byte big-endian commands', () => {
    // given automatic gain, when the tuning is encoded, then rate, frequency, ppm, gain mode 0 and AGC off follow
    const bytes = Buffer.from(tuningCommands({ sampleRate: 2_000_000, gain: 'auto' }));
    expect(bytes.length % 5).toBe(0);
    expect([...bytes.subarray(0, 5)]).toEqual([0x02, 0x00, 0x1e, 0x84, 0x80]);
    expect(bytes[5]).toBe(0x01);
    expect(bytes.readUInt32BE(6)).toBe(1_090_000_000);
    expect([...bytes.subarray(10)]).toEqual([0x05, 0, 0, 0, 0, 0x03, 0, 0, 0, 0, 0x08, 0, 0, 0, 0]);
  });
});

describeShared('rtl_tcp source against a protocol server serving modes1.bin', [MODES1], () => {
  it('tunes the server, receives the capture whole and in order, and survives odd bytes and a reconnect', async () => {
    // given a server that sends the capture in odd-sized pieces plus one stray byte, then hangs up;
    // and on the next connection sends 6 bytes and waits
    const capture = readShared(MODES1);
    const fake = await fakeRtlTcp((socket, n) => {
      if (n === 0) {
        for (let at = 0; at < capture.length; at += 4097) socket.write(capture.subarray(at, at + 4097));
        socket.end(Buffer.from([0x7f]));
      } else {
        socket.write(Buffer.from([1, 2, 3, 4, 5, 6]));
      }
    });
    closers.push(() => fake.server.close());
    // when a source with explicit tuning reads it
    const source = rtlTcpSource('127.0.0.1', fake.port, { sampleRate: 2_000_000, gain: 49.6, ppm: -3, agc: true, backoff: { initialMs: 20, maxMs: 50 } });
    closers.push(() => void source.close());
    const pieces: Buffer[] = [];
    let total = 0;
    for await (const buffer of source) {
      expect(buffer.length % 2).toBe(0);
      pieces.push(Buffer.from(buffer));
      total += buffer.length;
      if (total >= capture.length + 6) break;
    }
    const all = Buffer.concat(pieces);
    // then the header was read, the capture arrived byte for byte, the stray byte was dropped and counted
    expect(source.header).toEqual({ tunerType: 5, tunerName: 'R820T', gainCount: 29 });
    expect(source.sampleRate).toBe(2_000_000);
    expect(all.subarray(0, capture.length).equals(capture)).toBe(true);
    expect([...all.subarray(capture.length)]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(source.status.reasons.dangling_iq_byte).toBe(1);
    expect(source.status.reconnects).toBe(1);
    // and each connection was tuned: rate, 1090 MHz, ppm, manual gain 49.6 dB, AGC on
    await vi.waitFor(() => expect(fake.connections[1]?.commands.length).toBe(6));
    for (const connection of fake.connections) {
      expect(connection.commands).toEqual([
        { command: 0x02, value: 2_000_000 },
        { command: 0x01, value: 1_090_000_000 },
        { command: 0x05, value: -3 },
        { command: 0x03, value: 1 },
        { command: 0x04, value: 496 },
        { command: 0x08, value: 1 },
      ]);
    }
    expect(source.status.state).toBe('closed');
  });
});

describe('rtl_tcp source against a server that is not rtl_tcp', () => {
  it('reports the bad header and keeps retrying without crashing', async () => {
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    closers.push(() => server.close());
    const source = rtlTcpSource('127.0.0.1', (server.address() as net.AddressInfo).port, { backoff: { initialMs: 10, maxMs: 20 } });
    const consumer = (async () => {
      for await (const _ of source) void _;
    })();
    await vi.waitFor(() => expect(source.status.errors).toBeGreaterThanOrEqual(2));
    expect(source.status.lastError).toMatch(/not an rtl_tcp server/);
    await source.close();
    await consumer;
    expect(source.status.state).toBe('closed');
  });
});
