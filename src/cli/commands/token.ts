// `skyledger token create NAME`: mints a random API token for a user and appends `NAME:TOKEN` to
// the tokens file the service reads (it notices the change without a restart). The token is
// printed once and kept nowhere else; the file is created with mode 0600.
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { formatTokenLine } from '../../api/tokens.ts';
import { DEFAULT_DB_PATH } from '../../store/open-database.ts';
import type { SetExitCode } from './index.ts';

/** The tokens file: SKYLEDGER_TOKENS_FILE, else `api-tokens` next to the database. */
export function defaultTokensFile(db: string): string {
  return process.env.SKYLEDGER_TOKENS_FILE ?? path.join(path.dirname(db), 'api-tokens');
}

export function createToken(user: string, file: string): string {
  // 192 bits, URL-safe: fits a header, a query string and the file's `user:token` line.
  const token = randomBytes(24).toString('base64url');
  const line = formatTokenLine(user, token);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  appendFileSync(file, line, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

export function registerToken(program: Command, setExitCode: SetExitCode): void {
  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .description('create a token for a user, append it to the tokens file and print it once')
    .argument('<name>', 'user id: 1–64 of A-Z a-z 0-9 . _ @ -')
    .option('--file <path>', 'tokens file (default: SKYLEDGER_TOKENS_FILE, else api-tokens next to --db)')
    .option('--db <path>', 'SQLite database (locates the default tokens file)', DEFAULT_DB_PATH)
    .action((name: string, options: { file?: string; db: string }) => {
      const file = options.file ?? defaultTokensFile(options.db);
      let value: string;
      try {
        value = createToken(name, file);
      } catch (err) {
        process.stderr.write(`skyledger token create: ${err instanceof Error ? err.message : String(err)}\n`);
        setExitCode(2);
        return;
      }
      process.stdout.write(`${value}\n`);
      process.stderr.write(`token for ${name} appended to ${file}; it is shown only now\n`);
      setExitCode(0);
    });
}
