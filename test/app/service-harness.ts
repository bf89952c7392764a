// Starts the real service for tests: a temp-file SQLite database, 127.0.0.1 port 0, silent logs.
// Also a `ws` client that records what it receives, and a condition poller (no fixed sleeps).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import { startService, type RunningService, type ServiceOptions } from '../../src/app/service.ts';
import { parseSourceSpecs } from '../../src/app/source-spec.ts';
import { REPO } from '../helpers/shared.ts';

export const DEMO_BEAST = path.join(REPO, 'fixtures/demo.beast');

export interface TestService extends RunningService {
  dir: string;
  stop(): Promise<void>;
}

export async function startTestService(sources: string[], options: Partial<ServiceOptions> = {}): Promise<TestService> {
  const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-service-'));
  const service = await startService({
    sources: parseSourceSpecs(sources), db: path.join(dir, 'skyledger.db'), host: '127.0.0.1', port: 0,
    logger: pino({ level: 'silent' }), processMetrics: false, ...options,
  });
  return Object.assign(service, {
    dir,
    async stop() {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Recorder {
  ws: WebSocket;
  messages: Record<string, any>[];
  /** Pushed events (messages with a `position`). */
  events: Record<string, any>[];
  closed: { code: number; reason: string } | undefined;
  send(m: object): void;
  next(pred: (m: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
}

export async function connectWs(url: string, headers: Record<string, string> = {}): Promise<Recorder> {
  const ws = new WebSocket(url, { headers });
  const rec: Recorder = {
    ws, messages: [], events: [], closed: undefined,
    send: (m) => ws.send(JSON.stringify(m)),
    next: (pred, timeoutMs = 10_000) => waitFor('a matching WebSocket message', () => rec.messages.find(pred), timeoutMs),
  };
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    rec.messages.push(m);
    if (typeof m.position === 'number') rec.events.push(m);
  });
  ws.on('close', (code, reason) => (rec.closed = { code, reason: String(reason) }));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  return rec;
}

export function wsUrl(service: RunningService, query = ''): string {
  return `${service.url.replace(/^http/, 'ws')}/ws${query}`;
}
