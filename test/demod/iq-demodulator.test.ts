import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { IqDemodulator, SLICE_SAMPLES, modulate, seededRandom } from '../../src/demod/index.ts';
import { bytesToHex } from '../../src/modes/message.ts';
import { crcRemainder, writeParity } from '../../src/modes/crc.ts';
import { rssiFromSignal, type RawFrame } from '../../src/wire/raw-frame.ts';
import { describeShared, readShared } from '../helpers/shared.ts';
import { isTruthFrame, makeCapture } from './capture.ts';

interface Seen {
  hex: string;
  timestamp12: number;
  signal: number;
}

function demodulate(rate: number, iq: Uint8Array, chunk = iq.length): { frames: Seen[]; demod: IqDemodulator; leftover: number } {
  const demod = new IqDemodulator(rate);
  const frames: Seen[] = [];
  const sink = (f: RawFrame): void => {
    frames.push({ hex: bytesToHex(f.bytes).toLowerCase(), timestamp12: f.timestamp12, signal: f.signal });
  };
  for (let at = 0; at < iq.length; at += chunk) demod.push(iq.subarray(at, at + chunk), sink);
  const leftover = demod.end(sink);
  return { frames, demod, leftover };
}

const MODES1 = 'antirez__dump1090/testfiles/modes1.bin';
const MODES1_AVR = 'derived/antirez__dump1090/modes1.bin.raw.avr.txt';

describeShared('IQ demodulator on modes1.bin (2.0 MSPS, antirez/dump1090 test capture)', [MODES1, MODES1_AVR], () => {
  const iq = readShared(MODES1);
  const reference = readShared(MODES1_AVR).toString('utf8').trim().split('\n').map((l) => l.trim().slice(1, -1).toLowerCase());

  it('finds at least the 217 usable frames antirez dump1090 finds, and every distinct one of them', () => {
    const { frames } = demodulate(2_000_000, iq);
    expect(reference).toHaveLength(217);
    expect(frames.length).toBeGreaterThanOrEqual(217);
    const ours = new Set(frames.map((f) => f.hex));
    expect([...new Set(reference)].filter((r) => !ours.has(r))).toEqual([]);
  });

  it('emits only frames of the one aircraft in the capture (4D2023), clean or address-checked', () => {
    const { frames } = demodulate(2_000_000, iq);
    for (const f of frames) {
      const bytes = Uint8Array.from(Buffer.from(f.hex, 'hex'));
      const df = bytes[0] >> 3;
      const remainder = crcRemainder(bytes);
      if (df === 17 || df === 11) expect(f.hex.slice(2, 8)).toBe('4d2023');
      if (df === 17) expect(remainder).toBe(0);
      if ([0, 4, 5, 16, 20, 21].includes(df)) expect(remainder).toBe(0x4d2023);
    }
  });

  it('finds at least as many frames as the mode-s-demodulator package on the same bytes', () => {
    const Demodulator = createRequire(import.meta.url)('mode-s-demodulator') as new () => {
      process(data: Buffer, size: number, onMsg: (msg: unknown) => void): void;
    };
    let theirs = 0;
    new Demodulator().process(Buffer.from(iq), iq.length, () => theirs++);
    const { frames } = demodulate(2_000_000, iq);
    expect(theirs).toBeGreaterThan(150);
    expect(frames.length).toBeGreaterThanOrEqual(theirs);
  });
});

describe('IQ demodulator on the modulator’s 2.4 MSPS captures', () => {
  const clean = makeCapture(2_400_000, 25, 1);

  it('recovers nearly every frame at 25 dB SNR and invents none', () => {
    const truth = new Set(clean.truth.map((t) => t.hex));
    const { frames } = demodulate(2_400_000, clean.iq);
    const found = new Set(frames.map((f) => f.hex));
    const recovered = [...truth].filter((t) => found.has(t)).length;
    expect(recovered / truth.size).toBeGreaterThanOrEqual(0.97);
    expect(frames.filter((f) => !isTruthFrame(f.hex, truth))).toEqual([]);
  });

  it('stamps each frame with its preamble start (12 MHz ticks, within one sample) and its level', () => {
    const { frames } = demodulate(2_400_000, clean.iq);
    // The same bytes can be sent more than once (a DF11 repeats exactly): compare with the nearest.
    const byHex = new Map<string, number[]>();
    for (const t of clean.truth) byHex.set(t.hex, [...(byHex.get(t.hex) ?? []), t.timestamp12]);
    let compared = 0;
    for (const f of frames) {
      const expected = byHex.get(f.hex);
      if (expected === undefined) continue;
      expect(Math.min(...expected.map((e) => Math.abs(f.timestamp12 - e)))).toBeLessThanOrEqual(5);
      // The modulator's pulses are 60 counts of 127.5: −6.5 dBFS (read high by up to ~1 dB where
      // two "on" chips touch and the shared edge sample is fully lit).
      expect(Math.abs(rssiFromSignal(f.signal) - 20 * Math.log10(60 / 127.5))).toBeLessThan(1.5);
      compared++;
    }
    expect(compared).toBeGreaterThan(250);
  });

  it('recovers most frames at 15 dB and still some at 10 dB, with no invented frames', () => {
    for (const [snr, least] of [[15, 0.9], [10, 0.1]] as const) {
      const capture = makeCapture(2_400_000, snr, 2);
      const truth = new Set(capture.truth.map((t) => t.hex));
      const { frames } = demodulate(2_400_000, capture.iq);
      const found = new Set(frames.map((f) => f.hex));
      expect([...truth].filter((t) => found.has(t)).length / truth.size).toBeGreaterThanOrEqual(least);
      expect(frames.filter((f) => !isTruthFrame(f.hex, truth))).toEqual([]);
    }
  });

  it('gives the same frames whatever the chunking, odd-sized chunks included', () => {
    const whole = demodulate(2_400_000, clean.iq).frames;
    expect(demodulate(2_400_000, clean.iq, 4099).frames).toEqual(whole);
    expect(demodulate(2_400_000, clean.iq, 131_071).frames).toEqual(whole);
    expect(demodulate(2_400_000, clean.iq.subarray(0, 40_001), 1).frames).toEqual(demodulate(2_400_000, clean.iq.subarray(0, 40_001)).frames);
  });

  it('keeps a frame that straddles both a push boundary and an internal slice boundary', () => {
    const frame = new Uint8Array(14);
    frame.set([0x8d, 0x4d, 0x20, 0x23, 0x58, 0x7f, 0x34, 0x5e, 0x35, 0x83, 0x7e]);
    writeParity(frame);
    const at = SLICE_SAMPLES - 100.4;
    const iq = modulate([{ bytes: frame, atSample: at }], SLICE_SAMPLES + 2000, { rate: 2_400_000, snrDb: 20, random: seededRandom(9) });
    const split = 2 * (SLICE_SAMPLES - 50) + 1;
    const demod = new IqDemodulator(2_400_000);
    const seen: Seen[] = [];
    const sink = (f: RawFrame): void => void seen.push({ hex: bytesToHex(f.bytes).toLowerCase(), timestamp12: f.timestamp12, signal: f.signal });
    demod.push(iq.subarray(0, split), sink);
    demod.push(iq.subarray(split), sink);
    demod.end(sink);
    expect(seen.map((s) => s.hex)).toEqual([bytesToHex(frame).toLowerCase()]);
    expect(Math.abs(seen[0].timestamp12 - at * 5)).toBeLessThanOrEqual(5);
  });

  it('finds a short frame that ends right at the end of the input', () => {
    const frame = new Uint8Array(7);
    frame.set([0x5d, 0x4d, 0x20, 0x23]);
    writeParity(frame);
    const iq = modulate([{ bytes: frame, atSample: 300.2 }], 300 + 155, { rate: 2_400_000, snrDb: 25, random: seededRandom(3) });
    expect(demodulate(2_400_000, iq).frames.map((f) => f.hex)).toEqual([bytesToHex(frame).toLowerCase()]);
  });
});

describe('IQ demodulator on bad input', () => {
  it('counts a trailing half sample instead of failing, and carries odd splits', () => {
    const capture = makeCapture(2_400_000, 25, 4, 40);
    const odd = new Uint8Array(capture.iq.length + 1);
    odd.set(capture.iq);
    const { frames, demod, leftover } = demodulate(2_400_000, odd, 7777);
    expect(leftover).toBe(1);
    expect(demod.stats.oddBytes).toBe(1);
    expect(demod.stats.samples).toBe(capture.iq.length / 2);
    expect(frames.map((f) => f.hex)).toEqual(demodulate(2_400_000, capture.iq).frames.map((f) => f.hex));
  });

  it('emits nothing for all-zero, saturated, constant or empty buffers', () => {
    for (const fill of [0, 255, 127, 128]) {
      const { frames, demod } = demodulate(2_400_000, new Uint8Array(300_001).fill(fill), 65_537);
      expect(frames).toEqual([]);
      expect(demod.stats.samples).toBe(150_000);
    }
    expect(demodulate(2_000_000, new Uint8Array(0)).frames).toEqual([]);
  });

  it('survives random bytes and alternating full-scale square waves without inventing CRC-clean frames', () => {
    const random = seededRandom(11);
    const noise = Uint8Array.from({ length: 400_000 }, () => Math.floor(random() * 256));
    const square = Uint8Array.from({ length: 400_000 }, (_, k) => ((k >> 3) & 1 ? 255 : 0));
    for (const iq of [noise, square]) {
      const { frames } = demodulate(2_400_000, iq, 10_000);
      for (const f of frames) expect(crcRemainder(Uint8Array.from(Buffer.from(f.hex, 'hex'))) & 0xffff80).toBe(0);
    }
  });

  it('refuses an unsupported rate with a clear message', () => {
    expect(() => new IqDemodulator(1_000_000)).toThrow(/unsupported IQ sample rate 1000000; use 2400000 or 2000000/);
  });

  it('decodes a 2.4 MSPS capture read at the wrong rate without crashing, and finds far less', () => {
    const right = demodulate(2_400_000, makeCapture(2_400_000, 25, 5, 100).iq).frames.length;
    const wrong = demodulate(2_000_000, makeCapture(2_400_000, 25, 5, 100).iq).frames.length;
    expect(right).toBeGreaterThan(90);
    expect(wrong).toBeLessThan(right / 2);
  });
});
