// Aircraft read routes: the current picture (filtered), one aircraft, its track, and the same
// picture in dump1090-fa's aircraft.json shape.
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../app/command-errors.ts';
import type { AircraftQueries, TrackQueries } from '../store/projections/index.ts';
import { matchesAircraft, parseAircraftFilter } from './aircraft-filter.ts';
import { dump1090AircraftJson } from './dump1090-aircraft.ts';
import { readAccess } from './request-auth.ts';
import type { Authenticator } from './tokens.ts';

export interface AircraftRouteDeps {
  aircraft: AircraftQueries;
  tracks: TrackQueries;
  authenticator: Authenticator;
  readTokenRequired: boolean;
  /** Frames accepted since the service started (aircraft.json `messages`). */
  messages: () => number;
  now: () => number;
}

const TOKEN = { type: 'string', maxLength: 256 } as const;
const ICAO_PARAMS = {
  type: 'object',
  required: ['icao'],
  properties: { icao: { type: 'string', pattern: '^[0-9A-Fa-f]{6}$' } },
} as const;

export function registerAircraftRoutes(app: FastifyInstance, deps: AircraftRouteDeps): void {
  const onRequest = readAccess(deps.authenticator, deps.readTokenRequired);

  app.get('/api/aircraft', {
    onRequest,
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          callsign: { type: 'string', maxLength: 16 },
          icao: { type: 'string', maxLength: 16 },
          squawk: { type: 'string', maxLength: 8 },
          circle: { type: 'string', maxLength: 64 },
          box: { type: 'string', maxLength: 96 },
          token: TOKEN,
        },
      },
    },
  }, async (request) => {
    const { token: _token, ...raw } = request.query as Record<string, unknown>;
    const filter = parseAircraftFilter(raw);
    const rows = deps.aircraft.list().filter((r) => matchesAircraft(filter, r));
    return { now: deps.now() / 1000, count: rows.length, aircraft: rows };
  });

  app.get('/api/aircraft/:icao', {
    onRequest,
    schema: { params: ICAO_PARAMS, querystring: { type: 'object', additionalProperties: false, properties: { token: TOKEN } } },
  }, async (request) => {
    const { icao } = request.params as { icao: string };
    const row = deps.aircraft.byIcao(icao);
    if (row === undefined) throw new NotFoundError('aircraft', icao.toUpperCase());
    return row;
  });

  app.get('/api/aircraft/:icao/track', {
    onRequest,
    schema: { params: ICAO_PARAMS, querystring: { type: 'object', additionalProperties: false, properties: { token: TOKEN } } },
  }, async (request) => {
    const icao = (request.params as { icao: string }).icao.toUpperCase();
    const points = deps.tracks.trackOf(icao);
    if (points.length === 0 && deps.aircraft.byIcao(icao) === undefined) throw new NotFoundError('aircraft', icao);
    return { icao, points };
  });

  // Front ends add cache-busting parameters (`?_=…`): unknown parameters are allowed here.
  app.get('/data/aircraft.json', { onRequest, schema: { querystring: { type: 'object', properties: { token: TOKEN } } } }, async (_request, reply) => {
    reply.header('cache-control', 'no-cache');
    return dump1090AircraftJson(deps.aircraft.list(), deps.now(), deps.messages());
  });
}
