// Shared by the watch integration tests: a temp-file store with the watch service, process runner
// and webhook gateway wired as the service wires them, a real HTTP webhook receiver on loopback,
// Mode S frames from the project's encoder, and a condition wait (never a fixed sleep).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ingest } from '../../src/app/ingest.ts';
import { openStore, type Store } from '../../src/app/open-store.ts';
import { WatchProcessRunner } from '../../src/app/watch-process-runner.ts';
import { WatchService } from '../../src/app/watch-service.ts';
import { encodeAircraftStatus, encodeIdentification, encodeSurveillanceIdentity } from '../../src/modes/encode/index.ts';
import { WebhookGateway } from '../../src/notifiers/webhook.ts';
import { PersonalData, UserKeys } from '../../src/security/index.ts';
import { WatchQueries } from '../../src/store/index.ts';

export async function until(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A webhook receiver that answers with the next status of `script` (then 200s). */
export async function webhookReceiver(script: number[] = []): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const status = script.shift() ?? 200;
      received.push({ headers: req.headers, body, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}/hook`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface WatchRig {
  dir: string;
  file: string;
  store: Store;
  watches: WatchService;
  runner: WatchProcessRunner;
  gateway: WebhookGateway;
  personal: PersonalData;
  ingest: Ingest;
  close(): Promise<void>;
}

export function watchRig(options: { baseDelayMs?: number } = {}): WatchRig {
  const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-watch-'));
  const file = path.join(dir, 'skyledger.db');
  const store = openStore(file);
  const personal = new PersonalData(new UserKeys(store.db));
  const watches = new WatchService({ log: store.log, queries: new WatchQueries(store.db), personal, catchUp: () => store.runner.catchUp() });
  const runner = new WatchProcessRunner(store.log);
  runner.start();
  const gateway = new WebhookGateway({ log: store.log, personal, baseDelayMs: options.baseDelayMs ?? 10, timeoutMs: 2000 });
  gateway.start();
  const ingest = new Ingest(store.log, store.runner, { receiver: 'test', ticks: false });
  return {
    dir, file, store, watches, runner, gateway, personal, ingest,
    close: async () => {
      await gateway.close();
      await runner.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const frames = {
  identification: (icao: number, callsign: string) => encodeIdentification({ icao, callsign, category: 'A3' }),
  /** DF5 identity reply: the squawk, address in the parity. */
  df5: (icao: number, squawk: string) => encodeSurveillanceIdentity({ icao, squawk }),
  /** DF17 TC28: emergency state and squawk. */
  tc28: (icao: number, emergency: 'none' | 'general' | 'lifeguard' | 'minfuel' | 'nordo' | 'unlawful' | 'downed', squawk: string) =>
    encodeAircraftStatus({ icao, emergency, squawk }),
};
