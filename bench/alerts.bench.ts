// Alert latency, frame in → `flight_spotted` on a WebSocket client, through the real service (one
// process: the feed, the service and the clients share the 2 cores, so figures are conservative):
// the demo capture's frames fed over loopback TCP (Beast) at 5,000 frames/s as background traffic;
// 200 callsign watches created over HTTP with tokens (4 users × 50, the per-user limit), each user
// with a `ws` client on the alerts channel; over the run 200 aircraft nobody has heard appear, one
// every 200 ms (5 new identities a second on top of the demo's own), each with an identification
// frame whose callsign one watch waits for. The figure is the time from writing that frame to the
// socket to receiving its alert. The peer is the same measurement for a plain observation in the
// same run: each new aircraft's first velocity frame, written at a random moment (seeded) before the
// next aircraft appears, to its `velocity_reported` push on the aircraft channel — bulk observations
// are appended in batches of 100 ms of traffic, identities (and what is pending before them) at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import { startService, type RunningService } from '../src/app/service.ts';
import { parseSourceSpecs } from '../src/app/source-spec.ts';
import { TokenAuthenticator } from '../src/api/tokens.ts';
import { encodeIdentification, encodeVelocity } from '../src/modes/encode/index.ts';
import { writeBeast } from '../src/wire/beast.ts';
import { demoFrames, firstSocket, listenLoopback, percentile } from './beast-feed.ts';
import { figure, type BenchFigure } from './runner.ts';

const FRAMES_PER_SECOND = 5000;
const USERS = 4;
const WATCHES_PER_USER = 50;
const PROBES = USERS * WATCHES_PER_USER;
const PROBE_EVERY_MS = 200;
const WARM_SECONDS = 1.5;
const DRAIN_MS = 2000;

interface Probe {
  icao: number;
  hex: string;
  callsign: string;
  identWritten: number;
  /** ms after the identification: not in step with the flushes the identifications cause. */
  velocityAfter: number;
  velocityWritten: number;
  alertAt: number;
  identPushAt: number;
  velocityPushAt: number;
}

async function client(service: RunningService, token: string | undefined, channel: 'alerts' | 'aircraft', onEvent: (m: Record<string, any>) => void): Promise<WebSocket> {
  const ws = new WebSocket(`${service.url.replace(/^http/, 'ws')}/ws${token ? `?token=${token}` : ''}`);
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data));
      if (m.type === 'subscribed') resolve();
      else if (m.type === 'error') reject(new Error(`ws: ${m.message}`));
      else if (typeof m.position === 'number') onEvent(m);
    });
    ws.once('open', () => ws.send(JSON.stringify({ type: 'subscribe', channel })));
    ws.once('error', reject);
  });
  return ws;
}

export async function run(): Promise<BenchFigure[]> {
  const background = demoFrames();
  const sockets = new Set<Socket>();
  const feed = createServer((socket) => {
    // Each write leaves at once: the figure is ours, not Nagle's.
    socket.setNoDelay(true);
    sockets.add(socket);
  });
  const port = await listenLoopback(feed);
  const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-bench-alerts-'));
  const tokens = Array.from({ length: USERS }, (_, u) => `bench-user-${u}-token`);
  const service = await startService({
    sources: parseSourceSpecs([`bench=beast://127.0.0.1:${port}`]), db: path.join(dir, 'bench.db'), port: 0,
    logger: pino({ level: 'silent' }), processMetrics: false,
    authenticator: new TokenAuthenticator({ tokens: tokens.map((t, u) => `user${u}:${t}`).join(','), file: null }),
  });
  const clients: WebSocket[] = [];
  try {
    // Aircraft the demo never heard, each identified with a callsign one watch waits for.
    let seed = 0x2545f491;
    const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const probes: Probe[] = Array.from({ length: PROBES }, (_, i) => ({
      icao: 0xa10000 + i, hex: (0xa10000 + i).toString(16).toUpperCase(), callsign: `WCH${String(i).padStart(3, '0')}`,
      identWritten: Number.NaN, velocityAfter: 5 + random() * (PROBE_EVERY_MS - 10), velocityWritten: Number.NaN, alertAt: Number.NaN, identPushAt: Number.NaN, velocityPushAt: Number.NaN,
    }));
    const byHex = new Map(probes.map((p) => [p.hex, p]));
    for (let i = 0; i < PROBES; i++) {
      const res = await fetch(`${service.url}/api/watches`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[i % USERS]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ callsign: probes[i].callsign }),
      });
      if (res.status !== 201) throw new Error(`POST /api/watches: HTTP ${res.status} ${await res.text()}`);
    }
    for (const token of tokens) {
      clients.push(await client(service, token, 'alerts', (m) => {
        const p = m.type === 'org.skyledger.flight_spotted.v1' ? byHex.get(m.data.icao) : undefined;
        if (p !== undefined && Number.isNaN(p.alertAt)) p.alertAt = performance.now();
      }));
    }
    clients.push(await client(service, undefined, 'aircraft', (m) => {
      const p = byHex.get(m.subject);
      if (p === undefined) return;
      if (m.type === 'org.skyledger.velocity_reported.v1' && Number.isNaN(p.velocityPushAt)) p.velocityPushAt = performance.now();
      else if (m.type === 'org.skyledger.aircraft_identified.v1' && Number.isNaN(p.identPushAt)) p.identPushAt = performance.now();
    }));
    const socket = await firstSocket(sockets);

    // Background: 50 frames every 10 ms on the clock (a late tick catches up). Probes: after the
    // warm-up, one identification every 200 ms and its velocity within that, each its own write.
    const perTick = FRAMES_PER_SECOND / 100;
    const feedSeconds = WARM_SECONDS + (PROBES * PROBE_EVERY_MS) / 1000 + 0.2;
    const started = performance.now();
    let sent = 0;
    let next = 0;
    let identsDue = 0;
    let velocitiesDue = 0;
    let ts = 0;
    await new Promise<void>((resolve) => {
      const tick = (): void => {
        const now = performance.now();
        const elapsed = (now - started) / 1000;
        if (elapsed >= feedSeconds) {
          resolve();
          return;
        }
        const due = Math.floor(elapsed * FRAMES_PER_SECOND) + perTick;
        const chunk: Uint8Array[] = [];
        for (; sent < due; sent++) chunk.push(background[next++ % background.length]);
        socket.write(Buffer.concat(chunk));
        const probing = (now - started) - WARM_SECONDS * 1000;
        for (; identsDue < PROBES && probing >= identsDue * PROBE_EVERY_MS; identsDue++) {
          const p = probes[identsDue];
          const frame = writeBeast(encodeIdentification({ icao: p.icao, callsign: p.callsign, category: 'A3' }), (ts += 12_000), 200);
          p.identWritten = performance.now();
          socket.write(frame);
        }
        for (; velocitiesDue < identsDue && probing >= velocitiesDue * PROBE_EVERY_MS + probes[velocitiesDue].velocityAfter; velocitiesDue++) {
          const p = probes[velocitiesDue];
          const frame = writeBeast(encodeVelocity({ icao: p.icao, groundSpeed: 420, track: 90, verticalRate: 0 }), (ts += 12_000), 200);
          p.velocityWritten = performance.now();
          socket.write(frame);
        }
        setTimeout(tick, 10);
      };
      tick();
    });
    const fedRate = sent / ((performance.now() - started) / 1000);
    const drainUntil = performance.now() + DRAIN_MS;
    while (performance.now() < drainUntil && probes.some((p) => Number.isNaN(p.alertAt) || Number.isNaN(p.velocityPushAt))) {
      await new Promise((r) => setTimeout(r, 20));
    }

    const sorted = (xs: number[]): number[] => xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
    const alert = sorted(probes.map((p) => p.alertAt - p.identWritten));
    const velocity = sorted(probes.map((p) => p.velocityPushAt - p.velocityWritten));
    const ident = sorted(probes.map((p) => p.identPushAt - p.identWritten));
    const extra = {
      frames_per_second_fed: Math.round(fedRate),
      frames_received: service.receivers[0].ingest.counts.frames,
      watches: PROBES,
      alerts_received: alert.length,
      velocity_pushes_received: velocity.length,
      identity_push_p50_ms: percentile(ident, 0.5),
      identity_push_p99_ms: percentile(ident, 0.99),
      appends: service.receivers[0].ingest.counts.appends,
    };
    if (alert.length < PROBES) throw new Error(`only ${alert.length} of ${PROBES} alerts arrived within ${DRAIN_MS} ms of the last frame`);
    return [
      figure('service_alert_latency_p50', percentile(alert, 0.5), 'ms', 'observation_push_latency_p50', percentile(velocity, 0.5), extra),
      figure('service_alert_latency_p99', percentile(alert, 0.99), 'ms', 'observation_push_latency_p99', percentile(velocity, 0.99), extra),
    ];
  } finally {
    for (const c of clients) c.close();
    await service.close();
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => feed.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
}
