// `/ws`: upgrades to a WebSocket and hands the connection to the hub. A token on the upgrade
// (`Authorization: Bearer` or `?token=`) authenticates the connection at once; a bad one is a 401
// before the upgrade. `?after=POSITION` asks for everything after that position first.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../app/command-errors.ts';
import type { WebSocketHub } from '../notifiers/websocket.ts';
import { tokenOfRequest, type Authenticator } from './tokens.ts';

export interface WsRouteDeps {
  hub: WebSocketHub;
  authenticator: Authenticator;
}

export function registerWsRoute(app: FastifyInstance, deps: WsRouteDeps): void {
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
    const client = deps.hub.attach(socket, { user, after: q.after });
    socket.on('message', (data, isBinary) => {
      if (isBinary) deps.hub.receive(client, '\u0000');
      else deps.hub.receive(client, Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8'));
    });
    socket.on('close', () => deps.hub.detach(client));
    socket.on('error', () => deps.hub.detach(client));
  });
}
