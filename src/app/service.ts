// The running service (`skyledger serve`): sources → decoder → injectors → event log →
// projections, and the HTTP API with its WebSocket hub reading from them. This file only wires;
// each part lives in its own module. Shutdown stops the sources, flushes what is pending into the
// log, brings the projections up to date and closes the database.
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildHttpServer } from '../api/http-server.ts';
import { TokenAuthenticator, type Authenticator } from '../api/tokens.ts';
import type { WatchCommands } from '../api/watch-routes.ts';
import { CleanupTicker, startLiveCleanupTicks, type ObservationPolicy } from '../injectors/index.ts';
import { WebSocketHub } from '../notifiers/websocket.ts';
import { AircraftQueries, TrackQueries } from '../store/projections/index.ts';
import { Ingest } from './ingest.ts';
import { openStore, type Store } from './open-store.ts';
import { Receiver } from './receiver.ts';
import { startWatches } from './watch-wiring.ts';
import { ServiceMetrics } from './service-metrics.ts';
import { SignalTracker } from './signal-tracker.ts';
import type { SourceSpec } from './source-spec.ts';

export interface ServiceOptions {
  sources: SourceSpec[];
  db: string;
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** Receiver position for local CPR decoding and range checks. */
  receiver?: { lat: number; lon: number };
  readTokenRequired?: boolean;
  authenticator?: Authenticator;
  watches?: WatchCommands;
  logger?: Logger;
  policy?: ObservationPolicy;
  /** Idle flush period: pending events are appended at least this often (default 100 ms). */
  flushMillis?: number;
  cleanup?: { intervalSeconds?: number; maxAgeSeconds?: number };
  /** WebSocket send-buffer bound per client (default 1 MiB). */
  maxClientBufferBytes?: number;
  /** WebSocket ping period (default 30 s). */
  wsHeartbeatMs?: number;
  demoPath?: string;
  processMetrics?: boolean;
  /** Adds routes before the server listens (a benchmark's trivial peer route, a static page). */
  configureHttp?: (app: FastifyInstance) => void | Promise<void>;
}

export interface RunningService {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly hub: WebSocketHub;
  readonly receivers: readonly Receiver[];
  readonly metrics: ServiceMetrics;
  /** Appends everything pending now and updates the projections (tests; shutdown). */
  flush(): void;
  close(): Promise<void>;
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const logger = options.logger ?? pino({ name: 'skyledger' });
  const startedAt = Date.now();
  const store = openStore(options.db);
  store.runner.catchUp();
  const watchParts = options.watches === undefined ? startWatches(store, logger.child({ part: 'watches' })) : undefined;
  const authenticator = options.authenticator ?? new TokenAuthenticator({ onBadLines: (origin, lines) => logger.warn({ origin, lines }, 'ignored malformed token lines (want user:token)') });
  const aircraft = new AircraftQueries(store.db);
  const tracks = new TrackQueries(store.db);
  const hub = new WebSocketHub({
    log: store.log,
    authenticator,
    lookupAircraft: (icao) => aircraft.byIcao(icao),
    watchOwner: (id) => watchParts?.ownerOf(id),
    readTokenRequired: options.readTokenRequired,
    maxBufferedBytes: options.maxClientBufferBytes,
    logger: logger.child({ part: 'websocket' }),
  });
  await hub.start();

  const receivers: Receiver[] = [];
  const metrics = new ServiceMetrics({
    receivers: () => receivers.map((r) => ({ name: r.name, counts: r.ingest.counts, status: r.status })),
    head: () => store.log.headSync(),
    lag: () => store.runner.lag(),
    wsClients: () => hub.stats().clients,
    wsPushed: () => hub.counts.pushed,
    wsClosedSlow: () => hub.counts.closedSlow,
  }, { processMetrics: options.processMetrics });

  const sourceLogger = logger.child({ part: 'source' });
  const signals = new SignalTracker();
  let liveTicks = false;
  try {
    for (const spec of options.sources) {
      // A recorded capture carries its own time: it ticks from its traffic. Live sources (and the
      // demo, stamped from now) share one ticker driven by the clock.
      const fromCapture = spec.config.kind === 'file';
      if (!fromCapture) liveTicks = true;
      // A capture read at full speed runs ahead of the clock: nobody waits on its alerts, and a
      // commit per identity or squawk would slow it down; everything else commits those at once.
      const fullSpeed = 'speed' in spec.config && spec.config.speed === 'max';
      const ingest = new Ingest(store.log, store.runner, {
        receiver: spec.name,
        policy: options.policy,
        ticks: fromCapture ? options.cleanup ?? {} : false,
        flushAlertWorthy: !fullSpeed,
        decoder: options.receiver ? { receiver: options.receiver } : undefined,
      });
      receivers.push(new Receiver(spec, ingest, (name, batch) => {
        metrics.countFrames(name, batch);
        signals.note(batch);
      }, sourceLogger, { demoPath: options.demoPath }));
    }
  } catch (err) {
    for (const r of receivers) await r.close();
    await hub.close();
    await watchParts?.close();
    store.close();
    throw err;
  }

  const flush = (): void => {
    for (const r of receivers) r.ingest.flush();
    if (receivers.length === 0) store.runner.catchUp();
  };
  const flushTimer = setInterval(() => {
    try {
      flush();
    } catch (err) {
      logger.error({ err }, 'append failed');
    }
  }, options.flushMillis ?? 100);
  const stopTicks = liveTicks
    ? startLiveCleanupTicks(new CleanupTicker(receivers.find((r) => r.kind !== 'file')?.name ?? 'skyledger', options.cleanup), (events) => {
        store.log.appendSync(events);
        store.runner.catchUp();
      })
    : () => {};

  const app = await buildHttpServer({
    log: store.log,
    aircraft,
    tracks,
    authenticator,
    hub,
    watches: options.watches ?? watchParts?.commands,
    readTokenRequired: options.readTokenRequired,
    // Per-request lines would drown the log: the HTTP part logs warnings and errors only.
    logger: logger.child({ part: 'http' }, { level: 'warn' }),
    messages: () => receivers.reduce((n, r) => n + r.ingest.counts.accepted, 0),
    aircraftVersion: () => store.runner.checkpoint('aircraft'),
    liveSignal: (icao) => signals.of(icao),
    wsHeartbeatMs: options.wsHeartbeatMs,
    receiver: options.receiver,
    metrics: { contentType: metrics.contentType, text: () => metrics.text() },
    health: () => health(),
  });

  const health = (): object => {
    const sources = receivers.map((r) => {
      const s = r.status;
      const c = r.ingest.counts;
      return {
        name: r.name, uri: r.uri, kind: r.kind, state: s.state, bytes: s.bytes, frames: c.frames, accepted: c.accepted,
        rejected: c.rejected, events_appended: c.appended, errors: s.errors, last_error: s.lastError, reconnects: s.reconnects, reasons: s.reasons,
      };
    });
    const lag = store.runner.lag();
    const healthy = sources.every((s) => s.state === 'connected' || (s.state === 'closed' && s.last_error === null));
    return {
      status: healthy ? 'ok' : 'degraded',
      uptime_seconds: Math.round((Date.now() - startedAt) / 1000),
      sources,
      log: { head: store.log.headSync() },
      projections: { lag, parked: store.runner.parked },
      websocket: hub.stats(),
      ...(watchParts ? { watches: { active: watchParts.runner.active, process: watchParts.runner.counts, webhook: watchParts.gateway.counts, unreadable_fields: watchParts.personal.unreadable } } : {}),
    };
  };

  await options.configureHttp?.(app);
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8080 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port ?? 8080;
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  for (const r of receivers) {
    r.run().catch((err: unknown) => logger.error({ source: r.name, err }, 'source stopped'));
  }
  logger.info({ url, db: options.db, sources: receivers.map((r) => ({ name: r.name, uri: r.uri })), read_token_required: options.readTokenRequired ?? false }, 'skyledger serving');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      clearInterval(flushTimer);
      stopTicks();
      await Promise.all(receivers.map((r) => r.close()));
      try {
        flush();
      } catch (err) {
        logger.error({ err }, 'final append failed');
      }
      await hub.close();
      await app.close();
      await watchParts?.close();
      const head = store.log.headSync();
      store.close();
      logger.info({ log_head: head }, 'skyledger stopped');
    })();
    return closing;
  };

  return { url, app, store, hub, receivers, metrics, flush, close };
}
