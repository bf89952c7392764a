// What the service benches (service, alerts) share: the demo capture as Beast frames to feed over
// loopback TCP, the feed's first connection (the service's Beast source dialling in), and the
// percentile of a sorted list of latencies.
import { readFileSync } from 'node:fs';
import type { Server, Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BeastParser, writeBeast } from '../src/wire/beast.ts';

const DEMO = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/demo.beast');

/** The demo capture's frames, each a complete Beast message. */
export function demoFrames(): Uint8Array[] {
  const out: Uint8Array[] = [];
  const parser = new BeastParser();
  parser.push(readFileSync(DEMO), (f) => out.push(writeBeast(f.bytes.slice(), f.timestamp12, f.signal)));
  parser.end(() => {});
  return out;
}

/** The first socket the feed server accepted, once there is one. */
export function firstSocket(sockets: Set<Socket>): Promise<Socket> {
  return new Promise<Socket>((resolve) => {
    const poll = (): void => {
      const [s] = sockets;
      if (s) resolve(s);
      else setTimeout(poll, 10);
    };
    poll();
  });
}

/** The port a server listening on loopback was given. */
export async function listenLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
