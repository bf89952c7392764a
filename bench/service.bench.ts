// The service under load, in one process (client and server share the 2 cores, so figures are
// conservative and comparable only within the run):
// - `/api/aircraft` requests/s with 500 aircraft in the projection, beside a trivial JSON route on
//   the same Fastify server (what the framework and the loop cost without our work);
// - WebSocket push latency, frame in → event on a `ws` client, p50/p99, with the demo capture's
//   frames fed over TCP (Beast) at 5,000 frames/s; beside the hub alone (event appended to the
//   log → pushed), which shows what the ingest batching (one append per 100 ms of traffic) adds.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import { startService, type RunningService } from '../src/app/service.ts';
import { parseSourceSpecs } from '../src/app/source-spec.ts';
import {
  AIRCRAFT_IDENTIFIED, POSITION_REPORTED, SQUAWK_RECEIVED, VELOCITY_REPORTED, buildEvent, parseMicros, receiverSource, type SkyledgerEvent,
} from '../src/events/index.ts';
import { demoFrames, firstSocket, listenLoopback, percentile } from './beast-feed.ts';
import { figure, type BenchFigure } from './runner.ts';

const AIRCRAFT = 500;
const CONCURRENCY = 16;
const LOAD_SECONDS = 4;
const ROUNDS = 8;
const FRAMES_PER_SECOND = 5000;
const FEED_SECONDS = 8;
const WARM_SECONDS = 1.5;

export async function run(): Promise<BenchFigure[]> {
  return [...(await requestRate()), ...(await pushLatency())];
}

async function withService<T>(sources: string[], body: (s: RunningService) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-bench-service-'));
  const service = await startService({
    sources: parseSourceSpecs(sources), db: path.join(dir, 'bench.db'), port: 0, logger: pino({ level: 'silent' }), processMetrics: false,
    configureHttp: (app) => {
      app.get('/bench/ping', async () => ({ ok: true }));
    },
  });
  try {
    return await body(service);
  } finally {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function seedAircraft(service: RunningService): void {
  const source = receiverSource('bench');
  const t0 = Date.now() * 1000;
  const events: SkyledgerEvent[] = [];
  for (let i = 0; i < AIRCRAFT; i++) {
    const icao = (0x400000 + i * 37).toString(16).toUpperCase();
    const frame = Uint8Array.of(i & 0xff, i >> 8);
    const lat = 48 + (i % 25) * 0.2;
    const lon = 6 + Math.floor(i / 25) * 0.3;
    events.push(
      buildEvent(AIRCRAFT_IDENTIFIED, source, icao, t0 + i, frame, { icao_address: icao, callsign: `BEN${i}`, emitter_category: 'A3' }),
      buildEvent(SQUAWK_RECEIVED, source, icao, t0 + i + 1, frame, { icao_address: icao, squawk: (1000 + (i % 7000)).toString(8).slice(-4).padStart(4, '0') }),
      buildEvent(POSITION_REPORTED, source, icao, t0 + i + 2, frame, {
        icao_address: icao, latitude: lat, longitude: lon, altitude: 30000 + i * 10, altitude_type: 'barometric', on_ground: false,
        cpr: { format: 'even', lat: 1000, lon: 2000 }, decoding: 'global',
      }),
      buildEvent(VELOCITY_REPORTED, source, icao, t0 + i + 3, frame, { icao_address: icao, ground_speed: 420, heading: 90, vertical_rate: 0, vertical_rate_source: 'barometric' }),
    );
  }
  service.store.log.appendSync(events);
  service.store.runner.catchUp();
}

/** Requests per second against `path` with CONCURRENCY keep-alive connections for `seconds`. */
async function load(base: string, urlPath: string, seconds: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const url = new URL(urlPath, base);
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      await new Promise<void>((resolve, reject) => {
        http.get({ host: url.hostname, port: url.port, path: url.pathname + url.search, agent }, (res) => {
          if (res.statusCode !== 200) reject(new Error(`${urlPath}: HTTP ${res.statusCode}`));
          res.on('data', () => {});
          res.on('end', () => resolve());
        }).on('error', reject);
      });
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const rate = done / ((performance.now() - started) / 1000);
  agent.destroy();
  return rate;
}

async function requestRate(): Promise<BenchFigure[]> {
  return withService([], async (service) => {
    seedAircraft(service);
    const listed = await (await fetch(`${service.url}/api/aircraft`)).json() as { count: number };
    if (listed.count !== AIRCRAFT) throw new Error(`expected ${AIRCRAFT} aircraft, got ${listed.count}`);
    // The machine is shared and its load swings: routes take turns in short windows, and each
    // figure is the median of its windows.
    const routes = { ping: '/bench/ping', aircraft: '/api/aircraft', circle: '/api/aircraft?circle=50,8,60', json: '/data/aircraft.json' };
    const rates: Record<keyof typeof routes, number[]> = { ping: [], aircraft: [], circle: [], json: [] };
    for (const route of Object.values(routes)) await load(service.url, route, 0.3);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, route] of Object.entries(routes) as [keyof typeof routes, string][]) rates[name].push(await load(service.url, route, LOAD_SECONDS / ROUNDS));
    }
    const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const [ping, aircraft, circle, json] = [med(rates.ping), med(rates.aircraft), med(rates.circle), med(rates.json)];
    const extra = { aircraft: AIRCRAFT, concurrency: CONCURRENCY };
    return [
      figure('service_api_aircraft', aircraft, 'requests/s', 'trivial_route_same_server', ping, extra),
      figure('service_api_aircraft_circle', circle, 'requests/s', 'trivial_route_same_server', ping, extra),
      figure('service_aircraft_json', json, 'requests/s', 'trivial_route_same_server', ping, extra),
    ];
  });
}

async function subscriber(service: RunningService, onEvent: (e: { time: string; position: number }, at: number) => void): Promise<WebSocket> {
  const ws = new WebSocket(`${service.url.replace(/^http/, 'ws')}/ws`);
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      const at = Date.now();
      const m = JSON.parse(String(data));
      if (m.type === 'subscribed') resolve();
      else if (typeof m.position === 'number') onEvent(m, at);
    });
    ws.once('open', () => ws.send(JSON.stringify({ type: 'subscribe', channel: 'aircraft' })));
    ws.once('error', reject);
  });
  return ws;
}

async function pushLatency(): Promise<BenchFigure[]> {
  const frames = demoFrames();
  const sockets = new Set<Socket>();
  const feed = createServer((socket) => sockets.add(socket));
  const port = await listenLoopback(feed);
  try {
    return await withService([`bench=beast://127.0.0.1:${port}`], async (service) => {
      const frameLatency: number[] = [];
      let measuring = false;
      const ws = await subscriber(service, (e, at) => {
        if (measuring) frameLatency.push(at - parseMicros(e.time) / 1000);
      });
      const socket = await firstSocket(sockets);
      // 50 frames every 10 ms, on the clock (a late tick catches up).
      const perTick = FRAMES_PER_SECOND / 100;
      const started = performance.now();
      let sent = 0;
      let next = 0;
      await new Promise<void>((resolve) => {
        const tick = (): void => {
          const elapsed = (performance.now() - started) / 1000;
          if (elapsed >= FEED_SECONDS) {
            resolve();
            return;
          }
          measuring = elapsed >= WARM_SECONDS;
          const due = Math.floor(elapsed * FRAMES_PER_SECOND) + perTick;
          const chunk: Uint8Array[] = [];
          for (; sent < due; sent++) chunk.push(frames[next++ % frames.length]);
          socket.write(Buffer.concat(chunk));
          setTimeout(tick, 10);
        };
        tick();
      });
      measuring = false;
      const fedRate = sent / ((performance.now() - started) / 1000);
      const framesIn = service.receivers[0].ingest.counts.frames;

      // The hub alone: one event appended every 5 ms, stamped with the append time.
      const hubLatency: number[] = [];
      const ws2 = await subscriber(service, (e, at) => {
        if (e.time.startsWith('2')) hubLatency.push(at - parseMicros(e.time) / 1000);
      });
      ws.close();
      const source = receiverSource('bench-hub');
      const icao = 'ABCDEF';
      for (let i = 0; i < 400; i++) {
        const now = Date.now() * 1000;
        service.store.log.appendSync([buildEvent(POSITION_REPORTED, source, icao, now, Uint8Array.of(i & 0xff, i >> 8, 7), {
          icao_address: icao, latitude: 50, longitude: 8, altitude: 1000, altitude_type: 'barometric', on_ground: false,
          cpr: { format: 'odd', lat: 1, lon: 2 }, decoding: 'global',
        })]);
        await new Promise((r) => setTimeout(r, 5));
      }
      await new Promise((r) => setTimeout(r, 300));
      ws2.close();
      const f = [...frameLatency].sort((a, b) => a - b);
      const h = [...hubLatency].slice(-380).sort((a, b) => a - b);
      const extra = { frames_per_second_fed: Math.round(fedRate), frames_received: framesIn, events_pushed: f.length };
      return [
        figure('service_ws_push_latency_p50', percentile(f, 0.5), 'ms', 'hub_only_append_to_push_p50', percentile(h, 0.5), extra),
        figure('service_ws_push_latency_p99', percentile(f, 0.99), 'ms', 'hub_only_append_to_push_p99', percentile(h, 0.99), extra),
      ];
    });
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => feed.close(() => resolve()));
  }
}
