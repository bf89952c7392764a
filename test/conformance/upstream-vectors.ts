// The shared `vectors.json` (upstream README §3): one typed view of the 243 published facts, and
// the conversions every conformance test needs (hex frames, vector times in seconds).
import { readShared } from '../helpers/shared.ts';

export const VECTORS_FILE = 'vectors.json';

export type Expectation = Record<string, unknown>;

export interface VectorMessage {
  msg: string;
  t?: number | string;
  t_ms?: number;
  order?: 'oldest' | 'latest';
  cpr_format?: number;
  altitude?: number;
  typecode?: number;
}

export interface CprPair {
  even_lat_cpr: number;
  even_lon_cpr: number;
  odd_lat_cpr: number;
  odd_lon_cpr: number;
  even_is_newer: boolean;
}

export interface UpstreamVector {
  id: string;
  category: string;
  msg?: string;
  t?: number | string;
  msgs?: VectorMessage[];
  cpr_pair?: CprPair;
  ac12?: number;
  ac13?: number;
  id13?: number;
  gillham_bits?: string;
  ac13_derived?: number;
  mb?: string;
  beast_hex?: string;
  avr?: string;
  iq_file?: { available_here: boolean };
  derived_from?: string;
  reference?: Record<string, number | string>;
  newer?: 'even' | 'odd';
  expect: Expectation;
  tolerance?: Record<string, number>;
  notes?: string;
  computed?: { df: number; crc_remainder: number };
}

export function loadVectors(): { count: number; vectors: UpstreamVector[] } {
  const parsed = JSON.parse(readShared(VECTORS_FILE).toString('utf8')) as { count: number; vectors: UpstreamVector[] };
  return parsed;
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** A vector message's reception time in seconds: UNIX seconds, ISO text, milliseconds, or its order. */
export function vectorTime(m: { t?: number | string; t_ms?: number; order?: string }, index: number): number {
  if (typeof m.t === 'number') return m.t;
  if (typeof m.t === 'string') return Date.parse(m.t) / 1000;
  if (typeof m.t_ms === 'number') return m.t_ms / 1000;
  return index;
}
