// The project's own transmitter-and-dongle model: Mode S frames in, unsigned 8-bit interleaved
// I/Q out, as an RTL-SDR would deliver at 2.4 or 2.0 MSPS. Each frame is PPM: 0.5 µs pulses, the
// preamble at 0, 1, 3.5 and 4.5 µs and one pulse per bit from 8 µs (first half = 1, second = 0).
// A sample is the average of the envelope over its interval (the dongle's anti-alias filter, to a
// first approximation) on a carrier with a random phase and frequency offset per frame, plus
// complex Gaussian noise. SNR is peak pulse power over total noise power. Pure: all randomness
// comes from the seeded generator passed in.
import { gaussian, type Random } from './seeded-random.ts';
import { isSupportedIqRate } from './slicer-timing.ts';

export interface PlacedFrame {
  bytes: Uint8Array;
  /** Where the preamble starts, in samples from the first sample (fractional). */
  atSample: number;
  /** This frame's pulse amplitude in ADC counts, overriding the options' (a nearer or farther transmitter). */
  amplitude?: number;
}

export interface ModulatorOptions {
  rate: number;
  snrDb: number;
  random: Random;
  /** Pulse amplitude in ADC counts (127.5 = full scale). */
  amplitude?: number;
  /** Carrier offsets are drawn uniformly from ±this (Hz). */
  maxFrequencyOffsetHz?: number;
}

const FRAME_MICROS = 120;

/** Renders `frames` into `totalSamples` complex samples. Frames should not overlap (they would add). */
export function modulate(frames: readonly PlacedFrame[], totalSamples: number, options: ModulatorOptions): Uint8Array {
  if (!isSupportedIqRate(options.rate)) throw new RangeError(`unsupported IQ sample rate ${options.rate}`);
  const { rate, random } = options;
  const amplitude = options.amplitude ?? 60;
  const maxOffset = options.maxFrequencyOffsetHz ?? 100_000;
  const sigma = amplitude / 10 ** (options.snrDb / 20);
  const axisSigma = sigma / Math.SQRT2;
  const i = new Float32Array(totalSamples);
  const q = new Float32Array(totalSamples);
  for (let n = 0; n < totalSamples; n++) {
    i[n] = axisSigma * gaussian(random);
    q[n] = axisSigma * gaussian(random);
  }
  const perMicro = rate / 1e6;
  const envelope = new Float64Array(Math.ceil(FRAME_MICROS * perMicro) + 3);
  for (const frame of frames) {
    envelope.fill(0);
    const first = Math.floor(frame.atSample);
    const addPulse = (startMicros: number): void => {
      const a = frame.atSample + startMicros * perMicro - first;
      const b = a + 0.5 * perMicro;
      for (let n = Math.floor(a); n < b; n++) envelope[n] += Math.min(n + 1, b) - Math.max(n, a);
    };
    addPulse(0);
    addPulse(1);
    addPulse(3.5);
    addPulse(4.5);
    const bits = frame.bytes.length * 8;
    for (let k = 0; k < bits; k++) {
      const bit = (frame.bytes[k >> 3] >> (7 - (k & 7))) & 1;
      addPulse(8 + k + (bit ? 0 : 0.5));
    }
    const phase0 = 2 * Math.PI * random();
    const step = (2 * Math.PI * (2 * random() - 1) * maxOffset) / rate;
    for (let n = 0; n < envelope.length; n++) {
      const at = first + n;
      if (envelope[n] === 0 || at < 0 || at >= totalSamples) continue;
      const phase = phase0 + step * (n + 0.5);
      i[at] += (frame.amplitude ?? amplitude) * envelope[n] * Math.cos(phase);
      q[at] += (frame.amplitude ?? amplitude) * envelope[n] * Math.sin(phase);
    }
  }
  const out = new Uint8Array(totalSamples * 2);
  for (let n = 0; n < totalSamples; n++) {
    out[2 * n] = quantize(i[n]);
    out[2 * n + 1] = quantize(q[n]);
  }
  return out;
}

function quantize(x: number): number {
  const v = Math.round(127.5 + x);
  return v < 0 ? 0 : v > 255 ? 255 : v;
}
