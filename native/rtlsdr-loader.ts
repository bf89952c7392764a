// Optional direct RTL-SDR access through native/rtlsdr (built only where librtlsdr-dev is present).
// A source can use it instead of spawning rtl_sdr; without it, `rtlsdrAvailable()` says why.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonLoader } from './load-addon.ts';

interface RtlSdrBinding {
  deviceCount(): number;
  deviceName(index: number): string;
  open(index: number, rate: number, frequency: number, gainTenthsDb: number, ppm: number, onData: (chunk: Buffer) => void, onEnd: (code: number) => void): object;
  stop(handle: object): void;
}

export const RTLSDR_ADDON_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'rtlsdr/build/Release/skyledger_rtlsdr.node');

const loadAddon = addonLoader<RtlSdrBinding>(RTLSDR_ADDON_PATH, () => 'native/rtlsdr not built (needs librtlsdr-dev when npm install runs)');

function load(): RtlSdrBinding | undefined {
  return loadAddon().binding;
}

export function rtlsdrAvailable(): { available: true } | { available: false; reason: string } {
  return load() !== undefined ? { available: true } : { available: false, reason: loadAddon().error ?? 'unknown' };
}

export function listRtlSdrDevices(): Array<{ index: number; name: string }> {
  const b = load();
  if (b === undefined) return [];
  return Array.from({ length: b.deviceCount() }, (_, index) => ({ index, name: b.deviceName(index) }));
}

export interface RtlSdrOptions {
  index?: number;
  rate?: number;
  frequency?: number;
  /** Tuner gain in dB; undefined = automatic. */
  gainDb?: number;
  ppm?: number;
}

export interface RtlSdrReader {
  stop(): void;
}

/** Starts reading; `onData` gets u8 I/Q buffers (owned by the caller), `onEnd` the library's exit code. */
export function openRtlSdr(options: RtlSdrOptions, onData: (chunk: Buffer) => void, onEnd: (code: number) => void): RtlSdrReader | { error: string } {
  const b = load();
  if (b === undefined) return { error: loadAddon().error ?? 'native/rtlsdr unavailable' };
  try {
    const handle = b.open(
      options.index ?? 0,
      options.rate ?? 2_400_000,
      options.frequency ?? 1_090_000_000,
      options.gainDb === undefined ? -1 : Math.round(options.gainDb * 10),
      options.ppm ?? 0,
      onData,
      onEnd,
    );
    return { stop: () => b.stop(handle) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
