// The HTTP API: one Fastify instance with every route, JSON Schemas on each, and the one error
// handler that turns a kind of failure into its status (error-status.ts).
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyBaseLogger } from 'fastify';
import type { WebSocketHub } from '../notifiers/websocket.ts';
import type { EventLog } from '../store/event-log.ts';
import type { AircraftQueries, TrackQueries } from '../store/projections/index.ts';
import { registerAircraftRoutes } from './aircraft-routes.ts';
import type { LiveSignalOf } from './dump1090-aircraft.ts';
import { errorReply } from './error-status.ts';
import { registerEventRoutes } from './event-routes.ts';
import { readAccess } from './request-auth.ts';
import type { Authenticator } from './tokens.ts';
import { registerWatchRoutes, type WatchCommands } from './watch-routes.ts';
import { registerStaticPage } from './static-page.ts';
import { registerWsRoute } from './ws-route.ts';

export interface ApiDeps {
  log: EventLog;
  aircraft: AircraftQueries;
  tracks: TrackQueries;
  authenticator: Authenticator;
  hub: WebSocketHub;
  watches?: WatchCommands;
  readTokenRequired?: boolean;
  health: () => Promise<object> | object;
  metrics: { contentType: string; text: () => Promise<string> };
  /** Frames accepted since start (aircraft.json `messages`). */
  messages: () => number;
  /** The aircraft projection's checkpoint (lets the aircraft routes reuse rows between changes). */
  aircraftVersion?: () => number;
  /** Live frames and signal per aircraft (aircraft.json `messages`, `rssi`). */
  liveSignal?: LiveSignalOf;
  /** Receiver position for the web map's range rings (`/page-config.json`). */
  receiver?: { lat: number; lon: number };
  now?: () => number;
  /** WebSocket ping period; a client silent for a whole period is dropped (default 30 s). */
  wsHeartbeatMs?: number;
  logger?: FastifyBaseLogger | boolean;
}

export const MAX_WS_MESSAGE_BYTES = 64 * 1024;

export async function buildHttpServer(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: typeof deps.logger === 'object' ? deps.logger : undefined,
    logger: typeof deps.logger === 'boolean' ? deps.logger : undefined,
    bodyLimit: 64 * 1024,
    // Unknown query parameters are an error (a typo should not silently widen a query).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
  const now = deps.now ?? Date.now;
  const readTokenRequired = deps.readTokenRequired ?? false;

  app.setErrorHandler((err, request, reply) => {
    const r = errorReply(err);
    if (r.status >= 500) request.log.error({ err }, 'request failed');
    if (r.headers) reply.headers(r.headers);
    reply.code(r.status).send(r.body);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });

  await app.register(websocket, { options: { maxPayload: MAX_WS_MESSAGE_BYTES } });

  registerAircraftRoutes(app, { aircraft: deps.aircraft, tracks: deps.tracks, authenticator: deps.authenticator, readTokenRequired, messages: deps.messages, now, aircraftVersion: deps.aircraftVersion, liveSignal: deps.liveSignal });
  registerEventRoutes(app, { log: deps.log, authenticator: deps.authenticator, readTokenRequired });
  registerWatchRoutes(app, { watches: deps.watches, authenticator: deps.authenticator, now, noteOwner: (id, user) => deps.hub.noteWatchOwner(id, user) });
  registerWsRoute(app, { hub: deps.hub, authenticator: deps.authenticator, heartbeatMs: deps.wsHeartbeatMs });
  registerStaticPage(app, { receiver: deps.receiver });

  const onRequest = readAccess(deps.authenticator, readTokenRequired);
  app.get('/health', async () => deps.health());
  app.get('/metrics', { onRequest }, async (_request, reply) => {
    reply.header('content-type', deps.metrics.contentType);
    return deps.metrics.text();
  });
  return app;
}
