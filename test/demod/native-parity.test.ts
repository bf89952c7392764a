// The native addon and the TypeScript demodulator are two implementations of one algorithm: on the
// same bytes they must emit the same frames with the same timestamps and signal bytes, and count
// the same reasons.
import { describe, expect, it } from 'vitest';
import { IqDemodulator, seededRandom } from '../../src/demod/index.ts';
import { bytesToHex } from '../../src/modes/message.ts';
import type { FrameParser, RawFrame } from '../../src/wire/raw-frame.ts';
import { NativeIqDemodulator, createIqDemodulator, nativeBinding, nativeUnavailableReason } from '../../native/loader.ts';
import { hasShared, readShared } from '../helpers/shared.ts';
import { makeCapture } from './capture.ts';

function run(demod: FrameParser & { stats: object }, iq: Uint8Array, chunk: number): { frames: string[]; stats: object } {
  const frames: string[] = [];
  const sink = (f: RawFrame): void => void frames.push(`${f.timestamp12} ${f.signal} ${bytesToHex(f.bytes)}`);
  for (let at = 0; at < iq.length; at += chunk) demod.push(iq.subarray(at, at + chunk), sink);
  demod.end(sink);
  return { frames, stats: { ...demod.stats } };
}

const native = nativeBinding();
const describeNative = native !== undefined || process.env.CI === 'true' ? describe : describe.skip;

describeNative(`native demodulator (${native !== undefined ? 'built' : `not built: ${nativeUnavailableReason()}`})`, () => {
  const inputs: Array<[string, number, () => Uint8Array]> = [
    ['modulator 2.4 MSPS at 25 dB', 2_400_000, () => makeCapture(2_400_000, 25, 21).iq],
    ['modulator 2.4 MSPS at 11 dB', 2_400_000, () => makeCapture(2_400_000, 11, 22).iq],
    ['modulator 2.0 MSPS at 14 dB', 2_000_000, () => makeCapture(2_000_000, 14, 23).iq],
    ['random bytes with an odd length', 2_400_000, () => {
      const random = seededRandom(24);
      return Uint8Array.from({ length: 200_001 }, () => Math.floor(random() * 256));
    }],
    ['all-zero bytes', 2_000_000, () => new Uint8Array(150_000)],
  ];
  if (hasShared('antirez__dump1090/testfiles/modes1.bin')) {
    inputs.push(['modes1.bin (2.0 MSPS)', 2_000_000, () => readShared('antirez__dump1090/testfiles/modes1.bin')]);
  }

  for (const [name, rate, make] of inputs) {
    it(`emits the same frames, timestamps, levels and counts as TypeScript on ${name}`, () => {
      expect(native, 'the addon must be built in CI').toBeDefined();
      const iq = make();
      const ts = run(new IqDemodulator(rate), iq, 65_521);
      const c = run(new NativeIqDemodulator(native!, rate), iq, 300_007);
      expect(c.frames).toEqual(ts.frames);
      expect(c.stats).toEqual(ts.stats);
    });
  }

  it('is what the loader picks by default, and the TypeScript path stays selectable', () => {
    const auto = createIqDemodulator(2_400_000);
    expect('error' in auto ? auto.error : auto.implementation).toBe('native');
    const forced = createIqDemodulator(2_400_000, 'typescript');
    expect('error' in forced ? forced.error : forced.implementation).toBe('typescript');
  });
});

describe('demodulator loader', () => {
  it('answers an unsupported rate with a message instead of a demodulator', () => {
    expect(createIqDemodulator(1_024_000)).toEqual({ error: 'unsupported IQ sample rate 1024000; use --rate 2400000 or --rate 2000000' });
  });
});
