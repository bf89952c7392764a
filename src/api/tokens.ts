// API tokens: who a bearer token belongs to. The default authenticator reads
// `SKYLEDGER_API_TOKENS="user:token,user2:token2"` and a tokens file with one `user:token` per line
// (`#` starts a comment; blank lines are ignored). `skyledger token create NAME` appends to the same
// file, so the file is re-read when its modification time changes (checked at most once a second).
import { readFileSync, statSync } from 'node:fs';

export interface Authenticator {
  /** The user id the token belongs to, or undefined. */
  authenticate(token: string): string | undefined;
}

export const DEFAULT_TOKENS_FILE = './data/api-tokens';
const USER = /^[A-Za-z0-9._@-]{1,64}$/;
const TOKEN = /^[\x21-\x7e]{8,256}$/;

export interface ParsedTokens {
  byToken: Map<string, string>;
  /** 1-based line numbers that were not `user:token`. */
  badLines: number[];
}

export function parseTokenLines(text: string): ParsedTokens {
  const byToken = new Map<string, string>();
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const at = line.indexOf(':');
    const user = line.slice(0, at);
    const token = line.slice(at + 1);
    if (at <= 0 || !USER.test(user) || !TOKEN.test(token)) badLines.push(i + 1);
    else byToken.set(token, user);
  });
  return { byToken, badLines };
}

/** One line of the tokens file. */
export function formatTokenLine(user: string, token: string): string {
  if (!USER.test(user)) throw new Error(`user names are 1–64 of A-Z a-z 0-9 . _ @ -, not "${user}"`);
  if (!TOKEN.test(token)) throw new Error('tokens are 8–256 printable ASCII characters without spaces');
  return `${user}:${token}\n`;
}

export interface TokenAuthenticatorOptions {
  /** `user:token,…` (default: the SKYLEDGER_API_TOKENS environment variable). */
  tokens?: string;
  /** Tokens file (default: SKYLEDGER_TOKENS_FILE, else ./data/api-tokens); missing = no file tokens. */
  file?: string | null;
  onBadLines?: (origin: string, lines: number[]) => void;
  now?: () => number;
}

export class TokenAuthenticator implements Authenticator {
  readonly file: string | null;
  private readonly fixed: Map<string, string>;
  private fromFile = new Map<string, string>();
  private fileStamp = '';
  private checkedAt = -Infinity;
  private readonly now: () => number;
  private readonly onBadLines: (origin: string, lines: number[]) => void;

  constructor(options: TokenAuthenticatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.onBadLines = options.onBadLines ?? (() => {});
    const env = options.tokens ?? process.env.SKYLEDGER_API_TOKENS ?? '';
    const parsed = parseTokenLines(env.split(',').join('\n'));
    if (parsed.badLines.length > 0) this.onBadLines('SKYLEDGER_API_TOKENS', parsed.badLines);
    this.fixed = parsed.byToken;
    this.file = options.file === undefined ? (process.env.SKYLEDGER_TOKENS_FILE ?? DEFAULT_TOKENS_FILE) : options.file;
    this.refresh(true);
  }

  /** Users with at least one token (for the service's start-up log line). */
  get count(): number {
    this.refresh(false);
    return this.fixed.size + this.fromFile.size;
  }

  authenticate(token: string): string | undefined {
    if (token.length === 0) return undefined;
    this.refresh(false);
    return this.fixed.get(token) ?? this.fromFile.get(token);
  }

  private refresh(force: boolean): void {
    if (this.file === null) return;
    const t = this.now();
    if (!force && t - this.checkedAt < 1000) return;
    this.checkedAt = t;
    let stamp: string;
    try {
      const s = statSync(this.file);
      stamp = `${s.mtimeMs}:${s.size}`;
    } catch {
      stamp = 'missing';
    }
    if (stamp === this.fileStamp) return;
    this.fileStamp = stamp;
    if (stamp === 'missing') {
      this.fromFile = new Map();
      return;
    }
    try {
      const parsed = parseTokenLines(readFileSync(this.file, 'utf8'));
      if (parsed.badLines.length > 0) this.onBadLines(this.file, parsed.badLines);
      this.fromFile = parsed.byToken;
    } catch {
      this.fromFile = new Map();
    }
  }
}

/** `Authorization: Bearer X` first, then `?token=X`. */
export function tokenOfRequest(authorization: string | undefined, queryToken: unknown): string | undefined {
  if (authorization !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (m) return m[1];
  }
  return typeof queryToken === 'string' && queryToken !== '' ? queryToken : undefined;
}
