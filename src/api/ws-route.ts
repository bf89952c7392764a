// `/ws`: upgrades to a WebSocket and hands the connection to the hub. A token on the upgrade
// (`Authorization: Bearer` or `?token=`) authenticates the connection at once; a bad one is a 401
// before the upgrade. `?after=POSITION` asks for everything after that position first.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { UnauthorizedError } from '../app/command-errors.ts';
import type { WebSocketHub } from '../notifiers/websocket.ts';
import { tokenOfRequest, type Authenticator } from './tokens.ts';

export interface WsRouteDeps {
  hub: WebSocketHub;
  authenticator: Authenticator;
  /** A client that has not answered a ping within this period is dropped (default 30 s). */
  heartbeatMs?: number;
}

interface Liveness {
  alive: boolean;
}

export function registerWsRoute(app: FastifyInstance, deps: WsRouteDeps): void {
  // A peer that vanished without a close (network gone, laptop asleep) would otherwise stay a
  // client forever: ping everyone each period and drop who did not answer the last ping.
  const sockets = new Map<WebSocket, Liveness>();
  const heartbeat = setInterval(() => {
    for (const [socket, liveness] of sockets) {
      if (!liveness.alive) {
        socket.terminate();
        continue;
      }
      liveness.alive = false;
      socket.ping();
    }
  }, deps.heartbeatMs ?? 30_000);
  heartbeat.unref();
  app.addHook('onClose', async () => clearInterval(heartbeat));

  const userOfUpgrade = (request: FastifyRequest): string | undefined => {
    const token = tokenOfRequest(request.headers.authorization, (request.query as { token?: string }).token);
    if (token === undefined) return undefined;
    const user = deps.authenticator.authenticate(token);
    if (user === undefined) throw new UnauthorizedError('unknown token');
    return user;
  };

  app.get('/ws', {
    websocket: true,
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { after: { type: 'integer', minimum: 0 }, token: { type: 'string', maxLength: 256 } },
      },
    },
    preHandler: async (request) => {
      userOfUpgrade(request);
    },
  }, (socket, request) => {
    const q = request.query as { after?: number };
    let user: string | undefined;
    try {
      user = userOfUpgrade(request);
    } catch {
      socket.close(4401, 'unknown token');
      return;
    }
    const liveness: Liveness = { alive: true };
    sockets.set(socket, liveness);
    socket.on('pong', () => (liveness.alive = true));
    const client = deps.hub.attach(socket, { user, after: q.after });
    socket.on('message', (data, isBinary) => {
      if (isBinary) deps.hub.receive(client, '\u0000');
      else deps.hub.receive(client, Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8'));
    });
    const gone = (): void => {
      sockets.delete(socket);
      deps.hub.detach(client);
    };
    socket.on('close', gone);
    socket.on('error', gone);
  });
}
