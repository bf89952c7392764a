// 1,000 concurrent WebSocket clients on one service: every client gets every pushed event and the
// process's resident memory stays bounded (a generous bound: this is a leak/blow-up guard, not a
// benchmark; the server and the clients share the test process).
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { receiverSource, type SkyledgerEvent } from '../../src/events/index.ts';
import { position } from '../events/builders.ts';
import { startTestService, waitFor, wsUrl, type TestService } from './service-harness.ts';

const CLIENTS = 1000;
const EVENTS = 200;
let service: TestService;

beforeAll(async () => {
  service = await startTestService([]);
});

afterAll(async () => {
  await service?.stop();
});

it(`serves ${CLIENTS} concurrent clients every event with RSS bounded`, async () => {
  const rssBefore = process.memoryUsage().rss;
  const received = new Int32Array(CLIENTS);
  const sockets: WebSocket[] = [];
  for (let start = 0; start < CLIENTS; start += 100) {
    await Promise.all(Array.from({ length: 100 }, (_, k) => new Promise<void>((resolve, reject) => {
      const i = start + k;
      const ws = new WebSocket(wsUrl(service));
      sockets.push(ws);
      ws.on('message', (data) => {
        const m = JSON.parse(String(data));
        if (m.type === 'subscribed') resolve();
        else if (typeof m.position === 'number') received[i]++;
      });
      ws.once('open', () => ws.send(JSON.stringify({ type: 'subscribe', channel: 'aircraft' })));
      ws.once('error', reject);
    })));
  }
  expect(service.hub.stats()).toMatchObject({ clients: CLIENTS, live: CLIENTS });

  const source = receiverSource('scale');
  for (let j = 0; j < EVENTS; j += 20) {
    const batch: SkyledgerEvent[] = [];
    for (let k = j; k < j + 20; k++) batch.push(position('4B1A2C', 47 + k / 1000, 8, k, 35000, source));
    service.store.log.appendSync(batch);
  }
  await waitFor('every client to get every event', () => received.every((n) => n === EVENTS), 60_000);
  const rssAfter = process.memoryUsage().rss;
  const grewMb = (rssAfter - rssBefore) / 2 ** 20;
  expect(service.hub.counts.pushed).toBe(CLIENTS * EVENTS);
  // 1,000 server-side and 1,000 client-side sockets with their buffers: well under 400 MB.
  expect(grewMb).toBeLessThan(400);
  console.log(`ws-scale: ${CLIENTS} clients × ${EVENTS} events, RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssAfter / 2 ** 20).toFixed(0)} MB (+${grewMb.toFixed(0)} MB)`);

  for (const ws of sockets) ws.close();
  await waitFor('the hub to see every client go', () => service.hub.stats().clients === 0, 30_000);
}, 120_000);
