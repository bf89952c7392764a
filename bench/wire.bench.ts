// Framing throughput on real traffic: the beastblackbox Beast capture (13,954 frames, 227 KB)
// through BeastParser in 64 KiB chunks, and an AVR rendering of the same frames (`@` counter form,
// Mode A/C included) through AvrParser. Peers, run in the same process on the same bytes:
// - Beast: the obvious escape loop: scan for 0x1a + type, unescape into a JS array, allocate a
//   Uint8Array per frame (whole buffer at once, so it is spared the chunk bookkeeping);
// - AVR: the obvious text route: decode to a string, split lines, a regex per line,
//   Buffer.from(hex, 'hex') per frame (also whole buffer at once).
// Median of repeated runs after a warm-up; each run parses the capture REPEAT times.
import { readFileSync } from 'node:fs';
import { AvrParser, writeAvr } from '../src/wire/avr.ts';
import { BeastParser } from '../src/wire/beast.ts';
import type { FrameParser, RawFrame } from '../src/wire/raw-frame.ts';
import { figure, type BenchFigure } from './runner.ts';
import { median, upstreamPath } from './upstream.ts';

const CAPTURE = upstreamPath('denzen84__beastblackbox/example/ulss7-beast-bin-utc--1522782148.136310917--.log');

const CHUNK = 64 * 1024;
const REPEAT = 20;
const WARMUP = 3;
const RUNS = 11;

function chunked(data: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += CHUNK) out.push(data.subarray(at, at + CHUNK));
  return out;
}

/** Runs `parse` (which returns frames found) WARMUP + RUNS times; median bytes/s and frames/s. */
function measure(bytes: number, parse: () => number): { bytesPerSecond: number; framesPerSecond: number; frames: number } {
  for (let i = 0; i < WARMUP; i++) parse();
  const seconds: number[] = [];
  let frames = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    frames = 0;
    for (let r = 0; r < REPEAT; r++) frames += parse();
    seconds.push((performance.now() - start) / 1000);
  }
  const s = median(seconds);
  return { bytesPerSecond: (bytes * REPEAT) / s, framesPerSecond: frames / s, frames: frames / REPEAT };
}

/** Frames our parser finds in `chunks`, fed one chunk at a time the way a source does. */
function ours(parser: FrameParser, chunks: Uint8Array[]): number {
  let frames = 0;
  let check = 0;
  const sink = (f: RawFrame): void => {
    frames++;
    check ^= f.bytes[0];
  };
  for (const c of chunks) parser.push(c, sink);
  parser.end(sink);
  return frames + (check & 0);
}

const PEER_BODY: Record<number, number> = { 0x31: 9, 0x32: 14, 0x33: 21, 0x34: 21, 0x35: 21 };

function peerBeast(data: Uint8Array): number {
  const frames: Uint8Array[] = [];
  let i = 0;
  while (i < data.length - 1) {
    if (data[i] !== 0x1a || PEER_BODY[data[i + 1]] === undefined) {
      i++;
      continue;
    }
    const type = data[i + 1];
    const need = PEER_BODY[type];
    const body: number[] = [];
    let j = i + 2;
    while (body.length < need && j < data.length) {
      if (data[j] === 0x1a) j++;
      body.push(data[j++]);
    }
    if (body.length === need && (type === 0x31 || type === 0x32 || type === 0x33)) frames.push(Uint8Array.from(body.slice(7)));
    i = j;
  }
  return frames.length;
}

const PEER_AVR = /^\s*(?:[*:]|[@%]([0-9A-Fa-f]{12})|<([0-9A-Fa-f]{12})[0-9A-Fa-f]{2})?([0-9A-Fa-f]{4}|[0-9A-Fa-f]{14}|[0-9A-Fa-f]{28});?\s*$/;

function peerAvr(data: Uint8Array): number {
  const frames: Buffer[] = [];
  for (const line of Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1').split('\n')) {
    const m = PEER_AVR.exec(line);
    if (m !== null) frames.push(Buffer.from(m[3], 'hex'));
  }
  return frames.length;
}

function renderAvr(beast: Uint8Array): Uint8Array {
  let text = '';
  const parser = new BeastParser({ modeAC: true });
  const sink = (f: RawFrame): void => {
    text += writeAvr(f.bytes, { timestamp12: f.timestamp12 });
  };
  parser.push(beast, sink);
  parser.end(sink);
  return new TextEncoder().encode(text);
}

export async function run(): Promise<BenchFigure[]> {
  const beast = new Uint8Array(readFileSync(CAPTURE));
  const avr = renderAvr(beast);
  const beastChunks = chunked(beast);
  const avrChunks = chunked(avr);

  const ourB = measure(beast.length, () => ours(new BeastParser({ modeAC: true }), beastChunks));
  const peerB = measure(beast.length, () => peerBeast(beast));
  const ourA = measure(avr.length, () => ours(new AvrParser({ modeAC: true }), avrChunks));
  const peerA = measure(avr.length, () => peerAvr(avr));
  if (ourB.frames !== peerB.frames || ourA.frames !== peerA.frames || ourA.frames !== ourB.frames) {
    throw new Error(`frame counts differ: beast ${ourB.frames}/${peerB.frames}, avr ${ourA.frames}/${peerA.frames}`);
  }
  const beastPeer = 'naive Beast unescape loop (array per frame)';
  const avrPeer = 'naive AVR split + regex + Buffer.from(hex)';
  const extra = (bytes: number, frames: number) => ({ input_bytes: bytes, frames_per_pass: frames, passes: REPEAT, chunk_bytes: CHUNK });
  return [
    figure('wire.beast_parse', ourB.bytesPerSecond / 1e6, 'MB/s', beastPeer, peerB.bytesPerSecond / 1e6, extra(beast.length, ourB.frames)),
    figure('wire.beast_frames', ourB.framesPerSecond, 'frames/s', beastPeer, peerB.framesPerSecond, extra(beast.length, ourB.frames)),
    figure('wire.avr_parse', ourA.bytesPerSecond / 1e6, 'MB/s', avrPeer, peerA.bytesPerSecond / 1e6, extra(avr.length, ourA.frames)),
    figure('wire.avr_frames', ourA.framesPerSecond, 'frames/s', avrPeer, peerA.framesPerSecond, extra(avr.length, ourA.frames)),
  ];
}
