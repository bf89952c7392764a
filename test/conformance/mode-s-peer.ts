// The `mode-s-decoder` npm package (watson, a JavaScript port of antirez's dump1090 decoder) as
// the differential peer. It ships no types; this is the part of its message we compare.
import { createRequire } from 'node:module';

export interface PeerMessage {
  msgtype: number;
  msgbits: number;
  crcOk: boolean;
  /** Bit repaired (-1 none; two bits packed as j | i << 8). */
  errorbit: number;
  icao: number;
  ca: number;
  metype: number;
  mesub: number;
  fs: number;
  dr: number;
  um: number;
  /** Squawk digits as a decimal number (7700 for "7700"). */
  identity: number;
  altitude: number | null | undefined;
  unit: number | null | undefined;
  callsign: string;
  aircraftType: number | null;
  fflag: number | null;
  rawLatitude: number | null;
  rawLongitude: number | null;
  ewDir: number | null;
  ewVelocity: number | null;
  nsDir: number | null;
  nsVelocity: number | null;
  vertRateSource: number | null;
  vertRateSign: number | null;
  vertRate: number | null;
  speed: number | null;
  heading: number | null;
  headingIsValid: number | null;
}

export interface PeerDecoder {
  parse(data: Uint8Array): PeerMessage;
}

const require = createRequire(import.meta.url);

export function newPeerDecoder(): PeerDecoder {
  const Peer = require('mode-s-decoder') as new (options?: { fixErrors?: boolean }) => PeerDecoder;
  return new Peer();
}
