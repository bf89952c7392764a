// Watch routes: commands in through the `WatchCommands` seam (the watch service implements it),
// every one of them for an authenticated user only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatMicros } from '../events/index.ts';
import { requireUser } from './request-auth.ts';
import type { Authenticator } from './tokens.ts';

export interface WatchCommands {
  /** Throws ValidationError (→ 400, field named) or LimitError (→ 409 / 429). */
  start(userId: string, body: unknown, now: string /* RFC 3339 */): Promise<{ id: string; position: number }>;
  /** Throws NotFoundError (→ 404) for an unknown watch or one that is not the user's. */
  stop(userId: string, watchId: string, now: string): Promise<void>;
  list(userId: string): Promise<unknown[]>;
}

export interface WatchRouteDeps {
  watches: WatchCommands | undefined;
  authenticator: Authenticator;
  now: () => number;
  /** Tells the WebSocket hub whose watch it is, so alerts reach the owner. */
  noteOwner?: (watchId: string, userId: string) => void;
}

class WatchesUnavailable extends Error {
  readonly statusCode = 503;
  constructor() {
    super('watches are not available on this server');
  }
}

export function registerWatchRoutes(app: FastifyInstance, deps: WatchRouteDeps): void {
  const service = (): WatchCommands => {
    if (deps.watches === undefined) throw new WatchesUnavailable();
    return deps.watches;
  };
  const now = (): string => formatMicros(Math.round(deps.now() * 1000));
  // Authentication comes before body validation: a caller without a token learns nothing else.
  const onRequest = async (request: FastifyRequest): Promise<void> => {
    requireUser(request, deps.authenticator);
  };
  const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 128 } } } as const;

  app.post('/api/watches', { onRequest, schema: { body: { type: 'object' } } }, async (request, reply) => {
    const user = requireUser(request, deps.authenticator);
    const started = await service().start(user, request.body, now());
    deps.noteOwner?.(started.id, user);
    reply.code(201).header('location', `/api/watches/${encodeURIComponent(started.id)}`);
    return started;
  });

  app.delete('/api/watches/:id', { onRequest, schema: { params: idParams } }, async (request, reply) => {
    const user = requireUser(request, deps.authenticator);
    await service().stop(user, (request.params as { id: string }).id, now());
    reply.code(204);
  });

  app.get('/api/watches', { onRequest }, async (request) => {
    const user = requireUser(request, deps.authenticator);
    const watches = await service().list(user);
    for (const w of watches) {
      const id = (w as { id?: unknown; watch_id?: unknown } | null)?.id ?? (w as { watch_id?: unknown } | null)?.watch_id;
      if (typeof id === 'string') deps.noteOwner?.(id, user);
    }
    return { watches };
  });
}
