// Given the real beastblackbox Beast capture (13,954 frames, Saint Petersburg, 2018) and the
// decode dump1090-fa printed for it (8,922 accepted frames, derived to JSONL), when one streaming
// Decoder reads every frame in capture order with the capture's own 12 MHz time, then it accepts
// exactly the published frames, rejects the 6 the publisher could not validate, and every
// published field (address, altitude, squawk, callsign, category, speed, heading, vertical rate and
// its source, GNSS−baro, CPR fields, the 1,456 global positions) agrees as documented below.
import { beforeAll, describe, expect, it } from 'vitest';
import { Decoder } from '../../src/modes/decoder.ts';
import { icaoHex, snapshotMessage, type ModeSMessage } from '../../src/modes/message.ts';
import { BeastParser } from '../../src/wire/beast.ts';
import type { RawFrame } from '../../src/wire/raw-frame.ts';
import { describeShared, readShared } from '../helpers/shared.ts';

const CAPTURE = 'denzen84__beastblackbox/example/ulss7-beast-bin-utc--1522782148.136310917--.log';
const PUBLISHED = 'derived/denzen84__beastblackbox/beast_decoded_dump1090.jsonl';

interface PublishedFrame {
  raw: string;
  time_us: number;
  df: number;
  frame_index: number;
  norm: {
    icao: string;
    air_ground: 'airborne' | 'airborne?' | 'ground';
    altitude_ft?: number;
    altitude_source?: string;
    cpr_nucp_nic?: number;
    squawk?: string;
    callsign?: string;
    category?: string;
    speed_kt?: number;
    heading_deg?: number;
    vertical_rate_fpm?: number;
    vertical_rate_source_printed?: 'barometric' | 'GNSS';
    gnss_minus_baro_ft?: number;
    cpr_format?: number;
    cpr_lat_raw?: number;
    cpr_lon_raw?: number;
    latitude?: number;
    longitude?: number;
    cpr_decoding?: 'global' | 'none';
  };
}

interface Decoded {
  index: number;
  hex: string;
  timeUs: number;
  m: ModeSMessage | null;
  reject: string | undefined;
}

// The publisher's own words on the frames it printed without validating (README §2.2).
const UNVALIDATED_FRAME_INDICES = [1, 2, 5, 19, 20, 23];

function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

/** dump1090-fa (2018) integer speed: `(unsigned) sqrt(...)` — truncated, as all 1,492 printed speeds show. */
function printedSpeed(knots: number): number {
  return Math.trunc(knots);
}

/** dump1090-fa (2018) integer track: `(int)(atan2(...)·180/π + 0.5)` (truncation toward zero), then +360. */
function printedHeading(gs: number, track: number): number {
  const rad = (track * Math.PI) / 180;
  const deg = (Math.atan2(gs * Math.sin(rad), gs * Math.cos(rad)) * 180) / Math.PI;
  const h = Math.trunc(deg + 0.5);
  return h < 0 ? h + 360 : h;
}

describeShared('beastblackbox capture vs its published dump1090-fa decode', [CAPTURE, PUBLISHED], () => {
  let published: PublishedFrame[];
  let decoded: Decoded[];
  let decoder: Decoder;

  beforeAll(() => {
    published = readShared(PUBLISHED).toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as PublishedFrame);
    decoder = new Decoder();
    decoded = [];
    // Mode A/C frames are emitted too so that indices match the publisher's frame_index.
    const parser = new BeastParser({ modeAC: true });
    const sink = (f: RawFrame): void => {
      const index = decoded.length;
      const m = f.bytes.length === 2 ? null : decoder.decode(f.bytes, f.timestamp12 / 12e6);
      decoded.push({ index, hex: hexOf(f.bytes), timeUs: f.timestamp12 / 12, m: m === null ? null : snapshotMessage(m), reject: m === null ? decoder.lastReject : undefined });
    };
    parser.push(readShared(CAPTURE), sink);
    expect(parser.end(sink)).toBe(0);
  });

  let paired: Array<{ p: PublishedFrame; m: ModeSMessage }> | undefined;

  /** Published frames paired with our decode of the same capture frame. */
  function pairs(): Array<{ p: PublishedFrame; m: ModeSMessage }> {
    paired ??= published.map((p) => {
      const d = decoded[p.frame_index];
      if (d.hex !== p.raw || d.m === null) throw new Error(`frame ${p.frame_index} ${p.raw}: ours ${d.hex} ${d.reject ?? ''}`);
      return { p, m: d.m };
    });
    return paired;
  }

  /** Compares one published field on every frame that has it; returns how many were compared. */
  function compareField<K extends keyof PublishedFrame['norm']>(key: K, ours: (m: ModeSMessage, p: PublishedFrame) => unknown): number {
    const failures: string[] = [];
    let compared = 0;
    for (const { p, m } of pairs()) {
      const want = p.norm[key];
      if (want === undefined) continue;
      compared++;
      const got = ours(m, p);
      if (got !== want && failures.length < 10) failures.push(`frame ${p.frame_index} ${p.raw}: ${String(key)} published ${JSON.stringify(want)} ours ${JSON.stringify(got)}`);
    }
    expect(failures).toEqual([]);
    return compared;
  }

  it('reads all 13,954 capture frames, 8,928 of them Mode S', () => {
    expect(decoded).toHaveLength(13954);
    expect(decoded.filter((d) => d.hex.length > 4)).toHaveLength(8928);
    expect(published).toHaveLength(8922);
    // The capture's 12 MHz counter is the publisher's time base: its µs, printed to 0.01.
    for (const p of published) expect(Math.abs(decoded[p.frame_index].timeUs - p.time_us)).toBeLessThanOrEqual(0.005 + 1e-6);
  });

  it('accepts exactly the 8,922 published frames and no other', () => {
    const publishedIndices = new Set(published.map((p) => p.frame_index));
    const accepted = decoded.filter((d) => d.m !== null).map((d) => d.index);
    expect(accepted.filter((i) => !publishedIndices.has(i))).toEqual([]);
    expect(accepted).toHaveLength(8922);
  });

  it('rejects the 6 frames published as unvalidated (replies before their address was known) as unknown_icao', () => {
    for (const index of UNVALIDATED_FRAME_INDICES) {
      expect(decoded[index].m, `frame ${index}`).toBeNull();
      expect(decoded[index].reject, `frame ${index}`).toBe('unknown_icao');
    }
    expect(decoded.filter((d) => d.hex.length > 4 && d.m === null).map((d) => d.index)).toEqual(UNVALIDATED_FRAME_INDICES);
  });

  it('gives every frame the published address (DF11/17 announced, DF0/4/5/16/20/21 from address/parity)', () => {
    expect(compareField('icao', (m) => icaoHex(m.icao))).toBe(8922);
  });

  it('decodes the published altitudes, squawks, callsigns and categories exactly', () => {
    expect(compareField('altitude_ft', (m) => m.altitude)).toBe(2584);
    expect(compareField('altitude_source', (m) => m.altitude_type)).toBe(2584);
    expect(compareField('squawk', (m) => m.squawk)).toBe(470);
    expect(compareField('callsign', (m) => m.callsign)).toBe(196);
    expect(compareField('category', (m) => m.category)).toBe(146);
  });

  it('decodes the published velocities: integer speed and track as dump1090-fa printed them, vertical rate and GNSS−baro exactly', () => {
    expect(compareField('speed_kt', (m) => printedSpeed(m.ground_speed!))).toBe(1492);
    expect(compareField('heading_deg', (m) => printedHeading(m.ground_speed!, m.heading!))).toBe(1492);
    expect(compareField('vertical_rate_fpm', (m) => m.vertical_rate)).toBe(1492);
    expect(compareField('gnss_minus_baro_ft', (m) => m.gnss_baro_diff)).toBe(1280);
    // And the emulation hides no gross error: exact speed within 1 kt of the truncated print,
    // exact track within 1.5° of the print ((int)(x + 0.5) truncates negative angles upward).
    for (const { p, m } of pairs()) {
      if (p.norm.speed_kt === undefined) continue;
      expect(Math.abs(m.ground_speed! - p.norm.speed_kt)).toBeLessThan(1);
      expect(Math.abs(((m.heading! - p.norm.heading_deg! + 540) % 360) - 180)).toBeLessThan(1.5);
    }
  });

  it('reports the vertical-rate source in the DO-260B sense, the inverse of the published label', () => {
    // KNOWN WRONG upstream (README "Disagreements"): beastblackbox copies dump1090-fa code from
    // before flightaware/dump1090 1d5db2f (2018-02-20), which printed ME bit 36 inverted. Bit 1
    // is barometric: its "GNSS" label is our 'barometric' and its "barometric" our 'geometric'.
    const inverted = { GNSS: 'barometric', barometric: 'geometric' } as const;
    expect(compareField('vertical_rate_source_printed', (m, p) => (m.vertical_rate_source === inverted[p.norm.vertical_rate_source_printed!] ? p.norm.vertical_rate_source_printed : m.vertical_rate_source))).toBe(1492);
    const ours = pairs().filter(({ p }) => p.norm.vertical_rate_source_printed !== undefined).map(({ m }) => m.vertical_rate_source);
    expect(ours.filter((s) => s === 'geometric')).toHaveLength(1010);
    expect(ours.filter((s) => s === 'barometric')).toHaveLength(482);
  });

  it('carries the published raw CPR fields', () => {
    expect(compareField('cpr_format', (m) => (m.cpr_format === undefined ? undefined : m.cpr_format === 'odd' ? 1 : 0))).toBe(1498);
    expect(compareField('cpr_lat_raw', (m) => m.cpr_lat)).toBe(1498);
    expect(compareField('cpr_lon_raw', (m) => m.cpr_lon)).toBe(1498);
    // The printed "NUCp/NIC" is the DO-260 (version 0) NUCp, 18 − TC for TC 9–18; our `nic` is
    // the DO-260B NIC (TC 11 → 8, not 7), so the type code is what is compared.
    expect(compareField('cpr_nucp_nic', (m) => 18 - m.tc!)).toBe(1498);
  });

  it('reproduces all 1,456 published global positions to their printed 5 decimals', () => {
    // Tolerance 0.5e-5° (half the last printed digit) plus 1e-9 for our float arithmetic: a
    // position of one frame, global or local, is the same CPR cell, so nothing else may differ.
    const tol = 0.5e-5 + 1e-9;
    const failures: string[] = [];
    let compared = 0;
    for (const { p, m } of pairs()) {
      if (p.norm.latitude === undefined) continue;
      compared++;
      const ok = m.latitude !== undefined && Math.abs(m.latitude - p.norm.latitude) <= tol && Math.abs(m.longitude! - p.norm.longitude!) <= tol;
      if (!ok && failures.length < 10) failures.push(`frame ${p.frame_index} ${p.raw}: published ${p.norm.latitude},${p.norm.longitude} ours ${m.latitude},${m.longitude}`);
    }
    expect(failures).toEqual([]);
    expect(compared).toBe(1456);
  });

  it('resolves the 42 frames the publisher left without a position only to plausible places, if at all', () => {
    // dump1090-fa printed "CPR decoding: none" for these (no pair yet); our tracker may resolve
    // some of them (for example relative to the aircraft's last fix). Any such fix must lie in
    // the capture's published area (59.4–60.9 N, 30.5–37.2 E, README §2.2, with 0.5° margin).
    const unresolved = pairs().filter(({ p }) => p.norm.cpr_decoding === 'none');
    expect(unresolved).toHaveLength(42);
    for (const { p, m } of unresolved) {
      if (m.latitude === undefined) continue;
      expect(m.latitude, p.raw).toBeGreaterThan(58.9);
      expect(m.latitude, p.raw).toBeLessThan(61.4);
      expect(m.longitude, p.raw).toBeGreaterThan(30);
      expect(m.longitude, p.raw).toBeLessThan(37.7);
    }
  });

  it('agrees on air/ground wherever the publisher was certain', () => {
    // dump1090-fa prints "airborne?" (uncertain) for FS/VS 0 replies and for CA 7 squitters; we
    // take FS 0 / VS 0 / an airborne-position type code at their DO-181/DO-260B meaning. Only
    // "airborne" and "ground" are definite, and those must match.
    const classes = new Map<string, number>();
    const failures: string[] = [];
    for (const { p, m } of pairs()) {
      const ours = m.on_ground === undefined ? 'unknown' : m.on_ground ? 'ground' : 'airborne';
      const key = `${p.norm.air_ground}->${ours}`;
      classes.set(key, (classes.get(key) ?? 0) + 1);
      if (p.norm.air_ground !== 'airborne?' && ours !== p.norm.air_ground) failures.push(`${p.frame_index} ${p.raw} ${key}`);
    }
    expect(failures).toEqual([]);
    expect(classes.get('ground->ground')).toBe(2);
  });
});

describe('dump1090-fa print emulation', () => {
  it('truncates speeds and rounds tracks half-up toward zero before wrapping', () => {
    expect(printedSpeed(418.59)).toBe(418);
    // atan2 gives −46.59°: (int)(−46.09) = −46 → 314, although 313.41 rounds to 313.
    expect(printedHeading(203.7, 313.41)).toBe(314);
    expect(printedHeading(100, 10.4)).toBe(10);
    expect(printedHeading(100, 10.6)).toBe(11);
  });
});
