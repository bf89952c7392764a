// The HTTP API over real HTTP while the service replays the demo capture (its own simulator's
// 50 aircraft around Frankfurt): aircraft with callsign and position, filters, aircraft.json,
// events paging, 400s that name the field, 401s on writes, and the watch routes' error mapping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LimitError, NotFoundError, ValidationError } from '../../src/app/command-errors.ts';
import { TokenAuthenticator } from '../../src/api/tokens.ts';
import type { WatchCommands } from '../../src/api/watch-routes.ts';
import { DEMO_BEAST, startTestService, waitFor, type TestService } from '../app/service-harness.ts';

/** Route-level stand-in for the watch service: just enough to exercise the status mapping. */
class TinyWatches implements WatchCommands {
  readonly watches = new Map<string, { user: string; body: unknown }>();
  async start(userId: string, body: unknown): Promise<{ id: string; position: number }> {
    const b = body as { callsign?: unknown };
    if (typeof b.callsign !== 'string') throw new ValidationError('callsign', 'is required');
    if ([...this.watches.values()].filter((w) => w.user === userId).length >= 2) throw new LimitError('at most 2 watches per user');
    const id = `w${this.watches.size + 1}`;
    this.watches.set(id, { user: userId, body });
    return { id, position: 1 };
  }
  async stop(userId: string, watchId: string): Promise<void> {
    if (this.watches.get(watchId)?.user !== userId) throw new NotFoundError('watch', watchId);
    this.watches.delete(watchId);
  }
  async list(userId: string): Promise<unknown[]> {
    return [...this.watches].filter(([, w]) => w.user === userId).map(([id, w]) => ({ id, ...(w.body as object) }));
  }
}

let service: TestService;
const ALICE = { authorization: 'Bearer alice-token-1' };

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(service.url + path, { headers });
  const text = await res.text();
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text, headers: res.headers };
}

async function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(service.url + path, {
    method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  service = await startTestService([`demo=file://${DEMO_BEAST}?speed=max`], {
    authenticator: new TokenAuthenticator({ tokens: 'alice:alice-token-1,bob:bob-token-22', file: null }),
    watches: new TinyWatches(),
  });
  await waitFor('the demo capture to be read', () => service.receivers[0].status.state === 'closed', 60_000);
  service.flush();
}, 90_000);

afterAll(async () => {
  await service?.stop();
});

describe('GET /api/aircraft', () => {
  it('lists the capture\'s aircraft with callsign and position', async () => {
    const { status, body } = await get('/api/aircraft');
    expect(status).toBe(200);
    expect(body.count).toBe(body.aircraft.length);
    const complete = body.aircraft.filter((a: any) => a.callsign && a.latitude !== null && a.longitude !== null);
    expect(complete.length).toBeGreaterThanOrEqual(30);
    for (const a of complete) {
      expect(a.icao).toMatch(/^[0-9A-F]{6}$/);
      // Within the simulator's 150 nm of Frankfurt.
      expect(Math.abs(a.latitude - 50.11)).toBeLessThan(3);
      expect(Math.abs(a.longitude - 8.68)).toBeLessThan(4.5);
    }
  });

  it('filters by callsign, icao, squawk, circle and box', async () => {
    const all = (await get('/api/aircraft')).body.aircraft as any[];
    const a = all.find((x) => x.callsign && x.squawk && x.latitude !== null)!;
    const byCallsign = (await get(`/api/aircraft?callsign=${a.callsign.toLowerCase()}`)).body.aircraft;
    expect(byCallsign.map((x: any) => x.icao)).toContain(a.icao);
    expect(byCallsign.every((x: any) => x.callsign === a.callsign)).toBe(true);
    expect((await get(`/api/aircraft?icao=${a.icao.toLowerCase()}`)).body.aircraft.map((x: any) => x.icao)).toEqual([a.icao]);
    const bySquawk = (await get(`/api/aircraft?squawk=${a.squawk}`)).body.aircraft;
    expect(bySquawk.length).toBeGreaterThan(0);
    expect(bySquawk.every((x: any) => x.squawk === a.squawk)).toBe(true);

    const near = (await get(`/api/aircraft?circle=${a.latitude},${a.longitude},1`)).body.aircraft;
    expect(near.map((x: any) => x.icao)).toContain(a.icao);
    const wide = (await get('/api/aircraft?circle=50.11,8.68,400')).body.aircraft;
    expect(wide.length).toBe(all.filter((x) => x.latitude !== null).length);
    const box = (await get(`/api/aircraft?box=${a.latitude - 0.01},${a.latitude + 0.01},${a.longitude - 0.01},${a.longitude + 0.01}`)).body.aircraft;
    expect(box.map((x: any) => x.icao)).toContain(a.icao);
    expect((await get('/api/aircraft?box=-10,-9,100,101')).body.aircraft).toEqual([]);
  });

  it.each([
    ['circle=50,8', 'circle'],
    ['circle=95,8,10', 'circle'],
    ['box=51,50,7,9', 'box'],
    ['squawk=7800', 'squawk'],
    ['icao=XYZ', 'icao'],
    ['calsign=DLH', 'calsign'],
  ])('answers ?%s with 400 naming %s', async (query, field) => {
    const { status, body } = await get(`/api/aircraft?${query}`);
    expect(status).toBe(400);
    expect(body.field).toBe(field);
    expect(body.message).toContain(field);
  });
});

describe('GET /api/aircraft/:icao and /track', () => {
  it('gives one aircraft and its track, and 404 for an unknown one', async () => {
    const a = (await get('/api/aircraft')).body.aircraft.find((x: any) => x.latitude !== null);
    const one = await get(`/api/aircraft/${a.icao.toLowerCase()}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ icao: a.icao, callsign: a.callsign });
    const track = await get(`/api/aircraft/${a.icao}/track`);
    expect(track.status).toBe(200);
    expect(track.body.points.length).toBeGreaterThan(1);
    expect(track.body.points.at(-1)).toMatchObject({ latitude: expect.any(Number), longitude: expect.any(Number) });
    expect((await get('/api/aircraft/ABCDEF')).status).toBe(404);
    expect((await get('/api/aircraft/ABCDEF/track')).status).toBe(404);
    const bad = await get('/api/aircraft/12345G');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('icao');
  });
});

describe('GET /data/aircraft.json', () => {
  it('speaks dump1090-fa: now, messages, aircraft[] with lower-case hex and its field names', async () => {
    const { status, body } = await get('/data/aircraft.json?_=12345');
    expect(status).toBe(200);
    expect(body.now).toBeCloseTo(Date.now() / 1000, -1);
    expect(body.messages).toBe(service.receivers[0].ingest.counts.accepted);
    const withPos = body.aircraft.filter((a: any) => a.lat !== undefined && a.flight !== undefined);
    expect(withPos.length).toBeGreaterThanOrEqual(30);
    for (const a of body.aircraft) {
      expect(a.hex).toMatch(/^[0-9a-f]{6}$/);
      expect(typeof a.seen).toBe('number');
      expect(typeof a.messages).toBe('number');
      if (a.flight !== undefined) expect(a.flight).toHaveLength(8);
      if (a.alt_baro !== undefined) expect(a.alt_baro === 'ground' || Number.isInteger(a.alt_baro)).toBe(true);
      for (const ft of ['alt_geom', 'baro_rate', 'geom_rate']) if (a[ft] !== undefined) expect(Number.isInteger(a[ft])).toBe(true);
      if (a.lat !== undefined) expect(typeof a.seen_pos).toBe('number');
      for (const key of Object.keys(a)) {
        expect([
          'hex', 'flight', 'alt_baro', 'alt_geom', 'gs', 'track', 'baro_rate', 'geom_rate', 'squawk', 'emergency', 'category', 'lat', 'lon',
          'seen', 'seen_pos', 'messages', 'rssi',
        ]).toContain(key);
      }
    }
    // The capture's Beast signal bytes: dBFS averaged as dump1090 does, and frames heard per aircraft.
    for (const a of withPos) {
      expect(a.rssi).toBeLessThan(0);
      expect(a.rssi).toBeGreaterThan(-50);
      expect(a.messages).toBeGreaterThan(10);
    }
    // The simulator puts some traffic on the airport's surface.
    expect(body.aircraft.some((a: any) => a.alt_baro === 'ground') || body.aircraft.some((a: any) => typeof a.alt_baro === 'number')).toBe(true);
  });
});

describe('GET /api/events', () => {
  it('pages the log by position with each event\'s position, and filters by type and subject', async () => {
    const first = await get('/api/events?limit=50');
    expect(first.status).toBe(200);
    expect(first.body.events).toHaveLength(50);
    expect(first.body.events[0]).toMatchObject({ specversion: '1.0', position: expect.any(Number), type: expect.stringMatching(/^org\.skyledger\./) });
    const second = await get(`/api/events?limit=50&after=${first.body.next_after}`);
    expect(second.body.events[0].position).toBeGreaterThan(first.body.next_after);
    const positions = [...first.body.events, ...second.body.events].map((e: any) => e.position);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);

    const pos = await get('/api/events?type=position_reported&limit=20');
    expect(pos.body.events.every((e: any) => e.type === 'org.skyledger.position_reported.v1')).toBe(true);
    const subject = pos.body.events[0].subject;
    const bySubject = await get(`/api/events?subject=${subject.toLowerCase()}&type=org.skyledger.position_reported.v1,aircraft_identified.v1`);
    expect(bySubject.body.events.length).toBeGreaterThan(0);
    expect(bySubject.body.events.every((e: any) => e.subject === subject)).toBe(true);
  });

  it.each([
    ['limit=abc', 'limit'],
    ['limit=0', 'limit'],
    ['limit=5000', 'limit'],
    ['after=-1', 'after'],
    ['type=no_such_event', 'type'],
    ['type=Bad-Name', 'type'],
    ['colour=red', 'colour'],
  ])('answers ?%s with 400 naming %s', async (query, field) => {
    const { status, body } = await get(`/api/events?${query}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'bad_request', field });
  });
});

describe('watch routes (through the WatchCommands seam)', () => {
  it('answers every write without a valid token with 401, before looking at the body', async () => {
    expect((await send('POST', '/api/watches', { callsign: 'DLH1' })).status).toBe(401);
    expect((await send('POST', '/api/watches', 'not an object', { authorization: 'Bearer nope-nope-nope' })).status).toBe(401);
    expect((await send('DELETE', '/api/watches/w1', undefined)).status).toBe(401);
    expect((await get('/api/watches')).status).toBe(401);
    const r = await fetch(`${service.url}/api/watches`, { method: 'POST' });
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('maps the service\'s errors: 400 with the field, 409 for a limit, 404 for someone else\'s watch', async () => {
    const bad = await send('POST', '/api/watches', { icao: 'ABC123' }, ALICE);
    expect(bad).toMatchObject({ status: 400, body: { field: 'callsign' } });
    const notObject = await send('POST', '/api/watches', [1, 2], ALICE);
    expect(notObject.status).toBe(400);
    const created = await send('POST', '/api/watches', { callsign: 'DLH1' }, ALICE);
    expect(created).toMatchObject({ status: 201, body: { id: expect.any(String), position: 1 } });
    await send('POST', '/api/watches', { callsign: 'DLH2' }, ALICE);
    expect((await send('POST', '/api/watches', { callsign: 'DLH3' }, ALICE)).status).toBe(409);
    expect((await send('DELETE', `/api/watches/${created.body.id}`, undefined, { authorization: 'Bearer bob-token-22' })).status).toBe(404);
    expect((await get('/api/watches', ALICE)).body.watches).toHaveLength(2);
    expect((await send('DELETE', `/api/watches/${created.body.id}?token=alice-token-1`, undefined)).status).toBe(204);
    expect((await get('/api/watches', ALICE)).body.watches).toHaveLength(1);
  });
});

describe('GET /health and /metrics', () => {
  it('reports sources, lag and log head', async () => {
    const { status, body } = await get('/health');
    expect(status).toBe(200);
    expect(body.sources[0]).toMatchObject({ name: 'demo', state: 'closed', last_error: null });
    expect(body.sources[0].frames).toBeGreaterThan(10_000);
    expect(body.log.head).toBe(service.store.log.headSync());
    expect(body.projections.lag).toMatchObject({ aircraft: 0, tracks: 0, stats: 0 });
    expect(Object.values(body.projections.lag).every((lag) => lag === 0)).toBe(true);
  });

  it('exposes frames by source and DF, events appended, projection lag and WS clients', async () => {
    const { status, body } = await get('/metrics');
    expect(status).toBe(200);
    expect(body).toMatch(/skyledger_frames_total\{source="demo",df="17"\} \d+/);
    expect(body).toMatch(/skyledger_frames_total\{source="demo",df="11"\} \d+/);
    expect(body).toMatch(new RegExp(`skyledger_events_appended_total\\{source="demo"\\} ${service.receivers[0].ingest.counts.appended}`));
    expect(body).toMatch(/skyledger_projection_lag_events\{projection="aircraft"\} 0/);
    expect(body).toMatch(/skyledger_websocket_clients \d+/);
    expect(body).toMatch(new RegExp(`skyledger_log_head ${service.store.log.headSync()}`));
  });
});
