// `skyledger rebuild [PROJECTOR]`: empties one projection (or all) and replays the whole log into
// it, page by page, inside one transaction: readers see the old projection until the new one is
// complete, and a crash mid-rebuild leaves the old one intact.
import type { Command } from 'commander';
import { openStore } from '../../app/open-store.ts';
import { progressBar } from '../../app/progress-bar.ts';
import { DEFAULT_DB_PATH } from '../../store/open-database.ts';
import { PROJECTION_NAMES } from '../../store/standard-projections.ts';
import type { SetExitCode } from './index.ts';

export function runRebuild(projector: string | undefined, options: { db: string; pageSize: string }): number {
  if (projector !== undefined && !(PROJECTION_NAMES as readonly string[]).includes(projector)) {
    process.stderr.write(`skyledger rebuild: unknown projector "${projector}" (known: ${PROJECTION_NAMES.join(', ')})\n`);
    return 2;
  }
  const store = openStore(options.db, { pageSize: Number(options.pageSize) || 5000 });
  try {
    const head = store.log.headSync();
    const bar = progressBar('rebuild', head, 'events');
    const started = performance.now();
    store.runner.rebuild(projector === undefined ? undefined : [projector], (p) => bar.update(p.position));
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`${JSON.stringify({
      rebuilt: projector === undefined ? PROJECTION_NAMES : [projector],
      events: head,
      seconds: Math.round(seconds * 1000) / 1000,
      events_per_second: Math.round(head / seconds),
      parked: store.runner.parked,
    })}\n`);
    return 0;
  } finally {
    store.close();
  }
}

export function registerRebuild(program: Command, setExitCode: SetExitCode): void {
  program
    .command('rebuild')
    .description(`rebuild projections from the event log (${PROJECTION_NAMES.join(', ')}; all by default)`)
    .argument('[projector]', 'one projection to rebuild')
    .option('--db <path>', 'SQLite database', DEFAULT_DB_PATH)
    .option('--page-size <n>', 'events per page', '5000')
    .action((projector: string | undefined, options: { db: string; pageSize: string }) => setExitCode(runRebuild(projector, options)));
}
