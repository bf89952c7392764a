// Given garbage — a million random byte strings of every length 0–20, random frames sealed with a
// valid parity (so every DF/TC decoder and the CPR tracker see random content), and real frames
// with 1–3 flipped bits — when decoders with every option combination read them, then nothing
// throws, no numeric field is NaN, and no latitude/longitude leaves ±90/±180. A tight loop, not
// fast-check, keeps the million under a few seconds.
import { expect, it } from 'vitest';
import { writeParity } from '../../src/modes/crc.ts';
import { Decoder, type DecoderOptions } from '../../src/modes/decoder.ts';
import { OPTIONAL_MESSAGE_KEYS, type ModeSMessage } from '../../src/modes/message.ts';
import { AvrParser } from '../../src/wire/avr.ts';
import { BeastParser } from '../../src/wire/beast.ts';
import type { RawFrame } from '../../src/wire/raw-frame.ts';
import { describeShared, readShared } from '../helpers/shared.ts';
import { seededRandom } from '../../src/demod/seeded-random.ts';
import { hexToBytes, loadVectors, VECTORS_FILE } from './upstream-vectors.ts';

const GOLDEN = 'junzis__pyModeS/tests/fixtures/golden_v2.json';

const OPTION_SETS: DecoderOptions[] = [
  {},
  { trustAddressParity: true, fixTwoBits: true },
  { receiver: { lat: 52.3, lon: 4.76 }, maxRangeNm: 180, trustAddressParity: true },
  { fixOneBit: false, receiver: { lat: -33.9, lon: 151.2 } },
];

/** Audits accepted messages; keeps the first few violations rather than asserting per frame. */
class Audit {
  accepted = 0;
  positions = 0;
  readonly violations: string[] = [];

  check(m: ModeSMessage | null): void {
    if (m === null) return;
    this.accepted++;
    for (const key of OPTIONAL_MESSAGE_KEYS) {
      const v = m[key];
      if (typeof v === 'number' && Number.isNaN(v)) this.note(m, `${key} is NaN`);
    }
    if (!(m.df >= 0 && m.df < 32) || !(m.icao >= 0 && m.icao <= 0xffffff)) this.note(m, `df ${m.df} icao ${m.icao}`);
    if (m.latitude !== undefined || m.longitude !== undefined) {
      this.positions++;
      if (!(Math.abs(m.latitude!) <= 90) || !(Math.abs(m.longitude!) <= 180)) this.note(m, `position ${m.latitude},${m.longitude}`);
    }
  }

  private note(m: ModeSMessage, what: string): void {
    if (this.violations.length < 20) this.violations.push(`${Buffer.from(m.bytes).toString('hex')}: ${what}`);
  }
}

function runAll(decoders: Decoder[], audit: Audit, frame: Uint8Array, t: number): void {
  for (const d of decoders) audit.check(d.decode(frame, t));
}

it('survives 1,000,000 random byte strings of length 0–20', () => {
  const random = seededRandom(20261126);
  const decoders = OPTION_SETS.map((o) => new Decoder(o));
  const audit = new Audit();
  const buffers = Array.from({ length: 21 }, (_, n) => new Uint8Array(n));
  let t = 1_700_000_000;
  for (let i = 0; i < 1_000_000; i++) {
    const frame = buffers[Math.floor(random() * 21)];
    for (let j = 0; j < frame.length; j++) frame[j] = Math.floor(random() * 256);
    t += random() * 0.01;
    // Every 1,000th frame has no time at all.
    const d = decoders[i & 3];
    audit.check(d.decode(frame, i % 1000 === 0 ? Number.NaN : t));
  }
  expect(audit.violations).toEqual([]);
  // Random short/long frames with an address/parity DF are accepted when AP is trusted.
  expect(audit.accepted).toBeGreaterThan(1000);
});

it('survives 100,000 random frames sealed with valid parity, from a few aircraft (CPR pairs of garbage)', () => {
  const random = seededRandom(7);
  const decoders = OPTION_SETS.map((o) => new Decoder(o));
  const audit = new Audit();
  const long = new Uint8Array(14);
  const short = new Uint8Array(7);
  const dfs = [17, 17, 17, 18, 11, 20, 21, 0, 4, 5, 16];
  let t = 1_700_000_000;
  for (let i = 0; i < 100_000; i++) {
    const df = dfs[Math.floor(random() * dfs.length)];
    const frame = df >= 16 ? long : short;
    for (let j = 0; j < frame.length; j++) frame[j] = Math.floor(random() * 256);
    frame[0] = (df << 3) | (frame[0] & 7);
    // Eight aircraft, so even/odd frames of one address meet within the pairing window.
    frame[1] = 0x40;
    frame[2] = 0x62;
    frame[3] = Math.floor(random() * 8);
    writeParity(frame, df === 17 || df === 18 || df === 11 ? 0 : (frame[1] << 16) | (frame[2] << 8) | frame[3]);
    t += random() * 0.2;
    runAll(decoders, audit, frame, t);
  }
  expect(audit.violations).toEqual([]);
  expect(audit.accepted).toBeGreaterThan(200_000);
  // Garbage CPR still pairs sometimes; whatever resolves is on the globe.
  expect(audit.positions).toBeGreaterThan(0);
});

describeShared('real frames with flipped bits', [VECTORS_FILE, GOLDEN], () => {
  it('survives every shared frame with 1, 2 and 3 random bits flipped, 50 times each', () => {
    const hexes = new Set<string>();
    for (const v of loadVectors().vectors) {
      if (v.msg !== undefined) hexes.add(v.msg);
      for (const m of v.msgs ?? []) hexes.add(m.msg);
    }
    for (const hex of Object.keys(JSON.parse(readShared(GOLDEN).toString('utf8')) as object)) hexes.add(hex.toUpperCase());
    const frames = [...hexes].map(hexToBytes).filter((f) => f.length === 7 || f.length === 14);
    expect(frames.length).toBeGreaterThan(700);
    const random = seededRandom(99);
    const decoders = OPTION_SETS.map((o) => new Decoder(o));
    const audit = new Audit();
    let t = 1_700_000_000;
    for (let round = 0; round < 50; round++) {
      for (const original of frames) {
        const frame = original.slice();
        const flips = 1 + (round % 3);
        for (let k = 0; k < flips; k++) {
          const bit = Math.floor(random() * frame.length * 8);
          frame[bit >> 3] ^= 0x80 >> (bit & 7);
        }
        t += 0.05;
        runAll(decoders, audit, frame, t);
      }
    }
    expect(audit.violations).toEqual([]);
    expect(audit.accepted).toBeGreaterThan(0);
  });
});

it('survives 2 MB of random bytes through the Beast and AVR framers in random chunks, frames decoded', () => {
  const random = seededRandom(4242);
  const data = new Uint8Array(2_000_000);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(random() * 256);
  // Sprinkle frame starts and AVR leads so the framers leave their idle state often.
  for (let i = 0; i < data.length; i += 97) data[i] = [0x1a, 0x2a, 0x3b, 0x0a][Math.floor(random() * 4)];
  const decoder = new Decoder({ trustAddressParity: true });
  const audit = new Audit();
  for (const parser of [new BeastParser({ modeAC: true }), new AvrParser({ modeAC: true })]) {
    const sink = (f: RawFrame): void => audit.check(decoder.decode(f.bytes, f.timestamp12 / 12e6));
    let at = 0;
    while (at < data.length) {
      const n = 1 + Math.floor(random() * 4096);
      parser.push(data.subarray(at, at + n), sink);
      at += n;
    }
    parser.end(sink);
    expect(parser.stats.bytes).toBe(data.length);
  }
  expect(audit.violations).toEqual([]);
});
