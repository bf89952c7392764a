// `skyledger serve [--source [NAME=]URI]... [--db PATH] [--host H] [--port P] [--lat --lon]
// [--read-token-required]`: the service. Without --source it picks a default (default-source.ts)
// and logs which and why. SIGINT/SIGTERM shut it down gracefully: pending events are appended and
// the database is closed.
import path from 'node:path';
import type { Command } from 'commander';
import pino from 'pino';
import { TokenAuthenticator } from '../../api/tokens.ts';
import { chooseDefaultSource } from '../../app/default-source.ts';
import { startService } from '../../app/service.ts';
import { parseSourceSpecs, type SourceSpec } from '../../app/source-spec.ts';
import { DEFAULT_DB_PATH } from '../../store/open-database.ts';
import type { SetExitCode } from './index.ts';
import { parseReceiver } from './option-parsers.ts';

export interface ServeOptions {
  source: string[];
  db: string;
  host: string;
  port: string;
  lat?: string;
  lon?: string;
  readTokenRequired?: boolean;
  tokens?: string;
  positionInterval: string;
  logLevel: string;
}

export async function runServe(options: ServeOptions, signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): Promise<number> {
  const logger = pino({ name: 'skyledger', level: options.logLevel });
  const fail = (message: string): number => {
    logger.error(message);
    process.stderr.write(`skyledger serve: ${message}\n`);
    return 2;
  };
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) return fail(`--port must be 0–65535, not "${options.port}"`);
  const interval = Number(options.positionInterval);
  if (!(interval >= 0)) return fail(`--position-interval must be ≥ 0, not "${options.positionInterval}"`);
  const receiver = parseReceiver(options.lat, options.lon);
  if (receiver === null) return fail('--lat and --lon go together: -90..90 and -180..180 degrees');
  let sources: SourceSpec[];
  try {
    if (options.source.length > 0) sources = parseSourceSpecs(options.source);
    else {
      const choice = await chooseDefaultSource();
      if ('error' in choice) return fail(choice.error);
      logger.info({ source: choice.name, uri: choice.uri }, `no --source given: ${choice.reason}`);
      sources = parseSourceSpecs([`${choice.name}=${choice.uri}`]);
    }
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  const authenticator = new TokenAuthenticator({
    // The same file `skyledger token create --db` writes: api-tokens beside the database.
    file: options.tokens ?? process.env.SKYLEDGER_TOKENS_FILE ?? path.join(path.dirname(options.db), 'api-tokens'),
    onBadLines: (origin, lines) => logger.warn({ origin, lines }, 'ignored malformed token lines (want user:token)'),
  });
  if (options.readTokenRequired && authenticator.count === 0) logger.warn('--read-token-required but no tokens are configured: every read will be refused');

  let service;
  try {
    service = await startService({
      sources, db: options.db, host: options.host, port, receiver, readTokenRequired: options.readTokenRequired ?? false,
      authenticator, logger, policy: { positionIntervalSeconds: interval },
    });
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  const running = service;
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      for (const s of signals) process.off(s, stop);
      logger.info({ signal }, 'shutting down');
      running.close().then(resolve, (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        resolve();
      });
    };
    for (const s of signals) process.on(s, stop);
  });
  return 0;
}

export function registerServe(program: Command, setExitCode: SetExitCode): void {
  program
    .command('serve')
    .description('run the service: sources → event log → projections → HTTP API and WebSocket')
    .option('--source <[name=]uri>', 'a source (repeatable): rtlsdr://0, rtltcp://H:P, beast://H:30005, avr://H:30002, serial:///dev/ttyUSB0, file://PATH, demo', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--db <path>', 'SQLite database', DEFAULT_DB_PATH)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 = any free port)', '8080')
    .option('--lat <deg>', 'receiver latitude (local CPR decoding, range checks)')
    .option('--lon <deg>', 'receiver longitude')
    .option('--read-token-required', 'read routes and the WebSocket aircraft stream need a token too')
    .option('--tokens <file>', 'API tokens file, one user:token per line (default SKYLEDGER_TOKENS_FILE, else api-tokens beside --db)')
    .option('--position-interval <seconds>', 'minimum seconds between position/velocity events per aircraft (0 = every frame)', '1')
    .option('--log-level <level>', 'pino log level', 'info')
    .action(async (options: ServeOptions) => setExitCode(await runServe(options)));
}
