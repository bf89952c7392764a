import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ParsedFrameSource } from '../../src/sources/parsed-frame-source.ts';
import { serialByteSource, serialInitBytes } from '../../src/sources/serial.ts';
import { AvrParser, writeAvr } from '../../src/wire/avr.ts';
import { BeastParser, writeBeast } from '../../src/wire/beast.ts';
import { describeWithPrograms } from '../helpers/external.ts';
import { df11Frame, df17Frames, hex } from './frames.ts';

describe('serial init bytes', () => {
  it('configures Beast hardware with escaped option switches, and adsbPIC with #43', () => {
    expect(Buffer.from(serialInitBytes({ format: 'beast' })).toString('latin1')).toBe('\x1a1C\x1a1H\x1a1d\x1a1E\x1a1f\x1a1g\x1a1i\x1a1j');
    expect(Buffer.from(serialInitBytes({ format: 'beast', modeAC: true })).toString('latin1').endsWith('\x1a1J')).toBe(true);
    expect(Buffer.from(serialInitBytes({ format: 'avr', adsbPicMode: '02' })).toString('latin1')).toBe('#43-02\r');
    expect(serialInitBytes({ format: 'avr' }).length).toBe(0);
  });
});

describeWithPrograms('serial source through a socat pseudo-terminal pair', ['socat'], 'socat', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-serial-'));
  const ours = path.join(dir, 'receiver');
  const theirs = path.join(dir, 'device');
  const running: ChildProcess[] = [];
  const peers: SerialPort[] = [];

  async function startSocat(): Promise<ChildProcess> {
    const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${ours}`, `pty,raw,echo=0,link=${theirs}`], { stdio: 'ignore' });
    running.push(socat);
    await vi.waitFor(() => expect(existsSync(ours) && existsSync(theirs)).toBe(true), { timeout: 5000 });
    return socat;
  }

  async function openPeer(): Promise<{ port: SerialPort; received: () => Buffer }> {
    const port = new SerialPort({ path: theirs, baudRate: 115_200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    peers.push(port);
    const pieces: Buffer[] = [];
    port.on('data', (d: Buffer) => pieces.push(d));
    port.on('error', () => {});
    return { port, received: () => Buffer.concat(pieces) };
  }

  async function stopSocat(socat: ChildProcess): Promise<void> {
    if (socat.exitCode !== null) return;
    const exited = new Promise((r) => socat.once('exit', r));
    socat.kill('SIGTERM');
    await exited;
  }

  afterEach(async () => {
    for (const p of peers.splice(0)) if (p.isOpen) await new Promise((r) => p.close(r));
    await Promise.all(running.splice(0).map(stopSocat));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sends the Beast options on open and delivers Beast frames written by the device', async () => {
    // given a pty pair, our Beast source on one end and a stand-in receiver on the other
    await startSocat();
    const peer = await openPeer();
    const frames = [...df17Frames(20), df11Frame(0x4ca123)];
    const source = new ParsedFrameSource(serialByteSource(ours, { format: 'beast', baudRate: 3_000_000 }), () => new BeastParser());
    const seen: string[] = [];
    const consumer = (async () => {
      for await (const batch of source) {
        for (let i = 0; i < batch.length; i++) seen.push(hex(batch.bytesOf(i)));
        if (seen.length >= frames.length) break;
      }
    })();
    // when the device has received our options and then sends frames
    const init = Buffer.from(serialInitBytes({ format: 'beast' }));
    await vi.waitFor(() => expect(peer.received().equals(init)).toBe(true), { timeout: 5000 });
    peer.port.write(Buffer.concat(frames.map((f, i) => writeBeast(f, 1000 + i, 0x1a))));
    await consumer;
    // then the option bytes were exactly the documented set, and every frame arrived
    expect(seen).toEqual(frames.map(hex));
    expect(source.status.state).toBe('closed');
  });

  it('sends the adsbPIC start command and reads AVR lines', async () => {
    // given an AVR source asking for adsbPIC mode 02
    await startSocat();
    const peer = await openPeer();
    const frames = df17Frames(10);
    const source = new ParsedFrameSource(serialByteSource(ours, { format: 'avr', adsbPicMode: '02' }), () => new AvrParser());
    const seen: string[] = [];
    const consumer = (async () => {
      for await (const batch of source) {
        for (let i = 0; i < batch.length; i++) seen.push(hex(batch.bytesOf(i)));
        if (seen.length >= frames.length) break;
      }
    })();
    // when the device sees the command and answers with a status line and frames
    await vi.waitFor(() => expect(peer.received().toString('latin1')).toBe('#43-02\r'), { timeout: 5000 });
    peer.port.write(`#43-02\r\n${frames.map((f) => writeAvr(f)).join('')}`);
    await consumer;
    // then the frames arrive and the status line is only a counted reason
    expect(seen).toEqual(frames.map(hex));
    expect(source.status.reasons.garbage).toBe(1);
  });

  it('reopens the device with backoff after it disappears', async () => {
    // given a Beast source on a pty that then vanishes
    const first = await startSocat();
    let peer = await openPeer();
    const frames = df17Frames(6);
    const bytes = serialByteSource(ours, { format: 'beast', backoff: { initialMs: 50, maxMs: 200 } });
    const source = new ParsedFrameSource(bytes, () => new BeastParser());
    const seen: string[] = [];
    const consumer = (async () => {
      for await (const batch of source) {
        for (let i = 0; i < batch.length; i++) seen.push(hex(batch.bytesOf(i)));
        if (seen.length >= 6) break;
      }
    })();
    await vi.waitFor(() => expect(peer.received().length).toBe(24), { timeout: 5000 });
    peer.port.write(Buffer.concat(frames.slice(0, 3).map((f) => writeBeast(f, 1, 9))));
    await vi.waitFor(() => expect(seen.length).toBe(3), { timeout: 5000 });
    await new Promise((r) => peer.port.close(r));
    await stopSocat(first);
    await vi.waitFor(() => expect(bytes.status.errors).toBeGreaterThanOrEqual(1), { timeout: 5000 });
    // when it comes back
    // (our side may reopen before the stand-in device opens its end, which can flush what we sent,
    // so the resent options are not checked here: the first test covers them)
    await startSocat();
    peer = await openPeer();
    await vi.waitFor(() => {
      expect(bytes.status.reconnects).toBeGreaterThanOrEqual(1);
      expect(bytes.status.state).toBe('connected');
    }, { timeout: 5000 });
    peer.port.write(Buffer.concat(frames.slice(3).map((f) => writeBeast(f, 2, 9))));
    await consumer;
    // then the source reconnected and the rest arrived
    expect(seen).toEqual(frames.map(hex));
    expect(bytes.status.reconnects).toBeGreaterThanOrEqual(1);
  });
});
