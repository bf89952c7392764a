// Traffic simulator throughput on the demo scenario (50 aircraft, 300 s, Beast framing into
// memory, no file I/O). Peers in the same run: the project's Decoder on the very frames the
// simulator produced (can the simulator outrun the consumer it is meant to load?), and real time
// (how many seconds of traffic one second of simulation makes). Median of repeated runs.
import { performance } from 'node:perf_hooks';
import { Decoder } from '../src/modes/decoder.ts';
import { DEFAULT_RATES } from '../src/sim/message-rates.ts';
import { Prng } from '../src/sim/prng.ts';
import { DEFAULT_TRAFFIC_OPTIONS } from '../src/sim/traffic.ts';
import { TrafficSimulator, type SimulationOptions } from '../src/sim/traffic-simulator.ts';
import { writeBeast } from '../src/wire/beast.ts';
import { figure, type BenchFigure } from './runner.ts';
import { median } from './upstream.ts';

const REPEATS = 5;

const OPTIONS: SimulationOptions = {
  ...DEFAULT_TRAFFIC_OPTIONS, aircraft: 50, duration: 300, receiver: { lat: 50.1109, lon: 8.6821 },
  rates: { ...DEFAULT_RATES }, corruptShare: 0.01,
};

export async function run(): Promise<BenchFigure[]> {
  const frames: Array<{ bytes: Uint8Array; t: number }> = [];
  const simSeconds: number[] = [];
  let count = 0;
  let beastBytes = 0;
  for (let r = 0; r < REPEATS; r++) {
    const keep = r === 0;
    const start = performance.now();
    const simulator = new TrafficSimulator(OPTIONS, new Prng(421));
    count = simulator.run((f) => {
      const out = writeBeast(f.bytes, f.timestamp12, f.signal);
      beastBytes += out.length;
      if (keep) frames.push({ bytes: f.bytes.slice(), t: f.time });
    }).frames;
    simSeconds.push((performance.now() - start) / 1000);
  }
  const decodeSeconds: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const decoder = new Decoder({ receiver: OPTIONS.receiver });
    const start = performance.now();
    for (const f of frames) decoder.decode(f.bytes, f.t);
    decodeSeconds.push((performance.now() - start) / 1000);
  }
  const sim = median(simSeconds);
  const dec = median(decodeSeconds);
  return [
    figure('simulate', count / sim, 'frames/s', 'decoder on the same frames', frames.length / dec, { aircraft: 50, frames: count, beast_bytes: beastBytes / REPEATS }),
    figure('simulate_realtime_factor', OPTIONS.duration / sim, 'x real time', 'real time', 1),
  ];
}
