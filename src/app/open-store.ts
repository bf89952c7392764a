// Opens a skyledger database with its log, the standard projections and their runner.
import { openDatabase, type SqliteDatabase } from '../store/open-database.ts';
import { ProjectionRunner, type RunnerOptions } from '../store/projection-runner.ts';
import { SqliteEventLog } from '../store/sqlite-event-log.ts';
import { standardProjections } from '../store/standard-projections.ts';

export interface Store {
  db: SqliteDatabase;
  log: SqliteEventLog;
  runner: ProjectionRunner;
  close(): void;
}

export function openStore(file: string, options: RunnerOptions & { trackLimit?: number } = {}): Store {
  const db = openDatabase(file);
  const log = new SqliteEventLog(db);
  const runner = new ProjectionRunner(log, standardProjections(db, { trackLimit: options.trackLimit }), options);
  return {
    db,
    log,
    runner,
    close: () => {
      void log.close();
      db.close();
    },
  };
}
