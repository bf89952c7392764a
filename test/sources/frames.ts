// CRC-valid Mode S frames for source tests, built with the project's own CRC (no captured data).
import { crcRemainder, writeParity } from '../../src/modes/crc.ts';

/** `n` distinct DF17 identification frames (ICAO 0xA00000 + i) with valid parity. */
export function df17Frames(n: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const f = new Uint8Array(14);
    const icao = 0xa00000 + i;
    f[0] = 0x8d;
    f[1] = icao >>> 16;
    f[2] = (icao >>> 8) & 0xff;
    f[3] = icao & 0xff;
    f[4] = 0x20; // TC 4, category 0
    for (let b = 5; b < 11; b++) f[b] = (i * 31 + b * 7) & 0xff;
    writeParity(f);
    if (crcRemainder(f) !== 0) throw new Error('frame builder produced a bad CRC');
    out.push(f);
  }
  return out;
}

/** One DF11 all-call reply (56 bits) with valid parity. */
export function df11Frame(icao: number): Uint8Array {
  const f = new Uint8Array(7);
  f[0] = 0x5d;
  f[1] = icao >>> 16;
  f[2] = (icao >>> 8) & 0xff;
  f[3] = icao & 0xff;
  writeParity(f);
  return f;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}
