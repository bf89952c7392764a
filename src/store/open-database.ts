// One place that opens a skyledger SQLite file with the settings DESIGN §5 asks for.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const DEFAULT_DB_PATH = './data/skyledger.db';

export type SqliteDatabase = Database.Database;

export function openDatabase(file: string = DEFAULT_DB_PATH, options: { readonly?: boolean } = {}): SqliteDatabase {
  if (file !== ':memory:' && !options.readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // The id index takes random inserts; a larger page cache keeps them off the disk.
    db.pragma('cache_size = -65536');
  }
  return db;
}
