// Picks the IQ demodulator implementation: the native addon (native/build/Release/skyledger_demod.node,
// built by `npm install` through scripts/build-native.mjs) when it loads, else the TypeScript one.
// Both implement FrameParser and produce identical frames; `implementation` and `reason` say which
// is in use and why, for `skyledger decode --format iq` to print. SKYLEDGER_DEMOD=typescript|native
// forces one; SKYLEDGER_NATIVE_ADDON points at another build of the addon (or at nothing, to check
// the fallback).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FULL_SCALE_MAGNITUDE, IqDemodulator, isSupportedIqRate, type DemodStats } from '../src/demod/index.ts';
import { newRawFrame, type FrameParser, type FrameSink, type RawFrame } from '../src/wire/raw-frame.ts';
import { addonLoader } from './load-addon.ts';

export type DemodImplementation = 'native' | 'typescript';

export interface IqFrameParser extends FrameParser {
  readonly stats: DemodStats;
}

interface NativeBinding {
  create(rate: number): object | null;
  push(handle: object, chunk: Uint8Array, out: Uint8Array): number;
  end(handle: object, out: Uint8Array): number;
  stats(handle: object, out: Float64Array): void;
}

export const ADDON_PATH = process.env.SKYLEDGER_NATIVE_ADDON
  ? path.resolve(process.env.SKYLEDGER_NATIVE_ADDON)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'build/Release/skyledger_demod.node');

const load = addonLoader<NativeBinding>(ADDON_PATH, () => `${path.relative(process.cwd(), ADDON_PATH) || ADDON_PATH} not built (npm install builds it; needs a C compiler)`);

/** Loads the addon once; returns it or undefined (with `nativeUnavailableReason()` saying why). */
export function nativeBinding(): NativeBinding | undefined {
  return load().binding;
}

export function nativeUnavailableReason(): string | undefined {
  return load().error;
}

/** 32-byte records written by native/binding.c: f64 timestamp12, i32 length, i32 signal, 14 bytes. */
const RECORD = 32;
const OUT_RECORDS = 2048;
/** Feed the addon at most this many bytes per call so a call's frames always fit OUT_RECORDS. */
const MAX_PUSH_BYTES = 131072;
const STAT_FIELDS = 11;

export class NativeIqDemodulator implements IqFrameParser {
  private readonly handle: object;
  private readonly out = new Uint8Array(OUT_RECORDS * RECORD);
  private readonly outF64 = new Float64Array(this.out.buffer);
  private readonly outI32 = new Int32Array(this.out.buffer);
  private readonly statBuffer = new Float64Array(STAT_FIELDS);
  private readonly frame: RawFrame = newRawFrame();
  private readonly short = new Uint8Array(7);
  private readonly long = new Uint8Array(14);
  private readonly counters: DemodStats = {
    frames: 0, modeac: 0, heartbeats: 0, garbage: 0, bytes: 0,
    samples: 0, preambles: 0, clean: 0, repaired: 0, unknownAddress: 0, badCrc: 0, oddBytes: 0, noiseFloor: 0,
  };

  constructor(private readonly native: NativeBinding, rate: number) {
    const handle = isSupportedIqRate(rate) ? native.create(rate) : null;
    if (handle === null) throw new RangeError(`unsupported IQ sample rate ${rate}; use 2400000 or 2000000`);
    this.handle = handle;
  }

  get stats(): DemodStats {
    const s = this.statBuffer;
    this.native.stats(this.handle, s);
    const c = this.counters;
    c.frames = s[0];
    c.bytes = s[1];
    c.samples = s[2];
    c.preambles = s[3];
    c.clean = s[4];
    c.repaired = s[5];
    c.unknownAddress = s[6];
    c.badCrc = s[7];
    c.oddBytes = s[8];
    c.noiseFloor = s[9];
    c.garbage = s[10];
    return c;
  }

  push(chunk: Uint8Array, sink: FrameSink): void {
    for (let at = 0; at < chunk.length; at += MAX_PUSH_BYTES) {
      const part = chunk.length <= MAX_PUSH_BYTES ? chunk : chunk.subarray(at, at + MAX_PUSH_BYTES);
      this.deliver(this.native.push(this.handle, part, this.out), sink);
    }
  }

  end(sink: FrameSink): number {
    this.deliver(this.native.end(this.handle, this.out), sink);
    const s = this.statBuffer;
    this.native.stats(this.handle, s);
    return s[8] > 0 ? 1 : 0;
  }

  private deliver(count: number, sink: FrameSink): void {
    const frame = this.frame;
    for (let k = 0; k < count; k++) {
      const length = this.outI32[k * 8 + 2];
      const bytes = length === 14 ? this.long : this.short;
      bytes.set(this.out.subarray(k * RECORD + 16, k * RECORD + 16 + length));
      frame.bytes = bytes;
      frame.timestamp12 = this.outF64[k * 4];
      frame.signal = this.outI32[k * 8 + 3];
      frame.mlat = false;
      frame.crcChecked = true;
      sink(frame);
    }
  }
}

export interface ChosenDemodulator {
  demodulator: IqFrameParser;
  implementation: DemodImplementation;
  /** Why the TypeScript path is in use, when it is. */
  reason?: string;
}

/**
 * The demodulator for `rate`, native when available. Returns an error string instead of throwing
 * for an unsupported rate, so callers can print it.
 */
export function createIqDemodulator(rate: number, prefer: DemodImplementation | 'auto' = 'auto'): ChosenDemodulator | { error: string } {
  if (!isSupportedIqRate(rate)) return { error: `unsupported IQ sample rate ${rate}; use --rate 2400000 or --rate 2000000` };
  const forced = process.env.SKYLEDGER_DEMOD;
  const want = prefer !== 'auto' ? prefer : forced === 'typescript' || forced === 'native' ? forced : 'auto';
  if (want !== 'typescript') {
    const native = nativeBinding();
    if (native !== undefined) return { demodulator: new NativeIqDemodulator(native, rate), implementation: 'native' };
    if (want === 'native') return { error: `native demodulator unavailable: ${nativeUnavailableReason()}` };
  }
  return {
    demodulator: new IqDemodulator(rate),
    implementation: 'typescript',
    reason: want === 'typescript' ? 'requested' : nativeUnavailableReason(),
  };
}

/** The stderr line `skyledger decode --format iq` prints: which implementation, and why. */
export function describeIqChoice(chosen: ChosenDemodulator, rate: number): string {
  const why = chosen.reason === undefined ? '' : ` (${chosen.reason})`;
  return `IQ demodulator: ${chosen.implementation}${why}, ${rate} samples/s`;
}

export function iqStatsSummary(stats: DemodStats): string {
  const dbfs = stats.noiseFloor > 0 ? (20 * Math.log10(stats.noiseFloor / FULL_SCALE_MAGNITUDE)).toFixed(1) : '-inf';
  const lines = [
    `iq samples: ${stats.samples}`,
    `iq preambles: ${stats.preambles}`,
    `iq frames: ${stats.frames} (clean ${stats.clean}, 1-bit repaired ${stats.repaired})`,
    `iq bad crc: ${stats.badCrc}`,
    `iq unknown address: ${stats.unknownAddress}`,
    `iq noise floor: ${dbfs} dBFS`,
  ];
  if (stats.oddBytes > 0) lines.push(`iq odd trailing byte: ${stats.oddBytes} (input was not whole I/Q pairs)`);
  return lines.join('\n');
}
