// End to end through the real service: a callsign watch POSTed over HTTP with a token, frames fed
// to the service's AVR TCP source, the alert pushed to a real `ws` client within 1 s of the frame
// entering, and a reconnect with ?after= delivering the alerts missed meanwhile exactly once.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenAuthenticator } from '../../src/api/tokens.ts';
import { writeAvr } from '../../src/wire/avr.ts';
import { connectWs, startTestService, waitFor, wsUrl, type TestService } from './service-harness.ts';
import { frames } from './watch-harness.ts';

let service: TestService;
let feed: Server;
let sockets: Socket[] = [];

beforeAll(async () => {
  feed = createServer((s) => sockets.push(s));
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  const port = (feed.address() as { port: number }).port;
  service = await startTestService([`feed=avr://127.0.0.1:${port}`], {
    authenticator: new TokenAuthenticator({ tokens: 'alice:alice-token-1,bob:bob-token-22', file: null }),
  });
  await waitFor('the service to connect to the feed', () => sockets.length > 0, 10_000);
}, 30_000);

afterAll(async () => {
  await service?.stop();
  for (const s of sockets) s.destroy();
  sockets = [];
  await new Promise((resolve) => feed?.close(resolve));
});

function send(bytes: Uint8Array): void {
  for (const s of sockets) s.write(writeAvr(bytes));
}

async function api(method: string, path: string, token: string | undefined, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${service.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

describe('watches end to end (HTTP + AVR feed + WebSocket)', () => {
  it('refuses bad bodies with the field named, and without a token', async () => {
    expect((await api('POST', '/api/watches', undefined, { callsign: 'SKY123' })).status).toBe(401);
    const bad = await api('POST', '/api/watches', 'alice-token-1', { area: { lat: 95, lon: 8, radius_nm: 5 } });
    expect(bad).toMatchObject({ status: 400, json: { field: 'area.lat' } });
    const foreign = await api('POST', '/api/watches', 'bob-token-22', { squawk: '7700' });
    expect(foreign.status).toBe(201);
    expect((await api('DELETE', `/api/watches/${foreign.json.id}`, 'alice-token-1')).status).toBe(404);
    expect((await api('DELETE', `/api/watches/${foreign.json.id}`, 'bob-token-22')).status).toBe(204);
    expect((await api('DELETE', `/api/watches/${foreign.json.id}`, 'bob-token-22')).status).toBe(409);
  });

  it('a callsign watch alerts a ws client within 1 s of the frame entering; ?after= replays missed alerts exactly once', async () => {
    const created = await api('POST', '/api/watches', 'alice-token-1', { callsign: 'SKY123', label: 'e2e' });
    expect(created.status).toBe(201);
    const watchId: string = created.json.id;
    const listed = await api('GET', '/api/watches', 'alice-token-1');
    expect(listed.json.watches).toEqual([expect.objectContaining({ id: watchId, match: { callsign: 'SKY123' }, status: 'active' })]);

    const a = await connectWs(wsUrl(service, '?token=alice-token-1'));
    a.send({ type: 'subscribe', channel: 'alerts' });
    await a.next((m) => m.type === 'subscribed');
    const bob = await connectWs(wsUrl(service, '?token=bob-token-22'));
    bob.send({ type: 'subscribe', channel: 'alerts' });
    await bob.next((m) => m.type === 'subscribed');

    const entered = performance.now();
    send(frames.identification(0x4ca7b5, 'SKY123'));
    const first = await waitFor('the first alert', () => a.events.find((e) => e.type === 'org.skyledger.flight_spotted.v1'), 5000);
    const latencyMs = performance.now() - entered;
    expect(latencyMs).toBeLessThan(1000);
    expect(first).toMatchObject({ subject: watchId, data: { icao: '4CA7B5', callsign: 'SKY123', watch_id: watchId } });
    a.ws.close();
    await waitFor('the socket to close', () => a.closed);

    // Missed while disconnected: two more aircraft under the same callsign.
    send(frames.identification(0x3c6444, 'SKY123'));
    send(frames.identification(0x400159, 'SKY123'));
    await waitFor('two more alerts in the log', () => service.store.log.readSync({ types: ['org.skyledger.flight_spotted.v1'], limit: 100 }).length >= 3, 5000);

    const b = await connectWs(wsUrl(service, `?token=alice-token-1&after=${first.position}`));
    b.send({ type: 'subscribe', channel: 'alerts' });
    await waitFor('the missed alerts', () => b.events.length >= 2, 5000);
    send(frames.identification(0x4cafe0, 'SKY123'));
    await waitFor('a live alert after the reconnect', () => b.events.length >= 3, 5000);
    // Give a duplicate every chance to show up: another, unrelated event goes through afterwards.
    send(frames.identification(0x4cafe1, 'OTHER1'));
    await waitFor('the unrelated event in the log', () => service.store.log.readSync({ types: ['org.skyledger.aircraft_identified.v1'], limit: 100 }).some((e) => e.event.subject === '4CAFE1'), 5000);
    const icaos = b.events.map((e) => e.data.icao);
    expect(icaos).toEqual(['3C6444', '400159', '4CAFE0']);
    expect(new Set(b.events.map((e) => e.position)).size).toBe(3);
    expect(bob.events).toEqual([]);
    const health = await api('GET', '/health', undefined);
    expect(health.json.watches).toMatchObject({ active: 1, process: { appended: 4, errors: 0 }, webhook: { delivered: 0, failed: 0 } });
    b.ws.close();
    bob.ws.close();
    process.stdout.write(`${JSON.stringify({ bench: 'watch_alert_latency_e2e', value: Math.round(latencyMs * 10) / 10, unit: 'ms' })}\n`);
  });
});
