// Aircraft read routes: the current picture (filtered), one aircraft, its track, and the same
// picture in dump1090-fa's aircraft.json shape.
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../app/command-errors.ts';
import type { AircraftQueries, TrackQueries } from '../store/projections/index.ts';
import type { AircraftRow } from '../projectors/index.ts';
import { isEmptyFilter, matchesAircraft, parseAircraftFilter } from './aircraft-filter.ts';
import { dump1090AircraftJson, type LiveSignalOf } from './dump1090-aircraft.ts';
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
  /**
   * Changes whenever the aircraft projection may have changed (its checkpoint). When given, the
   * rows and their JSON are read once per version instead of once per request: front ends poll
   * every second, and the projection changes at most once per ingest batch.
   */
  aircraftVersion?: () => number;
  /** Live frames and signal per aircraft (aircraft.json `messages`, `rssi`). */
  liveSignal?: LiveSignalOf;
}

class RowsCache {
  private version = Number.NaN;
  private rows: AircraftRow[] = [];
  private json: Buffer | undefined;

  constructor(private readonly deps: AircraftRouteDeps) {}

  current(): AircraftRow[] {
    const v = this.deps.aircraftVersion?.();
    if (v === undefined || v !== this.version) {
      this.rows = this.deps.aircraft.list();
      this.json = undefined;
      this.version = v ?? Number.NaN;
    }
    return this.rows;
  }

  /** The rows as UTF-8 JSON, encoded once per version. */
  currentJson(): Buffer {
    const rows = this.current();
    this.json ??= Buffer.from(JSON.stringify(rows));
    return this.json;
  }
}

const CLOSE_BRACE = Buffer.from('}');
const TOKEN = { type: 'string', maxLength: 256 } as const;
const ICAO_PARAMS = {
  type: 'object',
  required: ['icao'],
  properties: { icao: { type: 'string', pattern: '^[0-9A-Fa-f]{6}$' } },
} as const;

export function registerAircraftRoutes(app: FastifyInstance, deps: AircraftRouteDeps): void {
  const onRequest = readAccess(deps.authenticator, deps.readTokenRequired);
  const cache = new RowsCache(deps);

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
  }, async (request, reply) => {
    const { token: _token, ...raw } = request.query as Record<string, unknown>;
    const filter = parseAircraftFilter(raw);
    const now = deps.now() / 1000;
    if (isEmptyFilter(filter)) {
      const count = cache.current().length;
      reply.type('application/json; charset=utf-8');
      return Buffer.concat([Buffer.from(`{"now":${now},"count":${count},"aircraft":`), cache.currentJson(), CLOSE_BRACE]);
    }
    const rows = cache.current().filter((r) => matchesAircraft(filter, r));
    return { now, count: rows.length, aircraft: rows };
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
    return dump1090AircraftJson(cache.current(), deps.now(), deps.messages(), deps.liveSignal);
  });
}
