import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PersonalData, UserKeys } from '../../src/security/index.ts';
import { openDatabase } from '../../src/store/index.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDb() {
  const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-keys-'));
  dirs.push(dir);
  const file = path.join(dir, 'db.sqlite');
  return { file, db: openDatabase(file) };
}

describe('personal data (AES-256-GCM with per-user keys)', () => {
  it('given a sealed URL, when opened by its owner in its context, then it reads back; the ciphertext does not contain it', () => {
    const { db } = tempDb();
    const pd = new PersonalData(new UserKeys(db));
    const sealed = pd.seal('alice', 'https://example.org/hook?secret=1', 'watch-1');
    expect(JSON.stringify(sealed)).not.toContain('example.org');
    expect(sealed.alg).toBe('A256GCM');
    expect(pd.open('alice', sealed, 'watch-1')).toBe('https://example.org/hook?secret=1');
    // Random IVs: the same value seals differently each time.
    expect(pd.seal('alice', 'https://example.org/hook?secret=1', 'watch-1').ct).not.toBe(sealed.ct);
  });

  it('gives undefined (redacted), not a crash, for another user, another context or a changed byte', () => {
    const { db } = tempDb();
    const pd = new PersonalData(new UserKeys(db));
    const sealed = pd.seal('alice', 'https://example.org/a', 'watch-1');
    pd.seal('bob', 'https://example.org/b', 'watch-2');
    expect(pd.open('bob', sealed, 'watch-1')).toBeUndefined();
    expect(pd.open('alice', sealed, 'watch-2')).toBeUndefined();
    const flipped = { ...sealed, ct: `${sealed.ct.slice(0, -2)}${sealed.ct.endsWith('A') ? 'B' : 'A'}${sealed.ct.slice(-1)}` };
    expect(pd.open('alice', flipped, 'watch-1')).toBeUndefined();
    expect(pd.unreadable).toBe(3);
  });

  it('after forget, the sealed value cannot be opened, a new key has a new id, and the key bytes are gone from the database files', () => {
    const { db, file } = tempDb();
    const keys = new UserKeys(db);
    const pd = new PersonalData(keys);
    const sealed = pd.seal('alice', 'https://example.org/a', 'w');
    const key = keys.find('alice')!.key;
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(file).includes(key)).toBe(true);
    expect(pd.forget('alice')).toBe(1);
    expect(pd.open('alice', sealed, 'w')).toBeUndefined();
    expect(new PersonalData(new UserKeys(db)).open('alice', sealed, 'w')).toBeUndefined();
    const again = pd.seal('alice', 'https://example.org/b', 'w');
    expect(again.kid).not.toBe(sealed.kid);
    expect(pd.open('alice', sealed, 'w')).toBeUndefined();
    expect(pd.open('alice', again, 'w')).toBe('https://example.org/b');
    expect(pd.forget('nobody')).toBe(0);
    db.close();
    for (const f of [file, `${file}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(f);
      } catch {
        continue;
      }
      expect(bytes.includes(key), `${path.basename(f)} still holds the forgotten key`).toBe(false);
    }
  });
});
