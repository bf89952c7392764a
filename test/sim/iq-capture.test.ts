// Given a simulated run rendered as I/Q, when the project's demodulator reads it back, then it
// finds the frames that were sent — the strong ones nearly all, never one that was not sent —
// at the times they were sent.
import { describe, expect, it } from 'vitest';
import { IqDemodulator } from '../../src/demod/iq-demodulator.ts';
import { bytesToHex } from '../../src/modes/message.ts';
import { DEFAULT_RATES } from '../../src/sim/message-rates.ts';
import { IqCapture } from '../../src/sim/iq-capture.ts';
import { Prng } from '../../src/sim/prng.ts';
import { DEFAULT_TRAFFIC_OPTIONS } from '../../src/sim/traffic.ts';
import { TrafficSimulator, type SimulationOptions } from '../../src/sim/traffic-simulator.ts';

describe('IqCapture', () => {
  it('renders frames the demodulator recovers at their times, and nothing that was not sent', () => {
    const rate = 2_400_000;
    const options: SimulationOptions = {
      ...DEFAULT_TRAFFIC_OPTIONS, aircraft: 12, duration: 1.5, receiver: { lat: 51.47, lon: -0.45 }, rangeNm: 40,
      rates: { ...DEFAULT_RATES }, corruptShare: 0,
    };
    const sent = new Map<string, { ticks: number; signal: number }[]>();
    const pieces: Uint8Array[] = [];
    const iq = new IqCapture({ rate }, new Prng(77), (samples) => pieces.push(samples));
    new TrafficSimulator(options, new Prng(12)).run((f) => {
      const hex = bytesToHex(f.bytes);
      sent.set(hex, [...(sent.get(hex) ?? []), { ticks: f.timestamp12, signal: f.signal }]);
      iq.add(f.bytes, f.time, f.signal);
    });
    iq.finish(options.duration);
    const total = pieces.reduce((n, p) => n + p.length, 0);
    expect(total).toBe(2 * Math.round(options.duration * rate));

    const demod = new IqDemodulator(rate);
    const found: Array<{ hex: string; ticks: number }> = [];
    const sink = (f: { bytes: Uint8Array; timestamp12: number }) => found.push({ hex: bytesToHex(f.bytes), ticks: f.timestamp12 });
    for (const p of pieces) demod.push(p, sink);
    demod.end(sink);

    // A DF11's last seven parity bits carry the interrogator code, so a bit error there reads as a
    // reply to another interrogator: DF11s are matched on capability and address.
    const key = (hex: string) => (hex.startsWith('5') && hex.length === 14 ? hex.slice(0, 8) : hex);
    const sentByKey = new Map<string, { ticks: number; signal: number }[]>();
    for (const [hex, copies] of sent) sentByKey.set(key(hex), [...(sentByKey.get(key(hex)) ?? []), ...copies]);
    for (const f of found) {
      const candidates = sentByKey.get(key(f.hex));
      expect(candidates, f.hex).toBeDefined();
      // The demodulator stamps the preamble it found: within a microsecond of when it was sent.
      expect(Math.min(...candidates!.map((c) => Math.abs(c.ticks - f.ticks)))).toBeLessThanOrEqual(12);
    }
    // Frames well above the noise floor come back; garbled overlaps and weak ones may not.
    const foundHex = new Set(found.map((f) => f.hex));
    const strong = [...sent.entries()].filter(([, copies]) => copies.some((c) => c.signal >= 40));
    expect(strong.length).toBeGreaterThan(40);
    expect(strong.filter(([hex]) => foundHex.has(hex)).length).toBeGreaterThanOrEqual(strong.length * 0.9);
  });
});
