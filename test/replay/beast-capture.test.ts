// End to end from the shared real Beast capture: file source → decoder → injector → SQLite log →
// projections; then the replay laws: rebuilds are byte-identical to each other and to the live run,
// and replaying the same capture again appends nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Ingest } from '../../src/app/ingest.ts';
import { openStore, type Store } from '../../src/app/open-store.ts';
import { runExport, runImport } from '../../src/cli/commands/events.ts';
import { collectStats } from '../../src/cli/commands/stats.ts';
import { FileFrameSource } from '../../src/sources/file.ts';
import { AircraftQueries, TrackQueries } from '../../src/store/index.ts';
import { describeShared, sharedPath } from '../helpers/shared.ts';

const CAPTURE = 'denzen84__beastblackbox/example/ulss7-beast-bin-utc--1522782148.136310917--.log';
const ICAOS = 'denzen84__beastblackbox/example/ICAOs.txt';
// Published with the capture (beastblackbox README / --only-find-icaos and its decoded output).
const PUBLISHED_CALLSIGNS: Record<string, string> = {
  '400159': 'SDM6244', '780C5D': 'CAO1024', '4CAAAE': 'SDM6414', '71BE34': 'AAR542', '4249B5': 'AFL032', '780A5C': 'CPA238',
  '4242E5': 'AFL030', '504DD9': 'MLD185', '42460C': 'UTA582', '424263': 'UTA470', '4248E7': 'SDM6620',
};

async function replay(store: Store): Promise<Ingest> {
  const ingest = new Ingest(store.log, store.runner, { receiver: 'test' });
  for await (const batch of new FileFrameSource(sharedPath(CAPTURE))) ingest.push(batch);
  ingest.flush();
  return ingest;
}

const dumpAll = (store: Store): string => store.runner.projections.map((p) => p.dump()).join('');

describeShared('replaying the real Beast capture (beastblackbox ulss7)', [CAPTURE, ICAOS], () => {
  let dir: string;
  let store: Store;
  let first: Ingest;
  let live: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'skyledger-replay-'));
    store = openStore(path.join(dir, 'live.db'));
    first = await replay(store);
    live = dumpAll(store);
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every published ICAO with its published callsign and a position', () => {
    const published = readFileSync(sharedPath(ICAOS), 'utf8').match(/\b[0-9A-F]{6}\b/g)!;
    expect(published).toHaveLength(11);
    const aircraft = new AircraftQueries(store.db);
    for (const icao of published) {
      const a = aircraft.byIcao(icao);
      expect(a, icao).toBeDefined();
      expect(a!.callsign, icao).toBe(PUBLISHED_CALLSIGNS[icao]);
      expect(aircraft.byCallsign(PUBLISHED_CALLSIGNS[icao])!.icao).toBe(icao);
      // The receiver was near Saint Petersburg: decoded positions 59.4–60.9 N, 30.5–37.2 E.
      expect(a!.latitude!, icao).toBeGreaterThan(59.3);
      expect(a!.latitude!, icao).toBeLessThan(61);
      expect(a!.longitude!, icao).toBeGreaterThan(30.4);
      expect(a!.longitude!, icao).toBeLessThan(37.3);
      expect(new TrackQueries(store.db).trackOf(icao).length, icao).toBeGreaterThan(0);
    }
    expect(aircraft.list()).toHaveLength(11);
    expect(first.counts.appended).toBeGreaterThan(500);
  });

  it('rebuilding every projection twice gives byte-identical dumps, equal to what live ingestion produced', () => {
    store.runner.rebuild();
    const once = dumpAll(store);
    store.runner.rebuild();
    const twice = dumpAll(store);
    expect(once).toBe(live);
    expect(twice).toBe(live);
    expect(live.split('\n').length).toBeGreaterThan(100);
  });

  it('replaying the same capture again adds zero events and changes no projection', async () => {
    const head = store.log.headSync();
    const again = await replay(store);
    expect(again.counts.events).toBe(first.counts.events);
    expect(again.counts.appended).toBe(0);
    expect(store.log.headSync()).toBe(head);
    expect(dumpAll(store)).toBe(live);
  });

  it('exports NDJSON CloudEvents that import into an empty log with the same ids and projections, and import again adds nothing', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    expect(await runExport({ db: path.join(dir, 'live.db'), after: '0' }, out)).toBe(0);
    const file = path.join(dir, 'events.ndjson');
    const text = Buffer.concat(chunks).toString('utf8');
    writeFileSync(file, `${text}not json\n{"specversion":"1.0","id":"x","type":"t","source":"/s"}\n`);
    const copy = path.join(dir, 'copy.db');
    const summary = await runImport(file, { db: copy });
    expect(summary).toMatchObject({ appended: store.log.headSync(), already_in_log: 0, bad: 2 });
    expect(summary.examples[0]).toMatch(/^line \d+: not JSON$/);
    expect((await runImport(file, { db: copy })).appended).toBe(0);
    const imported = openStore(copy);
    try {
      expect(dumpAll(imported)).toBe(live);
      const ids = (s: Store) => s.log.readSync({ limit: 100_000 }).map((e) => e.event.id);
      expect(ids(imported)).toEqual(ids(store));
    } finally {
      imported.close();
    }
  });

  it('reports counts, rates and the capacity estimate (largest event × events/hour × 720)', () => {
    const stats = collectStats(path.join(dir, 'live.db')) as Record<string, number> & { by_type: Record<string, number> };
    expect(stats.events).toBe(store.log.headSync());
    expect(Object.values(stats.by_type).reduce((a, b) => a + b, 0)).toBe(stats.events);
    expect(stats.largest_event_bytes).toBeGreaterThan(300);
    expect(stats.capacity_per_month_bytes).toBe(Math.round(stats.largest_event_bytes * (stats.events_per_hour_exact as number) * 720));
    expect(stats.bytes_per_event_on_disk).toBeGreaterThan(0);
  });
});
