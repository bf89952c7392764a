// Decode throughput: CRC + full decode (CPR positions resolved by global pairing, no receiver)
// of the 8,922 frames of the real beastblackbox Beast capture, against mode-s-decoder's parse() on
// the same frames in the same process. Median of repeated runs after a warm-up; also how many
// fields each decoder produced, since speed alone says nothing about what was decoded.
import { createRequire } from 'node:module';
import { Decoder } from '../src/modes/decoder.ts';
import { OPTIONAL_MESSAGE_KEYS, type ModeSMessage } from '../src/modes/message.ts';
import { figure, type BenchFigure } from './runner.ts';
import { median, readJsonl, upstreamPath } from './upstream.ts';

const CORPUS = upstreamPath('derived/denzen84__beastblackbox/beast_decoded_dump1090.jsonl');

// Many short interleaved runs: on a shared 2-core machine the median of many is steadier than a few long ones.
const WARMUP = 10;
const REPEATS = 51;

interface PeerMessage { crcOk: boolean; [key: string]: unknown }
interface PeerDecoder { parse(data: Uint8Array): PeerMessage }
type PeerConstructor = new (options?: { fixErrors?: boolean }) => PeerDecoder;

// Fields mode-s-decoder fills for every frame whatever its DF (header bytes reinterpreted), or
// that are bookkeeping rather than decoded information.
const PEER_NOT_DECODED = new Set(['msg', 'msgbits', 'crc', 'errorbit', 'phaseCorrected', 'ca', 'metype', 'mesub', 'fs', 'dr', 'um', 'identity', 'unit', 'headingIsValid']);

function loadCorpus(): { frames: Uint8Array[]; times: Float64Array } {
  const records = readJsonl<{ raw: string; time_us: number }>(CORPUS);
  const frames: Uint8Array[] = [];
  const times = new Float64Array(records.length);
  records.forEach((record, i) => {
    frames.push(Uint8Array.from(Buffer.from(record.raw, 'hex')));
    times[i] = record.time_us / 1e6;
  });
  return { frames, times };
}

function countOurFields(msg: ModeSMessage): number {
  let n = 4; // df, icao, crc_ok, corrected_bits
  for (const key of OPTIONAL_MESSAGE_KEYS) if (msg[key] !== undefined) n++;
  return n;
}

function countPeerFields(msg: PeerMessage): number {
  let n = 0;
  for (const [key, value] of Object.entries(msg)) if (value !== null && value !== undefined && !PEER_NOT_DECODED.has(key)) n++;
  return n;
}

export async function run(): Promise<BenchFigure[]> {
  const { frames, times } = loadCorpus();
  const require = createRequire(import.meta.url);
  const Peer = require('mode-s-decoder') as PeerConstructor;

  const ours = (): number => {
    const decoder = new Decoder();
    let accepted = 0;
    for (let i = 0; i < frames.length; i++) if (decoder.decode(frames[i], times[i]) !== null) accepted++;
    return accepted;
  };
  const peer = (copies: Uint8Array[]): number => {
    const decoder = new Peer();
    let accepted = 0;
    for (let i = 0; i < copies.length; i++) if (decoder.parse(copies[i]).crcOk) accepted++;
    return accepted;
  };
  // The peer repairs frames in place: every run gets fresh copies, made outside the timing.
  const freshCopies = (): Uint8Array[] => frames.map((f) => f.slice());

  const ourRates: number[] = [];
  const peerRates: number[] = [];
  for (let r = 0; r < WARMUP + REPEATS; r++) {
    // Alternate which goes first so neither always runs on a warmer cache.
    const copies = freshCopies();
    const order = r % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours'];
    for (const who of order) {
      const t0 = process.hrtime.bigint();
      if (who === 'ours') ours();
      else peer(copies);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (r >= WARMUP) (who === 'ours' ? ourRates : peerRates).push(frames.length / seconds);
    }
  }

  // One counting pass each, outside the timing.
  const decoder = new Decoder();
  let ourFields = 0, ourAccepted = 0, ourPositions = 0;
  frames.forEach((f, i) => {
    const msg = decoder.decode(f, times[i]);
    if (msg === null) return;
    ourAccepted++;
    ourFields += countOurFields(msg);
    if (msg.latitude !== undefined) ourPositions++;
  });
  const peerDecoder = new Peer();
  let peerFields = 0, peerAccepted = 0;
  for (const f of freshCopies()) {
    const msg = peerDecoder.parse(f);
    if (!msg.crcOk) continue;
    peerAccepted++;
    peerFields += countPeerFields(msg);
  }

  const extra = {
    frames: frames.length, repeats: REPEATS, statistic: 'median',
    best: Math.round(Math.max(...ourRates)), peer_best: Math.round(Math.max(...peerRates)),
  };
  return [
    figure('decode', median(ourRates), 'frames/s', 'mode-s-decoder', median(peerRates), extra),
    figure('decode_fields', ourFields, 'fields', 'mode-s-decoder', peerFields, {
      accepted: ourAccepted, peer_accepted: peerAccepted, positions: ourPositions, peer_positions: 0,
      note: 'decoded fields summed over accepted frames; peer excludes header bits it fills for every DF',
    }),
  ];
}
