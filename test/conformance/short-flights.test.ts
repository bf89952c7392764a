// rs1090's short_flights.csv (486 DF17 frames, 9 aircraft, 60 s) has no published decode: it
// exists to show that batch and real-time decoding agree. Given the interleaved feed, when one
// streaming Decoder reads it in time order, then (1) every field that needs no history equals a
// fresh decoder's reading of the frame alone, (2) everything, positions included, equals what
// per-aircraft "batch" decoders produce from each aircraft's frames alone (no state leaks between
// aircraft), and (3) each aircraft's positions form a plausible track.
import { expect, it } from 'vitest';
import { Decoder } from '../../src/modes/decoder.ts';
import { messageRecord } from '../../src/modes/message-record.ts';
import type { ModeSMessage } from '../../src/modes/message.ts';
import { describeShared } from '../helpers/shared.ts';
import { readCsvRows } from './csv-rows.ts';
import { implausibleSteps, type Fix } from './track-plausibility.ts';

const SHORT_FLIGHTS = 'xoolive__rs1090/crates/rs1090/data/short_flights.csv';

// Fields that depend on earlier frames (CPR pairing and references); everything else is per frame.
const HISTORY_FIELDS = new Set(['latitude', 'longitude', 'position_decoding', 'cpr_reject', 'timestamp']);

function snapshot(m: ModeSMessage | null): Record<string, unknown> | null {
  return m === null ? null : { ...messageRecord(m) };
}

function withoutHistory(r: Record<string, unknown> | null): Record<string, unknown> | null {
  return r === null ? null : Object.fromEntries(Object.entries(r).filter(([k]) => !HISTORY_FIELDS.has(k)));
}

describeShared('rs1090 short_flights.csv: streaming vs batch equivalence', [SHORT_FLIGHTS], () => {
  const rows = readCsvRows(SHORT_FLIGHTS).map(([t, hex]) => ({ t: Number(t), hex }));
  const streaming = new Decoder();
  const streamed = rows.map((r) => snapshot(streaming.decodeHex(r.hex, r.t)));

  it('reads 486 CRC-valid DF17 frames from 9 aircraft, in time order', () => {
    expect(rows).toHaveLength(486);
    for (let i = 1; i < rows.length; i++) expect(rows[i].t).toBeGreaterThanOrEqual(rows[i - 1].t);
    expect(streamed.filter((m) => m === null)).toHaveLength(0);
    expect(new Set(streamed.map((m) => m!.icao)).size).toBe(9);
  });

  it('gives every history-free field exactly as a fresh decoder reads the frame alone', () => {
    rows.forEach((r, i) => {
      const alone = snapshot(new Decoder().decodeHex(r.hex, r.t));
      expect(withoutHistory(streamed[i]), r.hex).toEqual(withoutHistory(alone));
    });
  });

  it('gives every field, positions included, exactly as per-aircraft batch decoders do', () => {
    const byAircraft = new Map<string, number[]>();
    rows.forEach((r, i) => {
      const icao = r.hex.slice(2, 8).toUpperCase();
      byAircraft.set(icao, [...(byAircraft.get(icao) ?? []), i]);
    });
    expect(byAircraft.size).toBe(9);
    for (const [icao, indices] of byAircraft) {
      const batch = new Decoder();
      for (const i of indices) expect(snapshot(batch.decodeHex(rows[i].hex, rows[i].t)), `${icao} ${rows[i].hex}`).toEqual(streamed[i]);
    }
  });

  it('resolves positions into a plausible track for every aircraft that sent a pair', () => {
    const tracks = new Map<string, { fixes: Fix[]; maxGs: number; positionFrames: number }>();
    streamed.forEach((m, i) => {
      const icao = String(m!.icao);
      const track = tracks.get(icao) ?? { fixes: [], maxGs: 0, positionFrames: 0 };
      tracks.set(icao, track);
      if (typeof m!.ground_speed === 'number') track.maxGs = Math.max(track.maxGs, m!.ground_speed);
      if (m!.cpr_format !== undefined) track.positionFrames++;
      if (typeof m!.latitude === 'number') track.fixes.push({ t: rows[i].t, lat: m!.latitude, lon: m!.longitude as number });
    });
    let resolved = 0;
    for (const [icao, track] of tracks) {
      resolved += track.fixes.length;
      // The aircraft's own fastest ground speed plus 10 % (at least 250 kt for aircraft that sent
      // no velocity), plus 0.1 s for reception-time jitter.
      const bound = Math.max(track.maxGs, 250) * 1.1;
      expect(implausibleSteps(track.fixes, bound, 0.1), icao).toEqual([]);
      // All fixes of one 60-s flight lie within 0.3° of each other (≤ 20 NM at ≤ 600 kt).
      for (const f of track.fixes) {
        expect(Math.abs(f.lat - track.fixes[0].lat)).toBeLessThan(0.3);
        expect(Math.abs(f.lon - track.fixes[0].lon)).toBeLessThan(0.3 / Math.cos((f.lat * Math.PI) / 180));
      }
    }
    console.info(`short_flights: ${resolved} positions from ${[...tracks.values()].reduce((n, t) => n + t.positionFrames, 0)} position frames`);
    expect(resolved).toBeGreaterThan(0);
  });
});
