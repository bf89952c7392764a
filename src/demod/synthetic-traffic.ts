// Reproducible Mode S traffic to feed the modulator: a few aircraft sending a realistic DF mix
// (DF17 extended squitter, DF11 all-call, DF4/5/20/21 address/parity replies) with correct parity,
// placed one after another with random gaps so the truth is exactly known.
import { writeParity } from '../modes/crc.ts';
import { encodeAllCall, newExtendedSquitter, sealExtendedSquitter } from '../modes/encode/index.ts';
import type { PlacedFrame } from './modulator.ts';
import type { Random } from './seeded-random.ts';

export interface TrafficOptions {
  rate: number;
  frames: number;
  aircraft?: number;
  /** Gap between the end of one frame and the next preamble, µs. */
  minGapMicros?: number;
  maxGapMicros?: number;
  startMicros?: number;
}

/** Frames and their placement; `totalSamples` leaves room after the last one. */
export function syntheticTraffic(random: Random, options: TrafficOptions): { frames: PlacedFrame[]; totalSamples: number } {
  const perMicro = options.rate / 1e6;
  const addresses = Array.from({ length: options.aircraft ?? 6 }, () => Math.floor(random() * 0xffffff) | 0x010000);
  const minGap = options.minGapMicros ?? 30;
  const maxGap = options.maxGapMicros ?? 400;
  const frames: PlacedFrame[] = [];
  let at = options.startMicros ?? 50;
  // Every aircraft first sends one DF17 so its address/parity replies are checkable from the start.
  for (let n = 0; n < options.frames; n++) {
    const address = addresses[n < addresses.length ? n : Math.floor(random() * addresses.length)];
    const kind = n < addresses.length ? 0.0 : random();
    const bytes = kind < 0.55 ? extendedSquitter(random, address) : kind < 0.8 ? allCall(random, address) : addressParity(random, address);
    frames.push({ bytes, atSample: at * perMicro });
    at += 8 + bytes.length * 8 + minGap + random() * (maxGap - minGap);
  }
  return { frames, totalSamples: Math.ceil((at + 200) * perMicro) };
}

function fillRandom(random: Random, bytes: Uint8Array, from: number, to: number): void {
  for (let k = from; k < to; k++) bytes[k] = Math.floor(random() * 256);
}

function extendedSquitter(random: Random, address: number): Uint8Array {
  const f = newExtendedSquitter({ icao: address });
  fillRandom(random, f, 4, 11);
  // A plausible type code (1–22) in the first ME byte's top five bits.
  f[4] = ((1 + Math.floor(random() * 22)) << 3) | (f[4] & 7);
  return sealExtendedSquitter(f);
}

function allCall(random: Random, address: number): Uint8Array {
  return encodeAllCall({ icao: address, interrogator: random() < 0.5 ? 0 : 1 + Math.floor(random() * 15) });
}

function addressParity(random: Random, address: number): Uint8Array {
  const df = [0, 4, 5, 20, 21][Math.floor(random() * 5)];
  const f = new Uint8Array(df >= 16 ? 14 : 7);
  fillRandom(random, f, 0, f.length - 3);
  f[0] = (df << 3) | (f[0] & 7);
  writeParity(f, address);
  return f;
}
