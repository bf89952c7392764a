// The WebSocket hub over a real service and real `ws` clients while the demo capture is replayed:
// the aircraft stream with positions, filters, reconnection with ?after= (every missed event exactly
// once), the alerts channel's auth and ownership, protocol errors, and a slow client being closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TokenAuthenticator } from '../../src/api/tokens.ts';
import { buildEvent, receiverSource, type SkyledgerEvent } from '../../src/events/index.ts';
import { SLOW_CLIENT_CLOSE_CODE } from '../../src/notifiers/websocket.ts';
import { connectWs, DEMO_BEAST, startTestService, waitFor, wsUrl, type TestService } from '../app/service-harness.ts';
import { position } from '../events/builders.ts';

const OBSERVATION = /^org\.skyledger\.(aircraft_identified|squawk_received|position_reported|velocity_reported|altitude_reported)\.v1$/;

let service: TestService;

beforeAll(async () => {
  // 300 s of traffic in about 10 s: events keep arriving while clients connect and reconnect.
  service = await startTestService([`demo=file://${DEMO_BEAST}?speed=30`], {
    authenticator: new TokenAuthenticator({ tokens: 'alice:alice-token-1,bob:bob-token-22', file: null }),
  });
  await waitFor('first events', () => service.store.log.headSync() > 0);
}, 60_000);

afterAll(async () => {
  await service?.stop();
});

function observationPositions(after = 0): number[] {
  const out: number[] = [];
  for (;;) {
    const page = service.store.log.readSync({ after, limit: 5000 });
    if (page.length === 0) return out;
    for (const e of page) if (OBSERVATION.test(e.event.type)) out.push(e.position);
    after = page[page.length - 1].position;
  }
}

describe('WebSocket /ws', () => {
  it('welcomes, streams the live aircraft events as CloudEvents with positions, and a reconnect with ?after= gets what was missed exactly once', async () => {
    const a = await connectWs(wsUrl(service));
    expect(a.messages[0] ?? (await a.next((m) => m.type === 'welcome'))).toMatchObject({ type: 'welcome', head: expect.any(Number) });
    a.send({ type: 'subscribe', channel: 'aircraft', after: 0 });
    await a.next((m) => m.type === 'subscribed' && m.channel === 'aircraft');
    await waitFor('500 events on the first connection', () => a.events.length >= 500, 30_000);
    a.ws.close();
    await waitFor('the first connection to close', () => a.closed);
    const last = a.events.at(-1)!.position;
    expect(service.receivers[0].status.state).not.toBe('closed');

    const b = await connectWs(wsUrl(service, `?after=${last}`));
    b.send({ type: 'subscribe', channel: 'aircraft' });
    await waitFor('the capture to end', () => service.receivers[0].status.state === 'closed', 60_000);
    service.flush();
    const expected = observationPositions();
    await waitFor('the second connection to reach the end of the log', () => b.events.at(-1)?.position === expected.at(-1), 30_000);

    const got = [...a.events, ...b.events].map((e) => e.position);
    expect(new Set(got).size).toBe(got.length);
    expect(got).toEqual(expected);
    for (const e of [...a.events.slice(0, 50), ...b.events.slice(0, 50)]) {
      expect(e).toMatchObject({ specversion: '1.0', id: expect.any(String), source: '/receivers/demo', type: expect.stringMatching(OBSERVATION), subject: expect.stringMatching(/^[0-9A-F]{6}$/), time: expect.any(String), data: expect.any(Object) });
    }
    expect(a.events.some((e) => e.type === 'org.skyledger.position_reported.v1' && typeof e.data.latitude === 'number')).toBe(true);
    b.ws.close();
  }, 120_000);

  it('filters the aircraft stream by icao and by box, from the log', async () => {
    const first = service.store.log.readSync({ types: ['org.skyledger.position_reported.v1'], limit: 1 })[0].event as Extract<SkyledgerEvent, { type: 'org.skyledger.position_reported.v1' }>;
    const icao = first.subject!;
    const c = await connectWs(wsUrl(service, '?after=0'));
    c.send({ type: 'subscribe', channel: 'aircraft', filter: { icao: icao.toLowerCase() } });
    const expected = service.store.log.readSync({ subject: icao, limit: 100_000 }).filter((e) => OBSERVATION.test(e.event.type)).length;
    await waitFor('the aircraft\'s events', () => c.events.length >= expected, 20_000);
    expect(c.events.every((e) => e.subject === icao)).toBe(true);

    const { latitude: lat, longitude: lon } = first.data;
    const d = await connectWs(wsUrl(service, '?after=0'));
    d.send({ type: 'subscribe', channel: 'aircraft', filter: { box: `${lat - 0.5},${lat + 0.5},${lon - 0.5},${lon + 0.5}` } });
    await waitFor('positions in the box', () => d.events.filter((e) => e.type === 'org.skyledger.position_reported.v1').length >= 5, 20_000);
    for (const e of d.events.filter((x) => x.type === 'org.skyledger.position_reported.v1')) {
      expect(Math.abs(e.data.latitude - lat)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(e.data.longitude - lon)).toBeLessThanOrEqual(0.5);
    }
    c.ws.close();
    d.ws.close();
  }, 60_000);

  it('answers bad messages with an error naming the field, and keeps the connection', async () => {
    const c = await connectWs(wsUrl(service));
    c.ws.send('not json');
    await c.next((m) => m.type === 'error' && /JSON/.test(m.message));
    c.send({ type: 'subscribe', channel: 'weather' });
    await c.next((m) => m.type === 'error' && m.field === 'channel');
    c.send({ type: 'subscribe', channel: 'aircraft', filter: { circle: '50,8' } });
    await c.next((m) => m.type === 'error' && m.field === 'filter.circle');
    c.send({ type: 'subscribe', channel: 'aircraft', filter: { colour: 'red' } });
    await c.next((m) => m.type === 'error' && m.field === 'filter.colour');
    c.send({ type: 'auth', token: 'wrong-token' });
    await c.next((m) => m.type === 'error' && m.field === 'token');
    expect(c.closed).toBeUndefined();
    c.ws.close();
    const refused = await fetch(`${service.url}/ws?after=abc`);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { field: string }).field).toBe('after');
  });

  it('delivers alerts only to the authenticated owner of the watch', async () => {
    const anon = await connectWs(wsUrl(service));
    anon.send({ type: 'subscribe', channel: 'alerts' });
    await anon.next((m) => m.type === 'error' && m.field === 'channel');

    const alice = await connectWs(wsUrl(service), { authorization: 'Bearer alice-token-1' });
    await alice.next((m) => m.type === 'welcome' && m.user === 'alice');
    alice.send({ type: 'subscribe', channel: 'alerts' });
    await alice.next((m) => m.type === 'subscribed' && m.channel === 'alerts');
    const bob = await connectWs(wsUrl(service));
    bob.send({ type: 'auth', token: 'bob-token-22' });
    await bob.next((m) => m.type === 'authenticated' && m.user === 'bob');
    bob.send({ type: 'subscribe', channel: 'alerts' });
    await bob.next((m) => m.type === 'subscribed');

    // Watch events as the watch service would append them (their shape is the watch engineer's).
    const t = Date.now() * 1000;
    const watchEvent = (type: string, source: string, watch: string, dt: number): SkyledgerEvent =>
      ({ ...buildEvent('org.skyledger.cleanup_interval_passed.v1', source, watch, t + dt, null, { max_age_seconds: 1 }), type, data: { watch_id: watch, icao_address: '3C6444' } }) as unknown as SkyledgerEvent;
    const events = [
      watchEvent('org.skyledger.watch_started.v1', '/users/alice', 'watch-a', 1),
      watchEvent('org.skyledger.watch_started.v1', '/users/bob', 'watch-b', 2),
      watchEvent('org.skyledger.flight_spotted.v1', '/receivers/demo', 'watch-a', 3),
      watchEvent('org.skyledger.flight_lost.v1', '/receivers/demo', 'watch-b', 4),
    ];
    service.store.log.appendSync(events);
    await alice.next((m) => m.type === 'org.skyledger.flight_spotted.v1');
    await bob.next((m) => m.type === 'org.skyledger.flight_lost.v1');
    service.store.log.appendSync([position('3C6444', 50, 8, 10)]);
    await waitFor('the hub to pass the marker', () => service.hub.head >= service.store.log.headSync());
    expect(alice.events.map((e) => e.type)).toEqual(['org.skyledger.flight_spotted.v1']);
    expect(bob.events.map((e) => e.type)).toEqual(['org.skyledger.flight_lost.v1']);
    expect(alice.events[0]).toMatchObject({ subject: 'watch-a', position: expect.any(Number) });
    for (const c of [anon, alice, bob]) c.ws.close();
  });

  it('closes a client that stops reading with 1013 and a reason, and the server keeps serving', async () => {
    const slow = await startTestService([], { maxClientBufferBytes: 64 * 1024 });
    try {
      const c = await connectWs(wsUrl(slow));
      c.send({ type: 'subscribe', channel: 'aircraft' });
      await c.next((m) => m.type === 'subscribed');
      // Stop reading: the kernel's buffers fill, then the server's send buffer.
      (c.ws as WebSocket & { _socket: { pause(): void } })._socket.pause();
      const source = receiverSource('flood');
      let n = 0;
      await waitFor('the slow client to be closed', () => {
        const batch: SkyledgerEvent[] = [];
        for (let i = 0; i < 2000; i++, n++) batch.push(position('4B1234', 47 + (n % 1000) / 1000, 8, n / 100, 35000, source));
        slow.store.log.appendSync(batch);
        return slow.hub.counts.closedSlow > 0;
      }, 60_000);
      (c.ws as WebSocket & { _socket: { resume(): void } })._socket.resume();
      await waitFor('the close frame', () => c.closed, 10_000);
      expect(c.closed).toMatchObject({ code: SLOW_CLIENT_CLOSE_CODE, reason: expect.stringContaining('too slow') });
      expect(slow.hub.stats().clients).toBe(0);
      const d = await connectWs(wsUrl(slow));
      d.send({ type: 'subscribe', channel: 'aircraft' });
      await d.next((m) => m.type === 'subscribed');
      slow.store.log.appendSync([position('4B1234', 48, 9, 1e6, 35000, source)]);
      await d.next((m) => m.type === 'org.skyledger.position_reported.v1');
      d.ws.close();
    } finally {
      await slow.stop();
    }
  }, 90_000);

  it('drops a client that stops answering pings', async () => {
    const beating = await startTestService([], { wsHeartbeatMs: 200 });
    try {
      const healthy = await connectWs(wsUrl(beating));
      let pings = 0;
      healthy.ws.on('ping', () => pings++);
      const silent = new WebSocket(wsUrl(beating), { autoPong: false });
      const closed = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));
      await new Promise((resolve) => silent.once('open', resolve));
      // Dropped by the server (no close frame: 1006 on our side) after a period without a pong.
      expect(await closed).toBe(1006);
      await waitFor('the hub to let the silent client go', () => beating.hub.stats().clients === 1, 10_000);
      await waitFor('the answering client to live through three pings', () => pings >= 3, 10_000);
      expect(healthy.closed).toBeUndefined();
      healthy.ws.close();
    } finally {
      await beating.stop();
    }
  });
});
