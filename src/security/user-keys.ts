// Per-user data keys, kept in their own `user_keys` table beside the log — never in it — so that
// deleting one (`skyledger forget USER`) makes every field sealed with it unreadable while the
// events stay where they are (crypto-shredding). A key is made on first use; a key made after a
// forget gets a new id, so it cannot open what the old one sealed.
import { randomBytes } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../store/open-database.ts';
import { KEY_BYTES } from './field-cipher.ts';

export const USER_KEY_TABLES = ['user_keys'] as const;

const CREATE = `
CREATE TABLE IF NOT EXISTS user_keys (
  user_id TEXT PRIMARY KEY, kid TEXT NOT NULL UNIQUE, key BLOB NOT NULL, created_at TEXT NOT NULL
) WITHOUT ROWID;
`;

export interface UserKey {
  kid: string;
  key: Buffer;
}

export class UserKeys {
  private readonly byUser: Statement;
  private readonly insert: Statement;
  private readonly remove: Statement;

  constructor(private readonly db: SqliteDatabase) {
    db.exec(CREATE);
    this.byUser = db.prepare('SELECT kid, key FROM user_keys WHERE user_id = ?');
    this.insert = db.prepare('INSERT INTO user_keys (user_id, kid, key, created_at) VALUES (?, ?, ?, ?)');
    this.remove = db.prepare('DELETE FROM user_keys WHERE user_id = ?');
  }

  /** The user's key, made now if the user has none. */
  keyFor(user: string): UserKey {
    const existing = this.find(user);
    if (existing !== undefined) return existing;
    const kid = randomBytes(12).toString('base64url');
    const key = randomBytes(KEY_BYTES);
    this.insert.run(user, kid, key, new Date().toISOString());
    return { kid, key };
  }

  /** The user's current key, or undefined (never had one, or forgotten). */
  find(user: string): UserKey | undefined {
    const row = this.byUser.get(user) as { kid: string; key: Buffer } | undefined;
    if (row === undefined) return undefined;
    return { kid: row.kid, key: row.key };
  }

  /**
   * The key with this id if it still exists and belongs to `user`. Read from the table every time,
   * never cached: `skyledger forget` in another process must take effect at once.
   */
  keyById(user: string, kid: string): Buffer | undefined {
    const current = this.find(user);
    return current !== undefined && current.kid === kid ? current.key : undefined;
  }

  /**
   * Deletes the user's key for good: secure_delete overwrites the freed bytes and a truncating WAL
   * checkpoint drops the copies the write-ahead log still held. Returns how many keys were deleted.
   */
  forget(user: string): number {
    const previous = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = ON');
    let deleted: number;
    try {
      deleted = this.remove.run(user).changes;
    } finally {
      this.db.pragma(`secure_delete = ${previous ? 'ON' : 'OFF'}`);
    }
    if (deleted > 0 && !this.db.memory) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return deleted;
  }
}
