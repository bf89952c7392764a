// `skyledger replay FILE [--db PATH] [--speed max|1|N]`: injects a recorded capture into the log
// and brings the projections up to date. Reception times come from the capture, and ids from
// what was received, so replaying the same capture again (or after a crash) appends nothing twice.
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { Ingest } from '../../app/ingest.ts';
import { openStore } from '../../app/open-store.ts';
import { FileFrameSource, type ReplaySpeed } from '../../sources/file.ts';
import { DEFAULT_DB_PATH } from '../../store/open-database.ts';
import type { SetExitCode } from './index.ts';
import { parseReceiver } from './option-parsers.ts';
import { progressBar } from '../../app/progress-bar.ts';

export interface ReplayOptions {
  db: string;
  speed: string;
  receiver: string;
  startTime?: string;
  positionInterval: string;
  lat?: string;
  lon?: string;
}

export function parseSpeed(text: string): ReplaySpeed | undefined {
  if (text === 'max') return 'max';
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function parseStartTime(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (Number.isFinite(n)) return n * 1000;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

export async function runReplay(file: string, options: ReplayOptions): Promise<number> {
  const speed = parseSpeed(options.speed);
  const startTime = parseStartTime(options.startTime);
  const interval = Number(options.positionInterval);
  const receiver = parseReceiver(options.lat, options.lon);
  if (speed === undefined || startTime === null || !(interval >= 0) || receiver === null) {
    process.stderr.write('skyledger replay: --speed is max or a positive number, --start-time an ISO time or UNIX seconds, --position-interval ≥ 0, --lat/--lon together in degrees\n');
    return 2;
  }
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    process.stderr.write(`skyledger replay: cannot read ${file}\n`);
    return 1;
  }
  const store = openStore(options.db);
  try {
    // A previous run may have stopped between an append and its projection pages.
    store.runner.catchUp();
    const ingest = new Ingest(store.log, store.runner, {
      receiver: options.receiver,
      policy: { positionIntervalSeconds: interval },
      // At full speed nobody waits on an alert: identities and squawks wait for the batch like the rest.
      flushAlertWorthy: speed !== 'max',
      decoder: receiver === undefined ? {} : { receiver },
    });
    const source = new FileFrameSource(file, { speed, startTime });
    const headBefore = store.log.headSync();
    process.stderr.write(`replaying ${file} into ${options.db} (speed ${options.speed})\n`);
    const bar = progressBar('replay', size, 'bytes');
    const started = performance.now();
    for await (const batch of source) {
      ingest.push(batch);
      bar.update(source.status.bytes);
    }
    ingest.flush();
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    const c = ingest.counts;
    const summary = {
      file,
      db: options.db,
      start_time: source.startTimeOrigin,
      frames: c.frames,
      accepted: c.accepted,
      rejected: c.rejected,
      events: c.events,
      appended: c.appended,
      already_in_log: c.skipped,
      log_head: store.log.headSync(),
      new_positions: store.log.headSync() - headBefore,
      projection_lag: store.runner.lag(),
      parked: store.runner.parked,
      seconds: Math.round(seconds * 1000) / 1000,
      frames_per_second: Math.round(c.frames / seconds),
      source_reasons: source.status.reasons,
      ...(source.status.lastError ? { source_error: source.status.lastError } : {}),
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return source.status.lastError && c.frames === 0 ? 1 : 0;
  } finally {
    store.close();
  }
}

export function registerReplay(program: Command, setExitCode: SetExitCode): void {
  program
    .command('replay')
    .description('inject a recorded capture (Beast, AVR, NDJSON) into the event log and update the projections')
    .argument('<file>', 'capture file')
    .option('--db <path>', 'SQLite database', DEFAULT_DB_PATH)
    .option('--speed <speed>', 'max, 1 (real time) or N times real time', 'max')
    .option('--receiver <name>', 'receiver name (event source /receivers/<name>)', 'local')
    .option('--start-time <time>', 'capture start (ISO time or UNIX seconds); default from the file name or mtime')
    .option('--lat <degrees>', 'receiver latitude (resolves surface positions and single-frame CPR)')
    .option('--lon <degrees>', 'receiver longitude')
    .option('--position-interval <seconds>', 'minimum seconds between position/velocity events per aircraft (0 = every frame)', '1')
    .action(async (file: string, options: ReplayOptions) => setExitCode(await runReplay(file, options)));
}
