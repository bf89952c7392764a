// `skyledger simulate` end to end: files on disk, the same seed giving the same bytes, and the
// written capture parsing back (through the project's AVR and Beast parsers) to the frames the
// truth file lists.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { defaultTruthPath, runSimulate, simulateOptionProblem, type SimulateRunOptions } from '../../src/cli/commands/simulate.ts';
import { bytesToHex } from '../../src/modes/message.ts';
import { AvrParser } from '../../src/wire/avr.ts';
import { BeastParser } from '../../src/wire/beast.ts';
import type { FrameParser } from '../../src/wire/raw-frame.ts';
import { parseTruth } from './truth-track.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-sim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function options(name: string, overrides: Partial<SimulateRunOptions> = {}): SimulateRunOptions {
  return {
    aircraft: 6, duration: 30, seed: 3, lat: 52.3086, lon: 4.7639, format: 'beast', out: path.join(dir, name),
    corruptShare: 0.02, truthFrames: true, ...overrides,
  };
}

function parseAll(parser: FrameParser, bytes: Uint8Array): Array<{ hex: string; ticks: number; signal: number }> {
  const frames: Array<{ hex: string; ticks: number; signal: number }> = [];
  const sink = (f: { bytes: Uint8Array; timestamp12: number; signal: number }) => frames.push({ hex: bytesToHex(f.bytes), ticks: f.timestamp12, signal: f.signal });
  parser.push(bytes, sink);
  expect(parser.end(sink)).toBe(0);
  return frames;
}

describe('skyledger simulate', () => {
  it('writes byte-identical capture and truth for the same seed, and different ones for another seed', () => {
    for (const format of ['beast', 'avr'] as const) {
      const a = runSimulate(options(`a.${format}`, { format }));
      const b = runSimulate(options(`b.${format}`, { format }));
      const c = runSimulate(options(`c.${format}`, { format, seed: 4 }));
      const bytes = (f: string) => readFileSync(path.join(dir, f));
      expect(bytes(`a.${format}`).equals(bytes(`b.${format}`))).toBe(true);
      expect(readFileSync(a.truthPath).equals(readFileSync(b.truthPath))).toBe(true);
      expect(bytes(`a.${format}`).equals(bytes(`c.${format}`))).toBe(false);
      expect(readFileSync(a.truthPath).equals(readFileSync(c.truthPath))).toBe(false);
      expect(a.frames).toBeGreaterThan(500);
    }
  });

  it('writes Beast frames with 12 MHz timestamps and signal levels that parse back to the truth frames', () => {
    const result = runSimulate(options('parse.beast'));
    const truth = parseTruth(readFileSync(result.truthPath, 'utf8'));
    const frames = parseAll(new BeastParser(), readFileSync(path.join(dir, 'parse.beast')));
    expect(frames.length).toBe(truth.frames.length);
    expect(truth.summary.frames).toBe(frames.length);
    frames.forEach((f, i) => {
      expect(f.hex).toBe(truth.frames[i].hex);
      expect(f.ticks).toBe(truth.frames[i].ticks);
      expect(f.ticks / 12e6).toBeCloseTo(truth.frames[i].t, 9);
      expect(f.signal).toBeGreaterThan(0);
    });
    expect(truth.frames.some((f) => f.corrupted_bits > 0 && f.original !== f.hex)).toBe(true);
  });

  it('writes AVR as @-timestamped lines holding the same frames', () => {
    const result = runSimulate(options('parse.avr', { format: 'avr' }));
    const text = readFileSync(path.join(dir, 'parse.avr'), 'utf8');
    expect(text.split('\n').filter(Boolean).every((line) => /^@[0-9A-F]{12}([0-9A-F]{14}|[0-9A-F]{28});$/.test(line))).toBe(true);
    const truth = parseTruth(readFileSync(result.truthPath, 'utf8'));
    const frames = parseAll(new AvrParser(), Buffer.from(text));
    expect(frames.map((f) => f.hex)).toEqual(truth.frames.map((f) => f.hex));
    expect(frames.map((f) => f.ticks)).toEqual(truth.frames.map((f) => f.ticks));
  });

  it('writes I/Q at the chosen rate, deterministic, with the same truth as the other formats', () => {
    const iqOptions = (name: string) => options(name, { format: 'iq', duration: 0.5, aircraft: 3, rate: 2_000_000 });
    const a = runSimulate(iqOptions('a.iq'));
    runSimulate(iqOptions('b.iq'));
    const beast = runSimulate(options('same.beast', { duration: 0.5, aircraft: 3 }));
    const bytes = (f: string) => readFileSync(path.join(dir, f));
    expect(bytes('a.iq').length).toBe(2 * 1_000_000);
    expect(bytes('a.iq').equals(bytes('b.iq'))).toBe(true);
    expect(readFileSync(a.truthPath).equals(readFileSync(beast.truthPath))).toBe(true);
    expect(simulateOptionProblem(options('x', { format: 'iq', rate: 3_000_000 }))).toMatch(/--rate/);
  });

  it('puts the truth beside the capture: run settings, one line per aircraft, the start time given', () => {
    expect(defaultTruthPath('fixtures/demo.beast')).toBe('fixtures/demo.truth.jsonl');
    const result = runSimulate(options('start.beast', { startTime: '2026-03-01T08:00:00Z', truthFrames: false }));
    const truth = parseTruth(readFileSync(result.truthPath, 'utf8'));
    expect(truth.run.start_time).toBe('2026-03-01T08:00:00.000Z');
    expect(truth.run.receiver).toEqual({ lat: 52.3086, lon: 4.7639 });
    expect(truth.aircraft.size).toBe(6);
    expect(truth.frames).toHaveLength(0);
    for (const a of truth.aircraft.values()) expect(a.track.length).toBeGreaterThan(0);
  });

  it('refuses bad options with exit code 2 and a message naming the option', async () => {
    expect(simulateOptionProblem(options('x', { corruptShare: 1.5 }))).toMatch(/--corrupt-share/);
    expect(simulateOptionProblem(options('x', { aircraft: 2.5 }))).toMatch(/--aircraft/);
    expect(simulateOptionProblem(options('x', { startTime: 'yesterday' }))).toMatch(/--start-time/);
    const code = await main(['simulate', '--out', path.join(dir, 'bad.beast'), '--format', 'sbs', '--duration', '5']);
    expect(code).toBe(2);
  });

  it('runs from the command line', async () => {
    const out = path.join(dir, 'cli.avr');
    const code = await main(['simulate', '--aircraft', '3', '--duration', '10', '--seed', '9', '--lat', '40.64', '--lon', '-73.78', '--format', 'avr', '--out', out]);
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8').length).toBeGreaterThan(1000);
    expect(parseTruth(readFileSync(defaultTruthPath(out), 'utf8')).aircraft.size).toBe(3);
  });
});
