import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IqDemodulator, MAGNITUDE, modulate, seededRandom, syntheticTraffic } from '../../src/demod/index.ts';
import { crcRemainder } from '../../src/modes/crc.ts';
import { bytesToHex } from '../../src/modes/message.ts';
import { REPO } from '../helpers/shared.ts';
import { makeIqFixture } from '../../scripts/make-iq-fixture.ts';

describe('IQ modulator', () => {
  it('is reproducible from its seed and differs with another seed', () => {
    const make = (seed: number): Uint8Array => {
      const random = seededRandom(seed);
      const t = syntheticTraffic(random, { rate: 2_400_000, frames: 20 });
      return modulate(t.frames, t.totalSamples, { rate: 2_400_000, snrDb: 15, random });
    };
    expect(make(7)).toEqual(make(7));
    expect(make(7)).not.toEqual(make(8));
  });

  it('adds noise of the power the SNR asks for, centred on 127.5', () => {
    const iq = modulate([], 200_000, { rate: 2_000_000, snrDb: 20, amplitude: 60, random: seededRandom(1) });
    let sum = 0;
    let power = 0;
    for (let k = 0; k < iq.length; k++) {
      sum += iq[k] - 127.5;
      power += (iq[k] - 127.5) ** 2;
    }
    const noisePower = (2 * power) / iq.length - 1 / 12; // per complex sample, minus rounding noise
    expect(sum / iq.length).toBeCloseTo(0, 1);
    expect(10 * Math.log10((60 * 60) / noisePower)).toBeCloseTo(20, 0);
  });

  it('puts the four preamble pulses at 0, 1, 3.5 and 4.5 µs and one pulse per bit', () => {
    const frame = Uint8Array.from([0x8f, 0x4d, 0x20, 0x23, 0x58, 0x7f, 0x34, 0x5e, 0x35, 0x83, 0x7e, 0x22, 0x18, 0xb2]);
    expect(crcRemainder(frame)).toBe(0);
    // 2.0 MSPS, preamble on a sample edge: each 0.5 µs chip is exactly one sample.
    const iq = modulate([{ bytes: frame, atSample: 10 }], 300, { rate: 2_000_000, snrDb: 60, random: seededRandom(2) });
    const lit = (n: number): boolean => MAGNITUDE[(iq[2 * n] << 8) | iq[2 * n + 1]] > 10_000;
    const preamble = Array.from({ length: 16 }, (_, c) => (lit(10 + c) ? 1 : 0)).join('');
    expect(preamble).toBe('1010000101000000');
    let bits = '';
    for (let k = 0; k < 112; k++) bits += lit(26 + 2 * k) && !lit(27 + 2 * k) ? '1' : '0';
    expect(bits).toBe(Array.from(frame, (b) => b.toString(2).padStart(8, '0')).join(''));
  });

  it('makes DF17, DF11 and address/parity replies whose parity checks out', () => {
    const { frames } = syntheticTraffic(seededRandom(3), { rate: 2_400_000, frames: 300 });
    const dfs = new Set(frames.map((f) => f.bytes[0] >> 3));
    expect([...dfs].sort((a, b) => a - b)).toEqual(expect.arrayContaining([0, 4, 5, 11, 17, 20, 21]));
    const addresses = new Set(frames.filter((f) => f.bytes[0] >> 3 === 17).map((f) => bytesToHex(f.bytes.subarray(1, 4))));
    for (const f of frames) {
      const df = f.bytes[0] >> 3;
      const r = crcRemainder(f.bytes);
      if (df === 17) expect(r).toBe(0);
      else if (df === 11) expect(r & 0xffff80).toBe(0);
      else expect(addresses.has(r.toString(16).toUpperCase().padStart(6, '0'))).toBe(true);
    }
  });
});

describe('fixtures/sample-2400k.iq', () => {
  const iq = readFileSync(path.join(REPO, 'fixtures/sample-2400k.iq'));
  const truthText = readFileSync(path.join(REPO, 'fixtures/sample-2400k.truth.txt'), 'utf8');

  it('is what scripts/make-iq-fixture.ts generates with its defaults', () => {
    const fixture = makeIqFixture(2_400_000, 20, 2400, 200);
    expect(Buffer.from(fixture.iq).equals(iq)).toBe(true);
    expect(fixture.truth).toBe(truthText);
  });

  it('demodulates to its truth', () => {
    const truth = truthText.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split(' ')[1].toLowerCase());
    const found: string[] = [];
    const demod = new IqDemodulator(2_400_000);
    demod.push(iq, (f) => void found.push(bytesToHex(f.bytes).toLowerCase()));
    demod.end((f) => void found.push(bytesToHex(f.bytes).toLowerCase()));
    expect(truth).toHaveLength(200);
    expect(found).toEqual(truth);
  });
});
