// Test captures from the project's own modulator: IQ bytes plus the exact truth (frames and where
// their preambles start), reproducible from a seed.
import { modulate, seededRandom, syntheticTraffic } from '../../src/demod/index.ts';
import { bytesToHex } from '../../src/modes/message.ts';

export interface TruthFrame {
  hex: string;
  /** 12 MHz ticks from the first sample to the preamble start. */
  timestamp12: number;
}

export interface Capture {
  rate: number;
  snrDb: number;
  iq: Uint8Array;
  truth: TruthFrame[];
}

export function makeCapture(rate: number, snrDb: number, seed: number, frames = 300): Capture {
  const random = seededRandom(seed);
  const traffic = syntheticTraffic(random, { rate, frames });
  const iq = modulate(traffic.frames, traffic.totalSamples, { rate, snrDb, random });
  const ticks = 12e6 / rate;
  return {
    rate,
    snrDb,
    iq,
    truth: traffic.frames.map((f) => ({ hex: bytesToHex(f.bytes).toLowerCase(), timestamp12: f.atSample * ticks })),
  };
}

/**
 * A DF11 reply whose only damage is in its interrogator code (the low 7 parity bits) is what any
 * Mode S receiver accepts: the address and capability are right, the II it reports is not.
 */
export function isTruthFrame(hex: string, truth: ReadonlySet<string>): boolean {
  if (truth.has(hex)) return true;
  if (hex.length !== 14 || parseInt(hex.slice(0, 2), 16) >> 3 !== 11) return false;
  const top = parseInt(hex.slice(12), 16) & 0x80;
  for (const t of truth) if (t.length === 14 && t.slice(0, 12) === hex.slice(0, 12) && (parseInt(t.slice(12), 16) & 0x80) === top) return true;
  return false;
}
