// `skyledger events export|import`: the log as NDJSON CloudEvents (structured mode, one per line).
// Import validates every line against the catalog and appends idempotently: a line whose id is
// already in the log is skipped, a bad line is counted and reported, never fatal.
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { openStore } from '../../app/open-store.ts';
import { structuredJson, type SkyledgerEvent } from '../../events/index.ts';
import { DEFAULT_DB_PATH } from '../../store/open-database.ts';
import type { SetExitCode } from './index.ts';

export interface ExportOptions {
  db: string;
  after: string;
  type?: string[];
  subject?: string;
}

export async function runExport(options: ExportOptions, out: Writable = process.stdout): Promise<number> {
  const store = openStore(options.db);
  try {
    let after = Number(options.after) || 0;
    for (;;) {
      const page = store.log.readSync({ after, limit: 2000, types: options.type, subject: options.subject });
      if (page.length === 0) break;
      let chunk = '';
      for (const e of page) chunk += `${structuredJson(e.event)}\n`;
      after = page[page.length - 1].position;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    return 0;
  } finally {
    store.close();
  }
}

export interface ImportSummary {
  lines: number;
  appended: number;
  already_in_log: number;
  bad: number;
  reasons: Record<string, number>;
  /** The first few bad lines, `line N: reason`. */
  examples: string[];
}

export async function runImport(file: string, options: { db: string }): Promise<ImportSummary> {
  // The cloudevents SDK is loaded only by the commands that take events from outside.
  const { fromCloudEvent } = await import('../../events/to-cloud-event.ts');
  const store = openStore(options.db);
  const summary: ImportSummary = { lines: 0, appended: 0, already_in_log: 0, bad: 0, reasons: {}, examples: [] };
  const bad = (line: number, reason: string): void => {
    summary.bad++;
    const key = reason.replace(/"[^"]*"/g, '…').slice(0, 80);
    summary.reasons[key] = (summary.reasons[key] ?? 0) + 1;
    if (summary.examples.length < 10) summary.examples.push(`line ${line}: ${reason}`);
  };
  let batch: SkyledgerEvent[] = [];
  const flush = (): void => {
    if (batch.length === 0) return;
    const r = store.log.appendSync(batch);
    summary.appended += r.appended;
    summary.already_in_log += r.skipped;
    batch = [];
  };
  try {
    const input = file === '-' ? process.stdin : createReadStream(file);
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      summary.lines++;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        bad(summary.lines, 'not JSON');
        continue;
      }
      const v = fromCloudEvent(parsed);
      if (!v.ok) {
        bad(summary.lines, v.reason);
        continue;
      }
      batch.push(v.event);
      if (batch.length >= 1000) flush();
    }
    flush();
    store.runner.catchUp();
    return summary;
  } finally {
    store.close();
  }
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((t) => (t.startsWith('org.') ? t : `org.skyledger.${t}`))];
}

export function registerEvents(program: Command, setExitCode: SetExitCode): void {
  const events = program.command('events').description('export or import the event log as NDJSON CloudEvents');
  events
    .command('export')
    .description('write events as NDJSON CloudEvents (structured mode) to stdout')
    .option('--db <path>', 'SQLite database', DEFAULT_DB_PATH)
    .option('--after <position>', 'only events after this log position', '0')
    .option('--type <type>', 'only this type (repeatable; e.g. position_reported.v1)', collect)
    .option('--subject <subject>', 'only this subject (ICAO address)')
    .action(async (options: ExportOptions) => setExitCode(await runExport(options)));
  events
    .command('import')
    .description('append NDJSON CloudEvents from FILE (- for stdin): validated, idempotent')
    .argument('<file>')
    .option('--db <path>', 'SQLite database', DEFAULT_DB_PATH)
    .action(async (file: string, options: { db: string }) => {
      const summary = await runImport(file, options);
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      if (summary.bad > 0) process.stderr.write(`skyledger events import: ${summary.bad} bad line(s) skipped\n`);
      setExitCode(summary.bad > 0 ? 1 : 0);
    });
}
