// Our TCP sources against a real dump1090-mutability: frames go in through its raw (30001-style)
// and Beast (30004-style) input ports, written by our writers, and come back out of its AVR
// (30002-style) and Beast (30005-style) output ports through our sources — also after the
// process is killed and started again.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterEach, expect, it, vi } from 'vitest';
import type { FrameSource } from '../../src/sources/source.ts';
import { openSource } from '../../src/sources/open-source.ts';
import { writeAvr } from '../../src/wire/avr.ts';
import { writeBeast } from '../../src/wire/beast.ts';
import { describeWithPrograms } from '../helpers/external.ts';
import { df17Frames, hex } from './frames.ts';

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<net.Server>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function send(port: number, bytes: Uint8Array | string): Promise<void> {
  const s = net.connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.once('connect', () => s.end(bytes, () => resolve()));
  });
}

/** Collects every frame hex a source yields, in the background. */
function collect(source: FrameSource): { seen: Set<string>; done: Promise<void> } {
  const seen = new Set<string>();
  const done = (async () => {
    for await (const batch of source) for (let i = 0; i < batch.length; i++) seen.add(hex(batch.bytesOf(i)));
  })();
  return { seen, done };
}

describeWithPrograms('TCP sources against dump1090-mutability', ['dump1090-mutability'], 'dump1090-mutability', () => {
  const processes: ChildProcess[] = [];
  const sources: FrameSource[] = [];

  async function startDump1090(ports: number[]): Promise<ChildProcess> {
    const [ri, ro, bi, bo, sbs] = ports;
    const child = spawn('dump1090-mutability', [
      '--net-only', '--net-bind-address', '127.0.0.1', '--quiet',
      '--net-ri-port', String(ri), '--net-ro-port', String(ro), '--net-bi-port', String(bi),
      '--net-bo-port', String(bo), '--net-sbs-port', String(sbs),
    ], { stdio: 'ignore' });
    processes.push(child);
    await vi.waitFor(async () => {
      expect(child.exitCode).toBeNull();
      expect(await canConnect(bo)).toBe(true);
      expect(await canConnect(ro)).toBe(true);
    }, { timeout: 10_000, interval: 50 });
    return child;
  }

  async function stopDump1090(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }

  afterEach(async () => {
    await Promise.all(sources.splice(0).map((s) => s.close()));
    await Promise.all(processes.splice(0).map(stopDump1090));
  });

  it('reads back frames fed through its raw and Beast inputs, and again after it restarts', async () => {
    // given dump1090 listening on free loopback ports, and our Beast and AVR sources on its outputs
    const ports = await freePorts(5);
    const [ri, ro, bi, bo] = ports;
    let dump1090 = await startDump1090(ports);
    const backoff = { initialMs: 50, maxMs: 300 };
    const beast = openSource(`beast://127.0.0.1:${bo}`, { backoff }).source as FrameSource;
    const avr = openSource(`avr://127.0.0.1:${ro}`, { backoff }).source as FrameSource;
    sources.push(beast, avr);
    const fromBeast = collect(beast);
    const fromAvr = collect(avr);
    await vi.waitFor(() => {
      expect(beast.status.state).toBe('connected');
      expect(avr.status.state).toBe('connected');
    });

    // when CRC-valid DF17 frames go in, half as AVR lines on the raw input, half as Beast on the Beast input
    // (dump1090 may hold back the last message of a burst until more traffic arrives, so frames
    // that have not come back yet are fed again while we wait)
    const frames = df17Frames(20);
    const feed = async (batch: Uint8Array[]): Promise<void> => {
      const missing = batch.filter((f) => !fromBeast.seen.has(hex(f)) || !fromAvr.seen.has(hex(f)));
      const half = Math.ceil(missing.length / 2);
      if (half > 0) await send(ri, missing.slice(0, half).map((f) => writeAvr(f)).join(''));
      if (missing.length > half) await send(bi, Buffer.concat(missing.slice(half).map((f, i) => writeBeast(f, 1_000_000 + i * 12_000, 120))));
    };
    const allBack = async (batch: Uint8Array[]): Promise<void> => {
      await vi.waitFor(async () => {
        await feed(batch);
        for (const h of batch.map(hex)) {
          expect(fromBeast.seen.has(h)).toBe(true);
          expect(fromAvr.seen.has(h)).toBe(true);
        }
      }, { timeout: 10_000, interval: 200 });
    };

    // then every frame comes back out of both outputs
    await allBack(frames);

    // when dump1090 is killed, our sources notice; when it is started again, they reconnect
    await stopDump1090(dump1090);
    await vi.waitFor(() => {
      expect(beast.status.reasons.disconnected ?? 0).toBeGreaterThanOrEqual(1);
      expect(avr.status.reasons.disconnected ?? 0).toBeGreaterThanOrEqual(1);
    });
    dump1090 = await startDump1090(ports);
    await vi.waitFor(() => {
      expect(beast.status.reconnects).toBeGreaterThanOrEqual(1);
      expect(avr.status.reconnects).toBeGreaterThanOrEqual(1);
      expect(beast.status.state).toBe('connected');
      expect(avr.status.state).toBe('connected');
    }, { timeout: 10_000, interval: 50 });

    // then frames flow again
    await allBack(df17Frames(30).slice(20));
    await Promise.all([beast.close(), avr.close()]);
    await Promise.all([fromBeast.done, fromAvr.done]);
    // and nothing dump1090 sent was unreadable
    expect(beast.status.reasons.garbage ?? 0).toBe(0);
    expect(avr.status.reasons.garbage ?? 0).toBe(0);
  }, 40_000);
});
