import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenAuthenticator } from '../../src/api/tokens.ts';
import { openStore } from '../../src/app/open-store.ts';
import { WatchService } from '../../src/app/watch-service.ts';
import { main } from '../../src/cli/main.ts';
import { PersonalData, UserKeys } from '../../src/security/index.ts';
import { WatchQueries } from '../../src/store/index.ts';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-cli-'));
  dirs.push(dir);
  return dir;
}

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, out };
}

describe('skyledger token / forget', () => {
  it('token create appends user:token to the tokens file next to the db (mode 0600), prints it once, and the authenticator accepts it', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'sky.db');
    const first = await run(['token', 'create', 'alice', '--db', db]);
    const second = await run(['token', 'create', 'bob', '--db', db]);
    expect(first.code).toBe(0);
    const tokenA = first.out.trim();
    const tokenB = second.out.trim();
    expect(tokenA).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(tokenA).not.toBe(tokenB);
    const file = path.join(dir, 'api-tokens');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(`alice:${tokenA}\nbob:${tokenB}\n`);
    const auth = new TokenAuthenticator({ tokens: '', file });
    expect(auth.authenticate(tokenA)).toBe('alice');
    expect(auth.authenticate(tokenB)).toBe('bob');
    expect((await run(['token', 'create', 'no spaces', '--file', file])).code).toBe(2);
  });

  it('forget USER deletes the key in the database: a running service shows the webhook redacted at once; the events remain', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'sky.db');
    const store = openStore(db);
    try {
      const personal = new PersonalData(new UserKeys(store.db));
      const watches = new WatchService({ log: store.log, queries: new WatchQueries(store.db), personal, catchUp: () => store.runner.catchUp() });
      await watches.start('alice', { icao: '4CA7B5', webhook: 'https://example.org/alice' }, '2026-11-26T04:00:00.000000Z');
      expect((await watches.list('alice'))[0].webhook).toBe('https://example.org/alice');
      const head = store.log.headSync();
      const forgotten = await run(['forget', 'alice', '--db', db]);
      expect(forgotten.code).toBe(0);
      expect(JSON.parse(forgotten.out)).toEqual({ user: 'alice', keys_deleted: 1 });
      expect((await watches.list('alice'))[0]).toMatchObject({ webhook: '[redacted]', match: { icao: '4CA7B5' } });
      expect(store.log.headSync()).toBe(head);
      expect(JSON.parse((await run(['forget', 'alice', '--db', db])).out)).toEqual({ user: 'alice', keys_deleted: 0 });
    } finally {
      store.close();
    }
  });
});
