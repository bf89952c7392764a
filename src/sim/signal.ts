// Received signal level as the Beast signal byte (amplitude, 255 = full scale; RSSI dBFS =
// 20·log10(byte/255)). Free-space loss makes amplitude fall as 1/distance, i.e. 20 dB per decade
// of range; transmitters differ by a few dB and each reply fades a little on its way.
import type { Prng } from './prng.ts';

/** dBFS of a typical transponder at 10 NM: strong but below saturation, as on a hobby station. */
const LEVEL_AT_10_NM = -6;
const FADE_SIGMA_DB = 1;
const METRES_PER_10_NM = 18_520;

export function signalDbfs(distanceM: number, txOffsetDb: number): number {
  return LEVEL_AT_10_NM - 20 * Math.log10(Math.max(distanceM, 100) / METRES_PER_10_NM) + txOffsetDb;
}

/** The signal byte for one reply, with its fading drawn from `prng`; clamped to 1..255. */
export function signalByte(distanceM: number, txOffsetDb: number, prng: Prng): number {
  const dbfs = signalDbfs(distanceM, txOffsetDb) + FADE_SIGMA_DB * prng.gaussian();
  const byte = Math.round(255 * 10 ** (dbfs / 20));
  return byte < 1 ? 1 : byte > 255 ? 255 : byte;
}
