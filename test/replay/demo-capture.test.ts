// End to end from the project's own simulated capture (fixtures/demo.beast and its truth): every
// simulated aircraft ends up in the aircraft projection with its callsign, squawk and last position.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ingest } from '../../src/app/ingest.ts';
import { FileFrameSource } from '../../src/sources/file.ts';
import { AircraftQueries, openDatabase, ProjectionRunner, SqliteEventLog, standardProjections } from '../../src/store/index.ts';
import { REPO } from '../helpers/shared.ts';

const DEMO = path.join(REPO, 'fixtures/demo.beast');
const TRUTH = path.join(REPO, 'fixtures/demo.truth.jsonl');

interface TruthAircraft { icao: string; callsign: string; squawk: string; track: number[][] }

describe.runIf(existsSync(DEMO) && existsSync(TRUTH))('replaying fixtures/demo.beast', () => {
  it('puts every simulated aircraft in the aircraft projection with its callsign, squawk and final position', async () => {
    const records = readFileSync(TRUTH, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const run = records.find((r) => r.type === 'run');
    const truth: TruthAircraft[] = records.filter((r) => r.type === 'aircraft');
    const log = new SqliteEventLog(openDatabase(':memory:'));
    const runner = new ProjectionRunner(log, standardProjections(log.db));
    // The receiver position lets surface positions (taxiing, parked) resolve locally.
    const ingest = new Ingest(log, runner, { receiver: 'demo', decoder: { receiver: run.receiver } });
    for await (const batch of new FileFrameSource(DEMO)) ingest.push(batch);
    ingest.flush();
    const aircraft = new AircraftQueries(log.db);
    expect(aircraft.list()).toHaveLength(truth.length);
    for (const t of truth) {
      const a = aircraft.byIcao(t.icao);
      const last = t.track[t.track.length - 1];
      expect(a, t.icao).toMatchObject({ callsign: t.callsign, squawk: t.squawk });
      expect(Math.abs(a!.latitude! - last[1]), `${t.icao} latitude`).toBeLessThan(0.05);
      expect(Math.abs(a!.longitude! - last[2]), `${t.icao} longitude`).toBeLessThan(0.05);
    }
  });
});
