// The bundled demo capture: given fixtures/demo.beast and its truth, when it goes through the
// Beast parser and the Decoder, then about fifty aircraft come out with the callsigns, squawks
// and positions the truth lists; and the file is exactly what the documented command makes.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSimulate } from '../../src/cli/commands/simulate.ts';
import { Decoder } from '../../src/modes/decoder.ts';
import { icaoHex } from '../../src/modes/message.ts';
import { distanceM } from '../../src/sim/great-circle.ts';
import { BeastParser } from '../../src/wire/beast.ts';
import { REPO } from '../helpers/shared.ts';
import { parseTruth, trueStateAt } from './truth-track.ts';

const CAPTURE = path.join(REPO, 'fixtures/demo.beast');
const TRUTH = path.join(REPO, 'fixtures/demo.truth.jsonl');

interface Seen {
  callsigns: Set<string>;
  squawks: Set<string>;
  emergency: boolean;
  positions: number;
  worstMetres: number;
}

describe('fixtures/demo.beast', () => {
  const truth = parseTruth(readFileSync(TRUTH, 'utf8'));
  const seen = new Map<string, Seen>();
  const decoder = new Decoder({ receiver: truth.run.receiver, maxRangeNm: truth.run.range_nm + 20 });
  const parser = new BeastParser();
  const sink = (frame: { bytes: Uint8Array; timestamp12: number }): void => {
    const msg = decoder.decode(frame.bytes, frame.timestamp12 / truth.run.timestamp_hz);
    if (msg === null) return;
    const icao = icaoHex(msg.icao);
    let s = seen.get(icao);
    if (s === undefined) {
      s = { callsigns: new Set(), squawks: new Set(), emergency: false, positions: 0, worstMetres: 0 };
      seen.set(icao, s);
    }
    if (msg.callsign !== undefined) s.callsigns.add(msg.callsign);
    if (msg.squawk !== undefined) s.squawks.add(msg.squawk);
    if (msg.emergency !== undefined && msg.emergency !== 'none') s.emergency = true;
    if (msg.latitude !== undefined) {
      s.positions++;
      const at = trueStateAt(truth.aircraft.get(icao)!, msg.timestamp);
      if (at !== undefined) s.worstMetres = Math.max(s.worstMetres, distanceM(at.lat, at.lon, msg.latitude, msg.longitude!));
    }
  };
  parser.push(readFileSync(CAPTURE), sink);
  const truncated = parser.end(sink);

  it('is a small, whole Beast capture', () => {
    expect(statSync(CAPTURE).size).toBeLessThan(3 * 1024 * 1024);
    expect(truncated).toBe(0);
    expect(parser.stats.garbage).toBe(0);
    expect(parser.stats.frames).toBe(truth.summary.frames);
  });

  it('decodes to about fifty aircraft, each with its true callsign, squawk and positions', () => {
    expect(truth.aircraft.size).toBe(50);
    expect([...seen.keys()].sort()).toEqual([...truth.aircraft.keys()].sort());
    for (const [icao, a] of truth.aircraft) {
      const s = seen.get(icao)!;
      expect([...s.callsigns], icao).toEqual([a.callsign]);
      expect([...s.squawks], icao).toEqual([a.squawk]);
      expect(s.emergency, icao).toBe(a.emergency !== 'none');
      expect(s.positions, icao).toBeGreaterThan(20);
      expect(s.worstMetres, icao).toBeLessThan(50);
    }
  });

  it('is exactly what the command documented in src/cli/commands/simulate.ts writes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-demo-'));
    try {
      const out = path.join(dir, 'demo.beast');
      runSimulate({ aircraft: 50, duration: 300, seed: 421, lat: 50.1109, lon: 8.6821, format: 'beast', out, corruptShare: 0.01 });
      expect(readFileSync(out).equals(readFileSync(CAPTURE)), 'regenerate fixtures/demo.beast with the documented command').toBe(true);
      expect(readFileSync(path.join(dir, 'demo.truth.jsonl')).equals(readFileSync(TRUTH))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
