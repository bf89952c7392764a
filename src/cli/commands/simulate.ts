// `skyledger simulate`: a seeded traffic scenario around a receiver, written as a capture (AVR `@`
// lines or Beast binary, both with 12 MHz timestamps, or RTL-SDR-style 8-bit I/Q through the
// modulator) plus the truth beside it. The same options and seed always give byte-identical files.
//
// The bundled demo capture (what `serve` loops when there is no hardware) was made with:
//   skyledger simulate --aircraft 50 --duration 300 --seed 421 --lat 50.1109 --lon 8.6821 \
//     --format beast --out fixtures/demo.beast
// (defaults: --corrupt-share 0.01, emergency share 0.04, range 150 NM, start 2026-01-01T12:00Z),
// which also wrote fixtures/demo.truth.jsonl. Regenerate it the same way after changing the
// simulator or the encoder; test/sim/demo-fixture.test.ts checks it still decodes to its truth.
import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { isSupportedIqRate, type IqRate } from '../../demod/slicer-timing.ts';
import { IqCapture } from '../../sim/iq-capture.ts';
import { DEFAULT_RATES } from '../../sim/message-rates.ts';
import { Prng } from '../../sim/prng.ts';
import { DEFAULT_TRAFFIC_OPTIONS } from '../../sim/traffic.ts';
import { TrafficSimulator, type SimFrame, type SimulationOptions } from '../../sim/traffic-simulator.ts';
import { aircraftTruth, frameTruth, runTruth, summaryTruth } from '../../sim/truth.ts';
import { writeAvr } from '../../wire/avr.ts';
import { writeBeast } from '../../wire/beast.ts';
import type { SetExitCode } from './index.ts';
import { parseNumber } from './option-parsers.ts';

export const SIMULATE_FORMATS = ['avr', 'beast', 'iq'] as const;
export type SimulateFormat = (typeof SIMULATE_FORMATS)[number];

/** Without --start-time the run starts here, so a seed alone fixes every byte of the truth too. */
export const DEFAULT_START_TIME = '2026-01-01T12:00:00.000Z';

export interface SimulateRunOptions {
  aircraft: number;
  duration: number;
  seed: number;
  lat: number;
  lon: number;
  format: SimulateFormat;
  out: string;
  /** Defaults to `<out without extension>.truth.jsonl`. */
  truth?: string;
  corruptShare?: number;
  emergencyShare?: number;
  rangeNm?: number;
  startTime?: string;
  /** Seconds between truth track points. */
  truthInterval?: number;
  /** Also write one truth line per frame. */
  truthFrames?: boolean;
  /** I/Q sample rate for --format iq (2400000 default, or 2000000). */
  rate?: number;
}

/** I/Q runs write 2 bytes per sample (4.8 MB a second at 2.4 MSPS): keep them short. */
const MAX_IQ_SECONDS = 600;

export function defaultTruthPath(out: string): string {
  const ext = path.extname(out);
  return `${ext ? out.slice(0, -ext.length) : out}.truth.jsonl`;
}

/** Validation of the command line; returns the first problem, or undefined. */
export function simulateOptionProblem(o: SimulateRunOptions): string | undefined {
  if (!Number.isInteger(o.aircraft) || o.aircraft < 0 || o.aircraft > 10_000) return '--aircraft must be an integer 0..10000';
  if (!(o.duration > 0) || o.duration > 86_400) return '--duration must be 0 < S ≤ 86400 seconds';
  if (!Number.isInteger(o.seed)) return '--seed must be an integer';
  if (!(Math.abs(o.lat) <= 80)) return '--lat must be within ±80 degrees';
  if (!(Math.abs(o.lon) <= 180)) return '--lon must be within ±180 degrees';
  if (!(SIMULATE_FORMATS as readonly string[]).includes(o.format)) return `--format must be one of ${SIMULATE_FORMATS.join(', ')}`;
  const share = o.corruptShare ?? 0;
  if (!(share >= 0 && share <= 1)) return '--corrupt-share must be within 0..1';
  const emergency = o.emergencyShare ?? DEFAULT_TRAFFIC_OPTIONS.emergencyShare;
  if (!(emergency >= 0 && emergency <= 1)) return '--emergency-share must be within 0..1';
  if (o.rangeNm !== undefined && !(o.rangeNm >= 20 && o.rangeNm <= 250)) return '--range must be 20..250 NM';
  if (o.truthInterval !== undefined && !(o.truthInterval > 0)) return '--truth-interval must be positive';
  if (o.startTime !== undefined && !Number.isFinite(Date.parse(o.startTime))) return '--start-time must be an ISO 8601 time';
  if (o.rate !== undefined && !isSupportedIqRate(o.rate)) return '--rate must be 2400000 or 2000000';
  if (o.format === 'iq' && o.duration > MAX_IQ_SECONDS) return `--duration must be at most ${MAX_IQ_SECONDS} s with --format iq`;
  return undefined;
}

/** Buffered synchronous file writer: the simulator's sink is synchronous and runs to the end. */
class FileOutput {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(1 << 16);
  private used = 0;

  constructor(file: string) {
    this.fd = openSync(file, 'w');
  }

  bytes(data: Uint8Array): void {
    if (this.used + data.length > this.buffer.length) this.flush();
    if (data.length > this.buffer.length) {
      writeSync(this.fd, data);
      return;
    }
    this.buffer.set(data, this.used);
    this.used += data.length;
  }

  text(s: string): void {
    this.bytes(Buffer.from(s, 'utf8'));
  }

  flush(): void {
    let at = 0;
    while (at < this.used) at += writeSync(this.fd, this.buffer, at, this.used - at);
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export interface SimulateResult {
  frames: number;
  corrupted: number;
  truthPath: string;
}

/** Runs the scenario and writes the capture and its truth. Throws only on file-system errors. */
export function runSimulate(o: SimulateRunOptions): SimulateResult {
  const options: SimulationOptions = {
    ...DEFAULT_TRAFFIC_OPTIONS,
    aircraft: o.aircraft,
    duration: o.duration,
    receiver: { lat: o.lat, lon: o.lon },
    rangeNm: o.rangeNm ?? DEFAULT_TRAFFIC_OPTIONS.rangeNm,
    emergencyShare: o.emergencyShare ?? DEFAULT_TRAFFIC_OPTIONS.emergencyShare,
    rates: { ...DEFAULT_RATES },
    corruptShare: o.corruptShare ?? 0,
  };
  const simulator = new TrafficSimulator(options, new Prng(o.seed));
  const { flights, airport } = simulator.traffic;
  const truthPath = o.truth ?? defaultTruthPath(o.out);
  const capture = new FileOutput(o.out);
  const truth = new FileOutput(truthPath);
  try {
    const startTime = new Date(Date.parse(o.startTime ?? DEFAULT_START_TIME)).toISOString();
    truth.text(`${JSON.stringify(runTruth(options, o.seed, startTime, airport))}\n`);
    for (const flight of flights) truth.text(`${JSON.stringify(aircraftTruth(flight, options, o.truthInterval ?? 2))}\n`);
    let write: (f: SimFrame) => void;
    let iq: IqCapture | undefined;
    if (o.format === 'iq') {
      // Noise has its own stream, so the frames and truth of a seed are the same in every format.
      const rate = (o.rate ?? 2_400_000) as IqRate;
      iq = new IqCapture({ rate }, new Prng(o.seed).fork().fork(), (samples) => capture.bytes(samples));
      const sink = iq;
      write = (f) => sink.add(f.bytes, f.time, f.signal);
    } else if (o.format === 'beast') {
      write = (f) => capture.bytes(writeBeast(f.bytes, f.timestamp12, f.signal));
    } else {
      write = (f) => capture.text(writeAvr(f.bytes, { timestamp12: f.timestamp12 }));
    }
    const summary = simulator.run((frame) => {
      write(frame);
      if (o.truthFrames === true) truth.text(`${JSON.stringify(frameTruth(frame, flights[frame.flight]))}\n`);
    });
    iq?.finish(o.duration);
    truth.text(`${JSON.stringify(summaryTruth(summary))}\n`);
    return { frames: summary.frames, corrupted: summary.corrupted, truthPath };
  } finally {
    capture.close();
    truth.close();
  }
}

export function registerSimulate(program: Command, setExitCode: SetExitCode, err: Writable = process.stderr): void {
  program
    .command('simulate')
    .description('write a seeded, simulated traffic capture (AVR or Beast) and its truth file')
    .requiredOption('--out <file>', 'capture to write')
    .option('--aircraft <n>', 'number of aircraft', parseNumber('aircraft'), 50)
    .option('--duration <s>', 'length of the capture in seconds', parseNumber('duration'), 300)
    .option('--seed <k>', 'random seed (same seed, same bytes)', parseNumber('seed'), 1)
    .option('--lat <deg>', 'receiver latitude', parseNumber('lat'), 50.0379)
    .option('--lon <deg>', 'receiver longitude', parseNumber('lon'), 8.5622)
    .option('--format <format>', `capture format (${SIMULATE_FORMATS.join('|')})`, 'beast')
    .option('--corrupt-share <share>', 'share of frames damaged by bit flips (0..1)', parseNumber('corrupt-share'), 0.01)
    .option('--emergency-share <share>', 'share of aircraft squawking 7700 (0..1)', parseNumber('emergency-share'))
    .option('--range <nm>', 'coverage radius around the receiver, NM', parseNumber('range'))
    .option('--start-time <iso>', `time of the first sample (default ${DEFAULT_START_TIME})`)
    .option('--truth <file>', 'truth file (default: <out without extension>.truth.jsonl)')
    .option('--truth-interval <s>', 'seconds between truth track points', parseNumber('truth-interval'), 2)
    .option('--truth-frames', 'also write one truth line per frame')
    .option('--rate <sps>', 'I/Q sample rate for --format iq (2400000|2000000)', parseNumber('rate'))
    .action((opts: {
      out: string; aircraft: number; duration: number; seed: number; lat: number; lon: number; format: string;
      corruptShare: number; emergencyShare?: number; range?: number; startTime?: string; truth?: string;
      truthInterval: number; truthFrames?: boolean; rate?: number;
    }) => {
      const run: SimulateRunOptions = {
        aircraft: opts.aircraft, duration: opts.duration, seed: opts.seed, lat: opts.lat, lon: opts.lon,
        format: opts.format as SimulateFormat, out: opts.out, truth: opts.truth, corruptShare: opts.corruptShare,
        emergencyShare: opts.emergencyShare, rangeNm: opts.range, startTime: opts.startTime,
        truthInterval: opts.truthInterval, truthFrames: opts.truthFrames === true, rate: opts.rate,
      };
      const problem = simulateOptionProblem(run);
      if (problem !== undefined) {
        err.write(`skyledger simulate: ${problem}\n`);
        setExitCode(2);
        return;
      }
      const result = runSimulate(run);
      err.write(`wrote ${result.frames} frames (${result.corrupted} damaged) to ${run.out}, truth to ${result.truthPath}\n`);
      setExitCode(0);
    });
}
