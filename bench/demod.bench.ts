// IQ demodulation throughput, each figure beside a peer measured in the same run:
// - 2.4 MSPS: the native addon and the TypeScript demodulator against dump1090-mutability --ifile on
//   the same modulator capture (10 s of samples at 15 dB SNR, ~1,000 frames/s, written to a temp
//   dir). Ours: CPU time (user+sys) of the demodulation loop over the bytes in memory; dump1090:
//   CPU time of its whole process (it reads the file itself). cpu_fraction_at_realtime = 2.4e6 / rate.
// - 2.0 MSPS: ours against the mode-s-demodulator package in-process on modes1.bin looped.
// CPU time, not wall time: the bench machine is shared, and CPU time is what "cost of a core" means.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IqDemodulator, modulate, seededRandom, syntheticTraffic } from '../src/demod/index.ts';
import { NativeIqDemodulator, nativeBinding, nativeUnavailableReason } from '../native/loader.ts';
import type { FrameParser } from '../src/wire/raw-frame.ts';
import { figure, type BenchFigure } from './runner.ts';
import { median, upstreamPath } from './upstream.ts';

const MODES1 = upstreamPath('antirez__dump1090/testfiles/modes1.bin');

const RATE = 2_400_000;
const SECONDS = Number(process.env.SKYLEDGER_BENCH_IQ_SECONDS ?? 10);
const CHUNK = 262_144;
const REPEATS = 3;

function cpuSeconds(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** Median CPU seconds of demodulating `iq` with a fresh demodulator per run; and the frames found. */
function measure(make: () => FrameParser, iq: Uint8Array): { seconds: number; frames: number } {
  let frames = 0;
  const times: number[] = [];
  for (let r = 0; r < REPEATS + 1; r++) {
    const demod = make();
    let n = 0;
    const sink = (): void => void n++;
    const seconds = cpuSeconds(() => {
      for (let at = 0; at < iq.length; at += CHUNK) demod.push(iq.subarray(at, at + CHUNK), sink);
      demod.end(sink);
    });
    frames = n;
    if (r > 0) times.push(seconds); // the first run warms the JIT
  }
  return { seconds: median(times), frames };
}

function capture(): Uint8Array {
  const random = seededRandom(2024);
  const perSecond = 1000;
  const traffic = syntheticTraffic(random, { rate: RATE, frames: SECONDS * perSecond, minGapMicros: 100, maxGapMicros: 1600 });
  return modulate(traffic.frames, Math.max(traffic.totalSamples, SECONDS * RATE), { rate: RATE, snrDb: 15, random });
}

/** CPU seconds of a whole dump1090-mutability process on `file`, and the frames it printed. */
function dump1090(file: string, dir: string): { seconds: number; frames: number } | undefined {
  const out = path.join(dir, 'dump1090.out');
  const times: number[] = [];
  let frames = 0;
  for (let r = 0; r < REPEATS; r++) {
    const result = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S'; { time dump1090-mutability --ifile "$1" --raw > "$2" 2>/dev/null ; } 2>&1`, 'bash', file, out], {
      encoding: 'utf8',
    });
    if (result.status !== 0) return undefined;
    const [user, system] = result.stdout.trim().split('\n').pop()!.split(' ').map(Number);
    times.push(user + system);
    frames = readFileSync(out, 'utf8').split('\n').filter((l) => l.startsWith('*')).length;
  }
  return { seconds: median(times), frames };
}

export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const native = nativeBinding();
  const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-bench-demod-'));
  try {
    const iq = capture();
    const samples = iq.length / 2;
    const file = path.join(dir, 'capture-2400k.iq');
    writeFileSync(file, iq);
    const peer = dump1090(file, dir);
    const peerRate = peer === undefined ? Number.NaN : samples / peer.seconds;
    const peerName = peer === undefined ? 'dump1090-mutability (not installed)' : 'dump1090-mutability';
    const extra = (rate: number, frames: number): Record<string, unknown> => ({
      samples,
      frames,
      peer_frames: peer?.frames,
      realtime_multiple: Number((rate / RATE).toFixed(1)),
      cpu_fraction_at_realtime: Number((RATE / rate).toFixed(4)),
    });
    if (native !== undefined) {
      const n = measure(() => new NativeIqDemodulator(native, RATE), iq);
      figures.push(figure('demod native 2.4 MSPS', samples / n.seconds, 'samples/s', peerName, peerRate, extra(samples / n.seconds, n.frames)));
    } else {
      figures.push(figure('demod native 2.4 MSPS', Number.NaN, 'samples/s', peerName, peerRate, { error: nativeUnavailableReason() }));
    }
    const ts = measure(() => new IqDemodulator(RATE), iq);
    figures.push(figure('demod typescript 2.4 MSPS', samples / ts.seconds, 'samples/s', peerName, peerRate, extra(samples / ts.seconds, ts.frames)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // 2.0 MSPS against mode-s-demodulator on the real capture, looped so each run takes a while.
  const one = readFileSync(MODES1);
  const loops = 20;
  const looped = new Uint8Array(one.length * loops);
  for (let k = 0; k < loops; k++) looped.set(one, k * one.length);
  const samples = looped.length / 2;
  const Peer = createRequire(import.meta.url)('mode-s-demodulator') as new () => {
    process(data: Buffer, size: number, onMsg: () => void): void;
  };
  const peerBuffer = Buffer.from(looped);
  let peerFrames = 0;
  const peerTimes: number[] = [];
  for (let r = 0; r < REPEATS + 1; r++) {
    const demod = new Peer();
    let n = 0;
    const seconds = cpuSeconds(() => {
      for (let at = 0; at < peerBuffer.length; at += CHUNK) demod.process(peerBuffer.subarray(at, at + CHUNK), Math.min(CHUNK, peerBuffer.length - at), () => n++);
    });
    peerFrames = n;
    if (r > 0) peerTimes.push(seconds);
  }
  const peerRate = samples / median(peerTimes);
  const extra = (frames: number): Record<string, unknown> => ({ samples, frames, peer_frames: peerFrames });
  if (native !== undefined) {
    const n = measure(() => new NativeIqDemodulator(native, 2_000_000), looped);
    figures.push(figure('demod native 2.0 MSPS', samples / n.seconds, 'samples/s', 'mode-s-demodulator', peerRate, extra(n.frames)));
  }
  const ts = measure(() => new IqDemodulator(2_000_000), looped);
  figures.push(figure('demod typescript 2.0 MSPS', samples / ts.seconds, 'samples/s', 'mode-s-demodulator', peerRate, extra(ts.frames)));
  return figures;
}
