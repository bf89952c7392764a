// What the source layer costs on top of the bytes it moves. Synthetic DF17 traffic (200,000
// frames, Beast-framed, ~4.6 MB) so the figures do not depend on shared data. Peers, same
// process, same bytes:
// - file source (speed=max, Beast, 64 KiB reads, copied frame batches, capture clock) vs
//   readFile + a bare BeastParser with a no-op sink: the floor for turning the file into frames;
// - TCP Beast source over loopback vs a bare socket 'data' handler feeding the same parser
//   (push mode, no backpressure): the price of pulling through the async iterator;
// - IQ file source (even-length buffers) vs a bare fs read stream.
// Median of 7 runs each after one warm-up, ours and the peer alternating.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeParity } from '../src/modes/crc.ts';
import { fileFrameSource } from '../src/sources/file.ts';
import { iqFileSource } from '../src/sources/iq-file.ts';
import { openSource } from '../src/sources/open-source.ts';
import type { FrameSource } from '../src/sources/source.ts';
import { BeastParser, writeBeast } from '../src/wire/beast.ts';
import { figure, type BenchFigure } from './runner.ts';
import { median } from './upstream.ts';

const FRAMES = 200_000;
const RUNS = 7;

function beastTraffic(): Buffer {
  const pieces: Uint8Array[] = [];
  const f = new Uint8Array(14);
  for (let i = 0; i < FRAMES; i++) {
    f[0] = 0x8d;
    f[1] = 0x40 + (i % 50);
    f[2] = (i >>> 8) & 0xff;
    f[3] = i & 0xff;
    f[4] = 0x58;
    for (let b = 5; b < 11; b++) f[b] = (i * 13 + b) & 0xff;
    writeParity(f);
    pieces.push(writeBeast(f, 1000 + i * 6000, 80));
  }
  return Buffer.concat(pieces);
}

/** Wall and CPU seconds of one run. */
interface Timing {
  wall: number;
  cpu: number;
}

/**
 * Median wall and CPU seconds of ours and of the peer, runs alternating so a busy machine skews
 * both alike. CPU time is reported too: on a shared machine wall time also measures the neighbours.
 */
async function paired(ours: () => Promise<Timing>, peer: () => Promise<Timing>): Promise<[Timing, Timing]> {
  await ours();
  await peer();
  const a: Timing[] = [];
  const b: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(await ours());
    b.push(await peer());
  }
  return [
    { wall: median(a.map((t) => t.wall)), cpu: median(a.map((t) => t.cpu)) },
    { wall: median(b.map((t) => t.wall)), cpu: median(b.map((t) => t.cpu)) },
  ];
}

/** Time taken by `work`, which must return the number of frames (or bytes) it saw. */
async function timed(expected: number, work: () => Promise<number>): Promise<Timing> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const seen = await work();
  const used = process.cpuUsage(cpu);
  if (seen !== expected) throw new Error(`expected ${expected}, saw ${seen}`);
  return { wall: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 };
}

/** A figure from wall time, with the CPU-time rates of both sides beside it. */
function rates(name: string, units: number, unit: string, peerName: string, ours: Timing, peer: Timing, extra: Record<string, unknown> = {}): BenchFigure {
  return figure(name, units / ours.wall, unit, peerName, units / peer.wall, {
    cpu_value: Number((units / ours.cpu).toPrecision(4)),
    peer_cpu_value: Number((units / peer.cpu).toPrecision(4)),
    ...extra,
  });
}

async function countFrames(source: FrameSource): Promise<number> {
  let n = 0;
  for await (const batch of source) n += batch.length;
  return n;
}

function bareParse(data: Uint8Array): number {
  const parser = new BeastParser();
  let n = 0;
  for (let at = 0; at < data.length; at += 65536) parser.push(data.subarray(at, at + 65536), () => n++);
  parser.end(() => n++);
  return n;
}

function serve(data: Buffer): Promise<{ port: number; close: () => void }> {
  return new Promise((resolve) => {
    const server = net.createServer((s) => {
      s.on('error', () => {});
      s.end(data);
    });
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, close: () => server.close() }));
  });
}

async function tcpSourceFrames(port: number): Promise<number> {
  const source = openSource(`beast://127.0.0.1:${port}`).source as FrameSource;
  let n = 0;
  for await (const batch of source) {
    n += batch.length;
    if (n >= FRAMES) break;
  }
  return n;
}

function bareSocketFrames(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const parser = new BeastParser();
    let n = 0;
    const s = net.connect({ host: '127.0.0.1', port });
    s.on('data', (chunk) => parser.push(chunk, () => n++));
    s.on('end', () => resolve(n));
    s.on('error', reject);
  });
}

export async function run(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-bench-sources-'));
  try {
    const data = beastTraffic();
    const file = path.join(dir, 'traffic.beast');
    writeFileSync(file, data);
    const iqFile = path.join(dir, 'noise.cu8');
    writeFileSync(iqFile, Buffer.alloc(48 * 1024 * 1024, 127));
    const figures: BenchFigure[] = [];

    const [fileSource, fileBare] = await paired(
      () => timed(FRAMES, () => countFrames(fileFrameSource(file, { startTime: 0 }))),
      () => timed(FRAMES, async () => bareParse(readFileSync(file))),
    );
    figures.push(rates('sources.file_beast', FRAMES, 'frames/s', 'readFile+BeastParser', fileSource, fileBare, { mb: data.length / 1e6 }));

    const server = await serve(data);
    try {
      const [tcpSource, tcpBare] = await paired(() => timed(FRAMES, () => tcpSourceFrames(server.port)), () => timed(FRAMES, () => bareSocketFrames(server.port)));
      figures.push(rates('sources.tcp_beast', FRAMES, 'frames/s', 'socket.on(data)+BeastParser', tcpSource, tcpBare, { note: 'CPU includes the in-process server' }));
    } finally {
      server.close();
    }

    const iqBytes = 48 * 1024 * 1024;
    const countIq = async (): Promise<number> => {
      let n = 0;
      for await (const b of iqFileSource(iqFile)) n += b.length;
      return n;
    };
    const countBare = async (): Promise<number> => {
      let n = 0;
      for await (const b of createReadStream(iqFile, { highWaterMark: 64 * 1024 })) n += (b as Buffer).length;
      return n;
    };
    const [iq, iqBare] = await paired(() => timed(iqBytes, countIq), () => timed(iqBytes, countBare));
    figures.push(rates('sources.iq_file', iqBytes / 2, 'samples/s', 'fs.createReadStream', iq, iqBare));
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
