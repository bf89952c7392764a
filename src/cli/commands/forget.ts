// `skyledger forget USER`: crypto-shredding. Deletes the user's key, so every personal field sealed
// with it (webhook URLs) becomes unreadable everywhere in the log, exports and backups made from
// now on included, while the events themselves and every count built from them remain.
import type { Command } from 'commander';
import { UserKeys } from '../../security/index.ts';
import { DEFAULT_DB_PATH, openDatabase } from '../../store/open-database.ts';
import type { SetExitCode } from './index.ts';

export function runForget(user: string, options: { db: string }): { user: string; keys_deleted: number } {
  const db = openDatabase(options.db);
  try {
    return { user, keys_deleted: new UserKeys(db).forget(user) };
  } finally {
    db.close();
  }
}

export function registerForget(program: Command, setExitCode: SetExitCode): void {
  program
    .command('forget')
    .description("delete a user's data key: their sealed personal data (webhook URLs) becomes unreadable; events and counts remain")
    .argument('<user>', 'user id (as in the tokens file)')
    .option('--db <path>', 'SQLite database', DEFAULT_DB_PATH)
    .action((user: string, options: { db: string }) => {
      const result = runForget(user, options);
      process.stdout.write(`${JSON.stringify(result)}\n`);
      if (result.keys_deleted === 0) process.stderr.write(`skyledger forget: ${user} had no key (nothing sealed for them, or already forgotten)\n`);
      setExitCode(0);
    });
}
