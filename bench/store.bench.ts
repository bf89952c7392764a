// Event log figures: batched append throughput of SqliteEventLog against a bare better-sqlite3
// insert loop writing the very same (already encoded) rows into the same schema in the same run,
// and bytes per stored position event against a naive all-text layout. Position events for 200
// aircraft, 1,000 per append, on temp files with the production pragmas.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildEvent, POSITION_REPORTED, receiverSource, structuredJson, uuidToBytes, type SkyledgerEvent } from '../src/events/index.ts';
import { openDatabase, SqliteEventLog } from '../src/store/index.ts';
import { figure, type BenchFigure } from './runner.ts';

const N = 100_000;
const BATCH = 1000;
const T0 = 1522782148_000000;

function positions(n: number, offset = 0): SkyledgerEvent[] {
  const src = receiverSource('bench');
  const out: SkyledgerEvent[] = [];
  for (let i = offset; i < offset + n; i++) {
    const icao = (0x400000 + (i % 200) * 7919).toString(16).toUpperCase().padStart(6, '0');
    out.push(buildEvent(POSITION_REPORTED, src, icao, T0 + i * 5000, Uint8Array.of(i & 255, (i >> 8) & 255, i >> 16), {
      icao_address: icao, latitude: 59 + (i % 1000) / 997, longitude: 30 + (i % 777) / 771, altitude: 35000 - (i % 100) * 25,
      altitude_type: 'barometric', on_ground: false, cpr: { format: i % 2 ? 'odd' : 'even', lat: (i * 31) % 131072, lon: (i * 17) % 131072 },
      decoding: 'global',
    }));
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

export async function run(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-bench-store-'));
  try {
    const events = positions(N);
    const ours: number[] = [];
    const bare: number[] = [];
    // CPU time too: on a shared machine wall time says as much about the neighbours as about us.
    const oursCpu: number[] = [];
    const bareCpu: number[] = [];
    let bytesPerEvent = 0;
    let rows: unknown[][] = [];
    for (let round = 0; round < 3; round++) {
      // Ours: envelope in, everything (time parse, id bytes, lookups, packing, idempotent insert) timed.
      const log = new SqliteEventLog(openDatabase(path.join(dir, `ours-${round}.db`)));
      let t = performance.now();
      let cpu = process.cpuUsage();
      for (let i = 0; i < N; i += BATCH) log.appendSync(events.slice(i, i + BATCH));
      ours.push(N / ((performance.now() - t) / 1000));
      oursCpu.push(N / cpuSeconds(process.cpuUsage(cpu)));
      bytesPerEvent = log.storageBytes()! / N;
      if (round === 0) rows = log.db.prepare('SELECT id, type, source, subject, time, data FROM events ORDER BY position').raw(true).all() as unknown[][];
      log.db.close();

      // Peer: the same rows, pre-encoded, into the same schema by a bare prepared-statement loop.
      const db = openDatabase(path.join(dir, `bare-${round}.db`));
      new SqliteEventLog(db);
      const insert = db.prepare('INSERT OR IGNORE INTO events (id, type, source, subject, time, data) VALUES (?, ?, ?, ?, ?, ?)');
      const tx = db.transaction((from: number) => {
        for (let i = from; i < from + BATCH; i++) insert.run(rows[i]);
      });
      t = performance.now();
      cpu = process.cpuUsage();
      for (let i = 0; i < N; i += BATCH) tx(i);
      bare.push(N / ((performance.now() - t) / 1000));
      bareCpu.push(N / cpuSeconds(process.cpuUsage(cpu)));
      db.close();
    }

    // Naive layout: every envelope field as text, data as JSON, a unique index on the text id.
    const naive = openDatabase(path.join(dir, 'naive.db'));
    naive.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT, source TEXT, subject TEXT, time TEXT, data TEXT);
      CREATE INDEX events_subject ON events(subject)`);
    const ins = naive.prepare('INSERT INTO events (id, type, source, subject, time, data) VALUES (?, ?, ?, ?, ?, ?)');
    naive.transaction(() => {
      for (const e of events) ins.run(e.id, e.type, e.source, e.subject, e.time, JSON.stringify(e.data));
    })();
    const naiveBytes = (naive.prepare("SELECT sum(pgsize) FROM dbstat WHERE name IN ('events', 'sqlite_autoindex_events_1', 'events_subject')").pluck(true).get() as number) / N;
    naive.close();
    const json = Buffer.byteLength(structuredJson(events[0]));
    const probe = new Uint8Array(16);
    uuidToBytes(events[0].id, probe);

    return [
      figure('store.append', median(ours), 'events/s', 'bare better-sqlite3 insert loop (same rows, pre-encoded)', median(bare), {
        batch: BATCH, events: N, cpu_events_per_s: Math.round(median(oursCpu)), cpu_peer_events_per_s: Math.round(median(bareCpu)),
      }),
      figure('store.bytes_per_position_event', bytesPerEvent, 'B', 'naive text columns + JSON data', naiveBytes, { includes: 'table + id and subject indexes', json_event_bytes: json }),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
