import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatTokenLine, parseTokenLines, tokenOfRequest, TokenAuthenticator } from '../../src/api/tokens.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('tokens', () => {
  it('parses user:token lines, skipping comments and blanks, and reports malformed lines', () => {
    const parsed = parseTokenLines('# tokens\nalice:secret-token-1\n\n  bob:another-token \nnot a line\n:nouser-token\ncarol:short\n');
    expect([...parsed.byToken]).toEqual([['secret-token-1', 'alice'], ['another-token', 'bob']]);
    expect(parsed.badLines).toEqual([5, 6, 7]);
    expect(formatTokenLine('dave', 'dave-token-123')).toBe('dave:dave-token-123\n');
    expect(() => formatTokenLine('da ve', 'dave-token-123')).toThrow();
  });

  it('authenticates from SKYLEDGER_API_TOKENS-style text and from the file, re-reading the file when it changes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-tokens-'));
    dirs.push(dir);
    const file = path.join(dir, 'api-tokens');
    writeFileSync(file, 'alice:alice-token-1\n');
    let now = 0;
    const auth = new TokenAuthenticator({ tokens: 'ops:ops-token-99', file, now: () => now });
    expect(auth.authenticate('ops-token-99')).toBe('ops');
    expect(auth.authenticate('alice-token-1')).toBe('alice');
    expect(auth.authenticate('bob-token-22')).toBeUndefined();
    expect(auth.authenticate('')).toBeUndefined();
    appendFileSync(file, formatTokenLine('bob', 'bob-token-22'));
    now += 1500;
    expect(auth.authenticate('bob-token-22')).toBe('bob');
    rmSync(file);
    now += 1500;
    expect(auth.authenticate('alice-token-1')).toBeUndefined();
    expect(auth.authenticate('ops-token-99')).toBe('ops');
  });

  it('takes the bearer header before ?token=', () => {
    expect(tokenOfRequest('Bearer abc', 'def')).toBe('abc');
    expect(tokenOfRequest('bearer   abc ', undefined)).toBe('abc');
    expect(tokenOfRequest('Basic abc', 'def')).toBe('def');
    expect(tokenOfRequest(undefined, undefined)).toBeUndefined();
  });
});
