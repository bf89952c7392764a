// `skyledger stats`: what the log holds and how fast it grows — counts by type and receiver,
// aircraft per hour, projection lag, bytes per stored event, and the book's capacity rule of
// thumb: largest event × events per hour × 720 (hours in a month).
import type { Command } from 'commander';
import { openStore } from '../../app/open-store.ts';
import { parseMicros, structuredJson } from '../../events/index.ts';
import { DEFAULT_DB_PATH } from '../../store/open-database.ts';
import { StatsQueries } from '../../store/projections/stats-tables.ts';
import type { SetExitCode } from './index.ts';

export function collectStats(dbPath: string): Record<string, unknown> {
  const store = openStore(dbPath);
  try {
    store.runner.catchUp();
    const { db, log } = store;
    const stats = new StatsQueries(db);
    const counts = stats.eventCounts();
    const events = counts.reduce((n, c) => n + c.count, 0);
    const first = counts.reduce((t, c) => (t === '' || c.first_time < t ? c.first_time : t), '');
    const last = counts.reduce((t, c) => (c.last_time > t ? c.last_time : t), '');
    const hours = first === '' ? 0 : (parseMicros(last) - parseMicros(first)) / 3.6e9;
    const perHour = hours > 0 ? events / hours : null;
    // The largest event: the biggest stored payload of each type, measured as the JSON it exports to.
    const candidates = db.prepare('SELECT position FROM events WHERE rowid IN (SELECT (SELECT position FROM events e2 WHERE e2.type = t.type ORDER BY length(e2.data) DESC LIMIT 1) FROM (SELECT DISTINCT type FROM events) t)').pluck(true).all() as number[];
    let largest = 0;
    for (const position of candidates) {
      const [e] = log.readSync({ after: position - 1, limit: 1 });
      if (e) largest = Math.max(largest, Buffer.byteLength(structuredJson(e.event)));
    }
    const storage = log.storageBytes();
    const head = log.headSync();
    const bytesPerEvent = storage !== null && head > 0 ? storage / head : null;
    return {
      db: dbPath,
      log_head: head,
      events,
      by_type: stats.byType(),
      by_receiver: stats.byReceiver(),
      aircraft_per_hour: stats.aircraftPerHour(),
      first_event: first || null,
      last_event: last || null,
      events_per_hour: perHour === null ? null : Math.round(perHour),
      events_per_hour_exact: perHour,
      projection_lag: store.runner.lag(),
      parked_events: db.prepare('SELECT count(*) FROM parked_events').pluck(true).get(),
      log_bytes_on_disk: storage,
      bytes_per_event_on_disk: bytesPerEvent === null ? null : Math.round(bytesPerEvent * 10) / 10,
      largest_event_bytes: largest,
      capacity_per_month_bytes: perHour === null ? null : Math.round(largest * perHour * 720),
      on_disk_per_month_bytes: perHour === null || bytesPerEvent === null ? null : Math.round(bytesPerEvent * perHour * 720),
    };
  } finally {
    store.close();
  }
}

export function registerStats(program: Command, setExitCode: SetExitCode): void {
  program
    .command('stats')
    .description('event counts, rates, projection lag and the capacity estimate (largest event × events/hour × 720)')
    .option('--db <path>', 'SQLite database', DEFAULT_DB_PATH)
    .action((options: { db: string }) => {
      process.stdout.write(`${JSON.stringify(collectStats(options.db), null, 2)}\n`);
      setExitCode(0);
    });
}
